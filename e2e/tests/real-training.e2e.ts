import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertTrainingReady,
  collectPageErrors,
  makeTinyModel,
  seed,
  startStack,
  startTrainer,
  writeSyntheticReviews,
  type ManagedProcess,
  type Stack,
} from '../kit';

/**
 * The whole flow with nothing standing in: a study created from the form, trained by the trainer daemon running the
 * engine on tiny models built here from synthetic reviews, then analysed, compared and exported in the browser.
 */
const STUDY = 'Tiny models, trained for real';
const LIVE_TIMEOUT = { timeout: 15_000 };
/** One run of a tiny model: engine start, training, ONNX export, inference measurement and upload. */
const RUN_TIMEOUT_MS = 180_000;
const REVIEWS = 800;
const MAX_LENGTH = 64;

/** Settings under which each tiny model beats the majority class in a few epochs (the demo's, shortened). */
const METHODS = [
  { label: 'BERT full fine-tuning', box: 'BERT full fine-tuning full', model: 'bert', epochs: '2', batchSize: '8', learningRate: '2e-3' },
  { label: 'BERT + LoRA', box: 'BERT + LoRA lora', model: 'bert', epochs: '2', batchSize: '16', learningRate: '1e-2' },
  { label: 'Mamba + classification head', box: 'Mamba + classification head mamba', model: 'mamba', epochs: '1', batchSize: '16', learningRate: '3e-3' },
] as const;

const runsTable = (page: Page) => page.locator('table[aria-label="Runs"]');
const runStatus = (page: Page) => page.locator('[data-testid="run-status"] [data-status]');
const lossPoints = (page: Page) => page.locator('tr[data-metric-key="train/loss"] [data-field="points"]');

describe('real training: a study from the form, trained by the trainer daemon on tiny models', () => {
  let stack: Stack;
  let trainer: ManagedProcess;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let projectId: string;
  let studyUrl: string;
  let models: { bert: string; mamba: string };

  beforeAll(async () => {
    assertTrainingReady();
    stack = await startStack();
    const dir = path.join(stack.api.dataDir, 'e2e-training');
    const { reviewsFile, corpusFile } = await writeSyntheticReviews(dir, REVIEWS);
    // One at a time: the machine may have two cores, and each build uses both.
    models = {
      bert: await makeTinyModel('bert', corpusFile, path.join(dir, 'tiny-bert'), { maxLength: MAX_LENGTH }),
      mamba: await makeTinyModel('mamba', corpusFile, path.join(dir, 'tiny-mamba'), { maxLength: MAX_LENGTH }),
    };
    const { project } = await seed(stack.api.request).project({ name: 'Sentiment, trained here' });
    projectId = project.id;
    await stack.api.request(
      `mutation E2E_RegisterDataset($input: RegisterDatasetInput!) { registerDataset(input: $input) { id } }`,
      { input: { projectId, name: 'Synthetic reviews', source: reviewsFile, labelRule: 'grade3' } },
    );
    trainer = await startTrainer({ apiUrl: stack.api.url, token: stack.api.token, workDir: path.join(dir, 'trainer') });
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await trainer?.stop();
    await stack?.stop();
  });

  it('creates the study of the three methods from the form, on the tiny models', async () => {
    await page.goto(`${stack.web.url}/projects/${encodeURIComponent(projectId)}/studies/new`);
    await page.getByRole('form', { name: 'New study' }).waitFor();
    // The project's only dataset is chosen already.
    expect(await page.getByTestId('dataset-rules').locator('[data-field="labelRule"]').textContent()).toBe('grade3');
    await page.getByLabel('Name', { exact: true }).fill(STUDY);
    for (const method of METHODS) {
      await page.getByRole('checkbox', { name: new RegExp(`^${method.label.replace(/[+]/g, '\\+')}`) }).check();
      const box = page.getByRole('group', { name: method.box });
      await box.getByLabel('Base model').fill(models[method.model]);
      await box.getByLabel('Epochs').fill(method.epochs);
      await box.getByLabel('Batch size').fill(method.batchSize);
      await box.getByLabel('Learning rate').fill(method.learningRate);
    }
    await page.getByLabel('Seeds (comma-separated)').fill('1');
    await page.getByLabel('Max sequence length').fill(String(MAX_LENGTH));
    expect(await page.getByTestId('run-count').textContent()).toBe('Queues 3 runs: 3 methods × 1 seed.');
    await stack.screenshot(page, '30-real-new-study');

    await page.getByRole('button', { name: 'Create study' }).click();
    await page.waitForURL(/\/studies\/(?!new)[^/]+$/, LIVE_TIMEOUT);
    studyUrl = page.url();
    await page.getByRole('heading', { name: STUDY }).waitFor(LIVE_TIMEOUT);
    await expect.poll(() => runsTable(page).locator('tbody tr').count(), LIVE_TIMEOUT).toBe(3);
  });

  it("watches the first run's loss curve grow while the engine trains, until it succeeds", async () => {
    // Runs are claimed in queue order: the first row (full fine-tuning) is the one the trainer takes first.
    await runsTable(page).locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/runs\//);
    await page.locator('[data-live="connected"]').first().waitFor(LIVE_TIMEOUT);
    await expect.poll(() => runStatus(page).textContent(), { timeout: 60_000 }).toMatch(/RUNNING|SUCCEEDED/);

    // Sample the points column while the run trains: live points arrive without a reload, in growing counts.
    const seen: number[] = [];
    let screenshotTaken = false;
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const status = await runStatus(page).textContent();
      const points = Number((await lossPoints(page).textContent({ timeout: 1_000 }).catch(() => null)) ?? 0);
      if (points > 0 && points !== seen.at(-1)) seen.push(points);
      if (!screenshotTaken && status === 'RUNNING' && seen.length >= 2) {
        await stack.screenshot(page, '31-real-run-training');
        screenshotTaken = true;
      }
      if (status === 'SUCCEEDED' || status === 'FAILED') break;
      await page.waitForTimeout(150);
    }
    expect(await runStatus(page).textContent(), `trainer output:\n${trainer.output().slice(-4_000)}`).toBe('SUCCEEDED');
    expect(seen.length, `loss point counts seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    // What a finished run shows: its curve, final metrics, checkpoints and the export's inference costs.
    await expect.poll(() => page.locator('figure[data-chart="loss"]').getAttribute('data-chart-status'), LIVE_TIMEOUT).toBe('ready');
    const finals = page.getByRole('table', { name: 'Final metrics' });
    await expect.poll(() => finals.locator('tr[data-metric-key="eval/f1_macro"]').count(), LIVE_TIMEOUT).toBe(1);
    expect(await finals.locator('tr[data-metric-key="inference/latency_p50_ms"]').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Checkpoints' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('table', { name: 'Confusion matrix' }).waitFor(LIVE_TIMEOUT);
    await stack.screenshot(page, '32-real-run-done');
  }, RUN_TIMEOUT_MS + 60_000);

  it('waits for all three runs, then ranks the methods and draws their points with the Pareto front', async () => {
    await page.goto(studyUrl);
    const succeeded = runsTable(page).locator('[data-status="SUCCEEDED"]');
    await expect.poll(() => succeeded.count(), { timeout: 2 * RUN_TIMEOUT_MS, interval: 2_000 }).toBe(3);
    expect(await runsTable(page).locator('[data-status="FAILED"]').count()).toBe(0);

    const methods = page.getByRole('table', { name: 'Methods' });
    await expect.poll(() => methods.locator('tbody tr[data-method]').count(), LIVE_TIMEOUT).toBeGreaterThanOrEqual(3);
    for (const method of ['full', 'lora', 'mamba']) {
      expect(await methods.locator(`tr[data-method="${method}"] [data-column="eval/f1_macro"]`).textContent()).toMatch(/^[01]\.\d{4}/);
    }
    // An imported dataset has a test split, so the majority-class baseline row is there to beat.
    expect(await methods.locator('tr[data-method="majority-baseline"]').count()).toBe(1);

    const chart = page.locator('figure[data-chart="tradeoff"]');
    await expect.poll(() => chart.getAttribute('data-chart-status'), LIVE_TIMEOUT).toBe('ready');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    const summary = await chart.locator('.visually-hidden').textContent();
    expect(summary).toMatch(/^3 runs plotted\. [123] on the Pareto front: /);
    await chart.scrollIntoViewIfNeeded();
    await stack.screenshot(page, '33-real-study-analysis');
  }, 2 * RUN_TIMEOUT_MS + 60_000);

  it('compares two of the runs: same split, so comparable', async () => {
    const rows = runsTable(page).locator('tbody tr');
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await page.getByRole('link', { name: 'Compare selected (2)' }).click();
    await expect.poll(() => page.url(), LIVE_TIMEOUT).toContain('/compare?runs=');
    const verdict = page.getByTestId('compare-verdict');
    await verdict.waitFor(LIVE_TIMEOUT);
    expect(await verdict.getAttribute('data-comparable')).toBe('true');
    const finals = page.getByRole('table', { name: 'Final metrics of the compared runs' });
    expect(await finals.locator('tr[data-metric-key="eval/f1_macro"]').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Configuration differences' }).textContent()).toContain('method');
    await expect.poll(() => page.locator('figure[data-chart="compare-train/loss"]').getAttribute('data-chart-status'), LIVE_TIMEOUT).toBe('ready');
    await stack.screenshot(page, '34-real-compare');
  });

  it('exports the Markdown report of the trained study', async () => {
    await page.goto(studyUrl);
    // The visible button: while the page streams in, a hidden copy of the analysis may stand beside it.
    await page.getByRole('button', { name: 'Markdown' }).waitFor(LIVE_TIMEOUT);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Markdown' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile((await download.path())!, 'utf8');
    expect(markdown).toContain(`# ${STUDY}: study report`);
    expect(markdown).toContain('## Results per method');
    for (const name of ['BERT full fine-tuning', 'BERT + LoRA', 'Mamba']) expect(markdown).toContain(name);
  });

  it('raised no errors in the page, and the trainer lost no run', () => {
    expect(pageErrors).toEqual([]);
    expect(trainer.output()).not.toMatch(/failed|FAILED/);
  });
});
