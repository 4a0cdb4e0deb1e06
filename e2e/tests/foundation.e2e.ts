import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, FakeWorker, freePort, seed, startStack, startWeb, TINY_CLASSIFIER_DIR, uploadModel, type SeededStudy, type Stack } from '../kit';

const PROJECT = 'Russian movie reviews';
const STUDY = 'BERT vs LoRA vs Mamba';
const LIVE_TIMEOUT = { timeout: 15_000 };

/** A made-up, decreasing training loss. */
const lossAt = (step: number) => Math.round((2 / Math.sqrt(step)) * 10_000) / 10_000;

/** An import's quality report as the importer stores it (core's QualityReport), of generated reviews. */
const SYNTHETIC_REPORT = {
  version: 1,
  synthetic: true,
  labelRule: 'grade3',
  textRule: 'strip-score-mentions',
  rowsRead: 1200,
  rowsKept: 1000,
  keptPerLabel: [
    { label: 0, count: 350 },
    { label: 1, count: 650 },
  ],
  rowsDropped: 200,
  dropped: [
    { reason: 'neutral', count: 180, lines: [3, 9, 14] },
    { reason: 'duplicateText', count: 20, lines: [41, 77] },
  ],
  unusableLabels: [],
  gradeAgreement: { threshold: 6, compared: 900, disagreements: 72, share: 0.08, goodBelowThreshold: 40, badAtOrAboveThreshold: 32, lines: [5, 8] },
  scoreMentions: { rows: 40, share: 0.04, stripped: true },
  textLength: { unit: 'characters', min: 12, max: 4000, mean: 640, p50: 520, p90: 1300, p95: 1800, p99: 3100, histogram: [] },
  tokenLength: null,
  majorityClass: { label: 1, accuracy: 0.65, testAccuracy: 0.66 },
  splits: [
    { name: 'train', rows: 800, labels: [{ label: 0, count: 280 }, { label: 1, count: 520 }] },
    { name: 'validation', rows: 100, labels: [{ label: 0, count: 35 }, { label: 1, count: 65 }] },
    { name: 'test', rows: 100, labels: [{ label: 0, count: 34 }, { label: 1, count: 66 }] },
  ],
};

const runsTable = (page: Page) => page.locator('table[aria-label="Runs"]');
const runStatus = (page: Page) => page.locator('[data-testid="run-status"] [data-status]');
const progressPanel = (page: Page) => page.getByTestId('run-progress');
const progressBar = (page: Page) => page.getByRole('progressbar', { name: 'Training progress' });
const progressField = (page: Page, field: string) => progressPanel(page).locator(`[data-field="${field}"]`);
const retriesTable = (page: Page) => page.getByRole('table', { name: 'Restarts and batch changes' });
const noHorizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('foundation: from a seeded study to a live run and its leaderboard row', () => {
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let study: SeededStudy;
  let projectId: string;
  let worker: FakeWorker;
  let runId: string;
  let nextRunId: string;

  beforeAll(async () => {
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    let project: { id: string };
    ({ project, study } = await seed(stack.api.request).project({ name: PROJECT }).dataset().study({ name: STUDY, seeds: [1, 2] }));
    projectId = project.id;
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  it('lists the seeded project and creates another one from the form', async () => {
    await page.goto(`${stack.web.url}/`);
    const card = page.locator('.card', { has: page.getByRole('link', { name: PROJECT }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('1 study');

    await page.getByLabel('Name', { exact: true }).fill('Scratch project');
    await page.getByLabel('Description (optional)').fill('Made from the browser');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('link', { name: 'Scratch project' }).waitFor(LIVE_TIMEOUT);
    expect(await page.getByText('Created project “Scratch project”.').isVisible()).toBe(true);
    await stack.screenshot(page, '01-projects');
  });

  it('clicks through to the study and sees six queued runs', async () => {
    await page.getByRole('link', { name: PROJECT }).click();
    await page.waitForURL(/\/projects\//);
    await page.getByRole('table').first().waitFor();
    await stack.screenshot(page, '02-project');
    await page.getByRole('link', { name: STUDY }).click();
    await page.waitForURL(/\/studies\//);

    await expect.poll(() => runsTable(page).locator('tbody tr').count(), LIVE_TIMEOUT).toBe(6);
    expect(await runsTable(page).locator('[data-status="QUEUED"]').count()).toBe(6);
    expect(await page.locator('[data-count="queued"] .count__value').textContent()).toBe('6');
    expect(await page.locator('[data-count="total"] .count__value').textContent()).toBe('6');
    expect(study.runs).toHaveLength(6);
    await stack.screenshot(page, '03-study-queued');
  });

  it('shows a worker claiming, starting and logging metrics on the open run page, without a reload', async () => {
    // Runs are claimed in queue order: the first row is the one the worker gets.
    await runsTable(page).locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/runs\//);
    runId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    await page.locator('[data-testid="run-status"] [data-status="QUEUED"]').waitFor();
    await page.locator('[data-live="connected"]').first().waitFor(LIVE_TIMEOUT);
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    worker = await FakeWorker.register(stack.api.request);
    const claim = await worker.claim();
    expect(claim?.run.id).toBe(runId);
    await worker.start(runId);
    await expect.poll(() => runStatus(page).textContent(), LIVE_TIMEOUT).toBe('RUNNING');
    await expect.poll(() => page.locator('dl.facts').textContent(), LIVE_TIMEOUT).toContain('e2e-worker (e2e.local)');
    expect(await progressPanel(page).textContent()).toContain('Waiting for the first progress report');

    for (let first = 1; first <= 20; first += 5) {
      const points = [0, 1, 2, 3, 4].map((i) => ({ key: 'train/loss', step: first + i, value: lossAt(first + i), epoch: (first + i) / 20 }));
      expect(await worker.logMetrics(runId, points)).toEqual({ accepted: 5, duplicates: 0 });
    }
    const loss = page.locator('tr[data-metric-key="train/loss"]');
    await expect.poll(() => loss.locator('[data-field="points"]').textContent(), LIVE_TIMEOUT).toBe('20');
    expect(await loss.locator('[data-field="last"]').textContent()).toBe(lossAt(20).toFixed(4));
    expect(await loss.locator('[data-field="step"]').textContent()).toBe('20');
    const lossChart = page.locator('figure[data-chart="loss"]');
    await expect.poll(() => lossChart.getAttribute('data-chart-status'), LIVE_TIMEOUT).toBe('ready');
    expect(await lossChart.locator('canvas').count()).toBeGreaterThan(0);

    await worker.checkpoint(runId, { epoch: 1, step: 20, path: 'checkpoints/epoch-1', bytes: 712 * 1024 ** 2, metrics: { 'eval/f1_macro': 0.71 } });
    const checkpoints = page.getByRole('table', { name: 'Checkpoints' });
    await expect.poll(() => checkpoints.locator('tbody tr').count(), LIVE_TIMEOUT).toBe(1);
    expect(await checkpoints.textContent()).toContain('712.0 MiB');

    // The progress bar appears with the first report and advances with the next, live.
    await worker.reportProgress(runId, { step: 20, totalSteps: 60, epoch: 1, samplesPerSecond: 12.5, tokensPerSecond: 3200, etaSeconds: 150 });
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow'), LIVE_TIMEOUT).toBe('20');
    expect(await progressBar(page).getAttribute('aria-valuemin')).toBe('0');
    expect(await progressBar(page).getAttribute('aria-valuemax')).toBe('60');
    expect(await progressField(page, 'percent').textContent()).toBe('33.3%');
    expect(await progressField(page, 'epoch').textContent()).toBe('1 of 3');
    expect(await progressField(page, 'step').textContent()).toBe('20 / 60');
    expect(await progressField(page, 'speed').textContent()).toBe('12.5 samples/s · 3,200 tokens/s');
    expect(await progressField(page, 'eta').textContent()).toBe('2 m 30 s');
    await expect.poll(() => progressField(page, 'updated').textContent(), LIVE_TIMEOUT).toMatch(/^updated \d+ s ago$/);

    await worker.reportProgress(runId, { step: 30, totalSteps: 60, epoch: 1.5, samplesPerSecond: 13, etaSeconds: 70 });
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow'), LIVE_TIMEOUT).toBe('30');
    expect(await progressBar(page).getAttribute('aria-valuetext')).toBe('50% — step 30 of 60, epoch 1.5 of 3, ETA 1 m 10 s');
    expect(await progressField(page, 'percent').textContent()).toBe('50%');
    expect(await progressField(page, 'epoch').textContent()).toBe('1.5 of 3');
    expect(await progressField(page, 'eta').textContent()).toBe('1 m 10 s');
    expect(await retriesTable(page).count()).toBe(0);

    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await stack.screenshot(page, '04-run-live');
  });

  it('shows a retry with a smaller batch under restarts, and the batch it trains with beside the requested one', async () => {
    const hyperparameters = page.getByRole('table', { name: 'Hyperparameters' });
    expect(await hyperparameters.locator('[data-field="batch"]').textContent()).toBe('16');

    const { attempt } = await worker.retryRun(runId, {
      code: 'OOM',
      reason: 'CUDA out of memory at batch size 16; retrying with a smaller batch',
      batchSize: 8,
      gradientAccumulationSteps: 2,
    });
    expect(attempt).toBe(2);
    await expect.poll(() => retriesTable(page).locator('tbody tr').count(), LIVE_TIMEOUT).toBe(1);
    const retry = retriesTable(page).locator('tbody tr').first();
    expect(await retry.locator('[data-field="attempt"]').textContent()).toBe('2');
    expect(await retry.locator('[data-field="code"] code').textContent()).toBe('OOM');
    expect(await retry.locator('[data-field="code"]').textContent()).toContain('Out of memory');
    expect(await retry.locator('[data-field="reason"]').textContent()).toBe('CUDA out of memory at batch size 16; retrying with a smaller batch');
    expect(await retry.locator('[data-field="batch"]').textContent()).toBe('8 × 2');
    expect(await hyperparameters.locator('[data-field="batch"]').textContent()).toBe('16 → 8 × 2 accumulation');
    expect(await page.getByTestId('batch-change-note').textContent()).toContain('Same effective batch: 16.');
    expect(await page.locator('dl.facts div', { hasText: 'Attempt' }).locator('dd').textContent()).toBe('2');

    // The new attempt resumes from the checkpoint and reports again.
    await worker.reportProgress(runId, { step: 24, totalSteps: 60, epoch: 1.2, samplesPerSecond: 9.5, etaSeconds: 95 });
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow'), LIVE_TIMEOUT).toBe('24');
    expect(await progressField(page, 'epoch').textContent()).toBe('1.2 of 3');

    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await stack.screenshot(page, '04b-run-retry');
  });

  it('shows the run succeed, then its leaderboard row on the study page', async () => {
    await worker.complete(runId, { finalMetrics: { 'eval/f1_macro': 0.8, 'eval/accuracy': 0.9 }, trainSeconds: 42.5, evalSeconds: 3.2 });
    await expect.poll(() => runStatus(page).textContent(), LIVE_TIMEOUT).toBe('SUCCEEDED');
    await expect.poll(() => page.getByRole('button', { name: 'Cancel run' }).count(), LIVE_TIMEOUT).toBe(0);
    await expect.poll(() => progressPanel(page).count(), LIVE_TIMEOUT).toBe(0);
    expect(await retriesTable(page).locator('tbody tr').count()).toBe(1);
    await page.locator('table[aria-label="Final metrics"]').waitFor(LIVE_TIMEOUT);
    await stack.screenshot(page, '05-run-succeeded');

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: STUDY }).click();
    await page.waitForURL(/\/studies\//);
    const runRow = runsTable(page).locator(`tr[data-run-id="${runId}"]`);
    await expect.poll(() => runRow.locator('[data-status]').textContent(), LIVE_TIMEOUT).toBe('SUCCEEDED');
    expect(await runRow.textContent()).toContain('0.8000');

    const leaderRow = page.locator(`table[aria-label="Leaderboard"] tr[data-run-id="${runId}"]`);
    await leaderRow.waitFor(LIVE_TIMEOUT);
    const cells = await leaderRow.locator('th, td').allTextContents();
    expect(cells).toEqual(['1', 'full', 'DeepPavlov/rubert-base-cased', '1', '0.8000']);
    await expect.poll(() => page.locator('[data-count="succeeded"] .count__value').textContent(), LIVE_TIMEOUT).toBe('1');
    expect(await page.locator('[data-count="queued"] .count__value').textContent()).toBe('5');
    await stack.screenshot(page, '06-study-leaderboard');
  });

  it('updates the open study page live when the next run starts', async () => {
    const claim = await worker.claim();
    expect(claim).not.toBeNull();
    const nextRow = runsTable(page).locator(`tr[data-run-id="${claim?.run.id}"]`);
    await expect.poll(() => nextRow.locator('[data-status]').textContent(), LIVE_TIMEOUT).toBe('CLAIMED');
    await worker.start(claim!.run.id);
    await expect.poll(() => nextRow.locator('[data-status]').textContent(), LIVE_TIMEOUT).toBe('RUNNING');
    await expect.poll(() => page.locator('[data-count="running"] .count__value').textContent(), LIVE_TIMEOUT).toBe('1');
    nextRunId = claim!.run.id;

    // Progress is not a study event: the study page refetches while a run trains, so the cell follows.
    expect(await nextRow.locator('[data-field="progress"]').count()).toBe(0);
    await worker.reportProgress(nextRunId, { step: 12, totalSteps: 48, epoch: 0.75, samplesPerSecond: 20, etaSeconds: 95 });
    const progressCell = nextRow.locator('[data-field="progress"]');
    await expect.poll(() => progressCell.locator('[data-field="percent"]').textContent(), { timeout: 25_000 }).toBe('25%');
    expect(await progressCell.locator('[data-field="eta"]').textContent()).toBe('ETA 1 m 35 s');
    const cellBar = nextRow.getByRole('progressbar', { name: 'Progress of full, seed 2' });
    expect(await cellBar.getAttribute('aria-valuenow')).toBe('12');
    expect(await cellBar.getAttribute('aria-valuemax')).toBe('48');
    // No study event follows this report: only the periodic refetch can bring it.
    await worker.reportProgress(nextRunId, { step: 24, totalSteps: 48, epoch: 1.5, samplesPerSecond: 20, etaSeconds: 70 });
    await expect.poll(() => progressCell.locator('[data-field="percent"]').textContent(), { timeout: 25_000 }).toBe('50%');
    expect(await progressCell.locator('[data-field="eta"]').textContent()).toBe('ETA 1 m 10 s');
    await stack.screenshot(page, '06b-study-progress');
  });

  it('loads the study page with a handful of requests, not a refetch loop', async () => {
    // Re-executing a suspending query in place used to remount the page and loop (hundreds of requests a second).
    for (let load = 0; load < 3; load++) {
      const fresh = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await fresh.newPage();
      let studyQueries = 0;
      tab.on('request', (request) => {
        if (request.method() === 'POST' && (request.postData() ?? '').includes('query StudyPage_Study')) studyQueries++;
      });
      await tab.goto(`${stack.web.url}/studies/${encodeURIComponent(study.id)}`);
      await tab.waitForTimeout(3_000);
      await fresh.close();
      expect(studyQueries).toBeLessThan(10);
    }
  });

  it('keeps filters in the URL', async () => {
    await page.getByLabel('Status', { exact: true }).selectOption('SUCCEEDED');
    await page.waitForURL(/status=SUCCEEDED/);
    await expect.poll(() => runsTable(page).locator('tbody tr').count(), LIVE_TIMEOUT).toBe(1);
    await page.reload();
    await expect.poll(() => runsTable(page).locator('tbody tr').count(), LIVE_TIMEOUT).toBe(1);
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('SUCCEEDED');
  });

  it('cancels a queued run from its page', async () => {
    const target = study.runs.at(-1)!;
    await page.goto(`${stack.web.url}/runs/${encodeURIComponent(target.id)}`);
    await expect.poll(() => runStatus(page).textContent(), LIVE_TIMEOUT).toBe('QUEUED');
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => runStatus(page).textContent(), LIVE_TIMEOUT).toBe('CANCELLED');
    await expect.poll(() => page.getByRole('button', { name: /cancel/i }).count(), LIVE_TIMEOUT).toBe(0);
  });

  it('fits a phone-sized screen', async () => {
    const phone = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    try {
      const small = await phone.newPage();
      const errors = collectPageErrors(small);
      await small.goto(`${stack.web.url}/studies/${encodeURIComponent(study.id)}`);
      await runsTable(small).waitFor();
      await small.locator('[data-field="progress"]').waitFor();
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '07-study-phone');
      await small.goto(`${stack.web.url}/runs/${encodeURIComponent(runId)}`);
      // Inside <main>: while React streams the page, a hidden copy of a Suspense boundary may sit outside it for a moment.
      await small.locator('main tr[data-metric-key="train/loss"]').waitFor();
      await retriesTable(small).waitFor();
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '08-run-phone');
      await small.goto(`${stack.web.url}/runs/${encodeURIComponent(nextRunId)}`);
      await progressBar(small).waitFor();
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '08b-run-progress-phone');
      await small.goto(`${stack.web.url}/workers`);
      await small.getByRole('table', { name: 'Workers' }).waitFor();
      await stack.screenshot(small, '09-workers-phone');
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('renders pages with their data on the server', async () => {
    const html = await (await fetch(`${stack.web.url}/studies/${encodeURIComponent(study.id)}`)).text();
    expect(html).toContain('kinopoisk-reviews');
    expect(html).toContain(`data-run-id="${runId}"`);
    expect(html).toContain('data-status="SUCCEEDED"');
  });

  it('analyses the finished runs: methods, trade-off chart, paired tests, a recommendation, the report and a comparison', async () => {
    // 200 test examples; each run gets a fixed set of them wrong, LoRA fewer than full fine-tuning.
    const ids = Array.from({ length: 200 }, (_, i) => `ex-${i}`);
    const labels = ids.map((_, i) => (i % 3 === 0 ? 0 : 1));
    const predictionsWith = (wrongEvery: number, offset: number) => labels.map((label, i) => ((i + offset) % wrongEvery === 0 ? 1 - label : label));
    await worker.complete(nextRunId, { finalMetrics: { 'eval/f1_macro': 0.79, 'eval/accuracy': 0.88, 'eval/f1_weighted': 0.87 }, trainSeconds: 44.1, peakMemoryBytes: 3.1 * 1024 ** 3 });
    await worker.recordPredictions(runId, { ids, labels, predictions: predictionsWith(6, 0) });
    await worker.recordPredictions(nextRunId, { ids, labels, predictions: predictionsWith(6, 1) });
    const loraRuns: string[] = [];
    for (const [index, f1] of [0.86, 0.87].entries()) {
      const claim = await worker.claim();
      expect(claim?.run.method).toBe('lora');
      const id = claim!.run.id;
      loraRuns.push(id);
      await worker.start(id, { trainableParameters: 147_456, totalParameters: 178_000_000, device: 'cpu' });
      await worker.logMetrics(id, [
        ...[10, 20, 30].map((step) => ({ key: 'train/loss', step, value: lossAt(step) * 0.9 })),
        ...[10, 20, 30].map((step, i) => ({ key: 'eval/f1_macro', step, value: f1 - 0.1 + i * 0.05 })),
      ]);
      await worker.recordPredictions(id, { ids, labels, predictions: predictionsWith(11, index) });
      await worker.complete(id, { finalMetrics: { 'eval/f1_macro': f1, 'eval/accuracy': f1 + 0.05, 'eval/f1_weighted': f1 + 0.04 }, trainSeconds: 20 + index, peakMemoryBytes: 2.2 * 1024 ** 3 });
    }

    await page.goto(`${stack.web.url}/studies/${encodeURIComponent(study.id)}`);
    const analysis = page.getByTestId('study-analysis');
    const methods = page.getByRole('table', { name: 'Methods' });
    await expect.poll(() => methods.locator('tbody tr[data-method="lora"]').count(), LIVE_TIMEOUT).toBe(1);
    expect(await methods.locator('tbody tr[data-method="full"]').count()).toBe(1);
    const lora = methods.locator('tr[data-method="lora"]');
    expect(await lora.locator('[data-column="eval/f1_macro"]').textContent()).toContain('0.8650 ± 0.0071');
    expect(await lora.locator('[data-column="eval/f1_macro"]').getAttribute('data-best')).toBe('true');
    // The seeded dataset was recorded, not imported: no test split, so no majority-class baseline row.
    expect(await methods.locator('tr[data-method="majority-baseline"]').count()).toBe(0);
    expect(await page.getByTestId('methods-caption').textContent()).toContain('No majority-class baseline');
    expect(await page.getByTestId('analysis-excluded').textContent()).toContain('not finished');

    // The seeded dataset has no import report: the summary says so and links to the dataset.
    const quality = page.getByTestId('data-quality-summary');
    expect(await quality.getAttribute('data-report')).toBe('none');
    expect(await quality.getByTestId('no-quality-report').textContent()).toContain('No quality report');
    expect(await quality.getByRole('link', { name: 'Dataset →' }).getAttribute('href')).toMatch(/^\/datasets\//);

    // A method row opens to its runs: seed, values, the run's own interval, a link to the run.
    const loraToggle = lora.getByRole('button', { name: /BERT \+ LoRA/ });
    expect(await loraToggle.getAttribute('aria-expanded')).toBe('false');
    await loraToggle.click();
    await expect.poll(() => loraToggle.getAttribute('aria-expanded'), LIVE_TIMEOUT).toBe('true');
    const loraRunRows = methods.locator('tr[data-run-of="lora"]');
    expect(await loraRunRows.count()).toBe(2);
    expect(await loraRunRows.nth(0).getAttribute('data-run-id')).toBe(loraRuns[0]);
    expect(await loraRunRows.nth(0).locator('th a').textContent()).toBe('seed 1');
    expect(await loraRunRows.nth(0).locator('th a').getAttribute('href')).toBe(`/runs/${loraRuns[0]}`);
    expect(await loraRunRows.nth(0).locator('[data-column="eval/f1_macro"]').textContent()).toBe('0.8600');
    expect(await loraRunRows.nth(1).locator('[data-column="eval/accuracy"]').textContent()).toBe('0.9200');
    expect(await loraRunRows.nth(0).locator('[data-column="ci"]').textContent()).toMatch(/^0\.\d{4}–[01]\.\d{4}$/);
    expect(await loraRunRows.nth(1).locator('[data-column="trainSeconds"]').textContent()).toBe('21.0 s');

    // Sortable by any metric or cost; quality descending by default, the sort kept in the URL.
    const methodOrder = () => methods.locator('tbody tr[data-method]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-method')));
    const timeHeader = methods.locator('thead th[data-column="trainSeconds"]');
    expect(await methods.locator('thead th[data-column="eval/f1_macro"]').getAttribute('aria-sort')).toBe('descending');
    expect(await timeHeader.getAttribute('aria-sort')).toBe('none');
    expect(await methodOrder()).toEqual(['lora', 'full']);
    await timeHeader.getByRole('button').click();
    await expect.poll(() => timeHeader.getAttribute('aria-sort'), LIVE_TIMEOUT).toBe('ascending');
    expect(await methods.locator('thead th[data-column="eval/f1_macro"]').getAttribute('aria-sort')).toBe('none');
    await timeHeader.getByRole('button').click();
    await expect.poll(() => timeHeader.getAttribute('aria-sort'), LIVE_TIMEOUT).toBe('descending');
    await expect.poll(methodOrder, LIVE_TIMEOUT).toEqual(['full', 'lora']);
    await expect.poll(() => page.url(), LIVE_TIMEOUT).toContain('sort=train-time%3Adesc');
    // The open method keeps its runs under it, wherever it moves.
    expect(await methods.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-method') ?? row.getAttribute('data-run-of')))).toEqual(['full', 'lora', 'lora', 'lora']);
    await methods.scrollIntoViewIfNeeded();
    await stack.screenshot(page, '13a-study-methods-sorted');

    const chart = page.locator('figure[data-chart="tradeoff"]');
    await expect.poll(() => chart.getAttribute('data-chart-status'), LIVE_TIMEOUT).toBe('ready');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByRole('list', { name: 'Paired comparisons' }).textContent()).toMatch(/McNemar: seed 1 p/);

    // The cost axis lives in the URL.
    await analysis.getByLabel('Cost axis').selectOption('trainable-params');
    // router.replace is a same-document change: poll the URL rather than wait for a load.
    await expect.poll(() => page.url(), LIVE_TIMEOUT).toContain('cost=trainable-params');
    await expect.poll(() => chart.getAttribute('data-chart-status'), LIVE_TIMEOUT).toBe('ready');

    await page.getByLabel('Time budget (minutes)').fill('60');
    await page.getByLabel('Minimum macro-F1').fill('0.8');
    await page.getByRole('button', { name: 'Recommend a method' }).click();
    const decision = page.getByTestId('decision');
    await decision.waitFor(LIVE_TIMEOUT);
    expect(['Recommended', 'Tied on quality', 'Too thin']).toContain(await decision.textContent());
    expect(await page.getByTestId('recommendation').textContent()).toContain('lora');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Markdown' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile((await download.path())!, 'utf8');
    expect(markdown).toContain('## Results per method');
    expect(markdown).toContain('BERT + LoRA');
    await chart.scrollIntoViewIfNeeded();
    await stack.screenshot(page, '13-study-analysis');

    // Compare two runs from the runs table.
    await runsTable(page).locator(`tr[data-run-id="${runId}"] input[type="checkbox"]`).check();
    await runsTable(page).locator(`tr[data-run-id="${loraRuns[0]}"] input[type="checkbox"]`).check();
    await page.getByRole('link', { name: 'Compare selected (2)' }).click();
    await expect.poll(() => page.url(), LIVE_TIMEOUT).toContain('/compare?runs=');
    const verdict = page.getByTestId('compare-verdict');
    await verdict.waitFor(LIVE_TIMEOUT);
    // The fake worker's runs never recorded a split fingerprint (the dataset was not imported): compareRuns says so.
    expect(await verdict.getAttribute('data-comparable')).toBe('false');
    expect(await verdict.textContent()).toContain('have not recorded the split');
    const finals = page.getByRole('table', { name: 'Final metrics of the compared runs' });
    expect(await finals.locator('tr[data-metric-key="eval/f1_macro"]').textContent()).toContain('(+0.0600)');
    // Each run's 95% CI from its study's analysis, a rough overlap check for the delta, and the study's paired test.
    const f1Cis = finals.locator('tr[data-metric-key="eval/f1_macro"] [data-testid="run-ci"]');
    await expect.poll(() => f1Cis.count(), LIVE_TIMEOUT).toBe(2);
    expect(await f1Cis.first().textContent()).toMatch(/^95% CI 0\.\d{4}–[01]\.\d{4}$/);
    expect(['within', 'beyond']).toContain(await finals.locator(`tr[data-metric-key="eval/f1_macro"] td[data-run-id="${loraRuns[0]}"] [data-noise]`).getAttribute('data-noise'));
    expect(await page.getByTestId('compare-metrics-caption').textContent()).toContain('not a paired test');
    expect(await page.getByRole('list', { name: 'Paired tests' }).textContent()).toMatch(/LoRA/);
    expect(await page.getByRole('table', { name: 'Configuration differences' }).textContent()).toContain('learningRate');
    await expect.poll(() => page.locator('figure[data-chart="compare-train/loss"]').getAttribute('data-chart-status'), LIVE_TIMEOUT).toBe('ready');
    await stack.screenshot(page, '14-compare');

    await page.goto(`${stack.web.url}/runs/${encodeURIComponent(loraRuns[0])}`);
    const confusion = page.getByRole('table', { name: 'Confusion matrix' });
    await confusion.waitFor(LIVE_TIMEOUT);
    expect(await confusion.locator('tr[data-true-label="0"] th').textContent()).toBe('0 · negative');
    await confusion.scrollIntoViewIfNeeded();
    await stack.screenshot(page, '15-run-confusion');

    const phone = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    try {
      const small = await phone.newPage();
      const errors = collectPageErrors(small);
      await small.goto(`${stack.web.url}/studies/${encodeURIComponent(study.id)}?cost=trainable-params&sort=train-time`);
      await small.locator('main figure[data-chart="tradeoff"][data-chart-status="ready"]').waitFor(LIVE_TIMEOUT);
      const smallMethods = small.getByRole('table', { name: 'Methods' });
      expect(await smallMethods.locator('thead th[data-column="trainSeconds"]').getAttribute('aria-sort')).toBe('ascending');
      await smallMethods.locator('tr[data-method="full"]').getByRole('button').click();
      await expect.poll(() => smallMethods.locator('tr[data-run-of="full"]').count(), LIVE_TIMEOUT).toBe(2);
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '16-study-analysis-phone');
      await small.goto(`${stack.web.url}/compare?runs=${runId},${loraRuns[0]},${loraRuns[1]}`);
      await small.getByTestId('compare-verdict').waitFor(LIVE_TIMEOUT);
      await small.getByTestId('run-ci').first().waitFor(LIVE_TIMEOUT);
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '17-compare-phone');
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('creates a study of three methods from the form and lands on its queued runs', async () => {
    await page.goto(`${stack.web.url}/projects/${encodeURIComponent(projectId)}`);
    await page.getByRole('link', { name: 'New study' }).click();
    await page.waitForURL(/\/studies\/new$/);
    const form = page.getByRole('form', { name: 'New study' });
    await form.waitFor();
    // The dataset's rules are shown, read-only.
    const rules = page.getByTestId('dataset-rules');
    expect(await rules.locator('[data-field="labelRule"]').textContent()).toBe('grade3');
    expect(await rules.textContent()).toContain('Good → positive (1)');

    // Nothing filled in: the form says what is missing, next to the fields, and takes focus to the first one.
    await page.getByRole('button', { name: 'Create study' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'before creating the study' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('methods: choose at least one method');
    const name = page.getByLabel('Name', { exact: true });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');

    for (const label of ['BERT full fine-tuning', 'BERT + LoRA', 'Mamba + classification head']) {
      await page.getByRole('checkbox', { name: new RegExp(`^${label.replace(/[+]/g, '\\+')}`) }).check();
    }
    const box = (label: string) => page.getByRole('group', { name: label });
    // Base models and hyperparameters are prefilled: the models this project used, core's defaults.
    expect(await box('BERT full fine-tuning full').getByLabel('Base model').inputValue()).toBe('DeepPavlov/rubert-base-cased');
    expect(await box('Mamba + classification head mamba').getByLabel('Base model').inputValue()).toBe('state-spaces/mamba-130m-hf');
    const lora = box('BERT + LoRA lora');
    expect(await lora.getByLabel('Learning rate').inputValue()).toBe('2e-4');
    expect(await lora.getByLabel('LoRA r').inputValue()).toBe('8');
    expect(await lora.getByLabel('LoRA target modules').inputValue()).toBe('query, value');

    // A client-side check, named after the field, in the method's box.
    await lora.getByLabel('LoRA r').fill('eight');
    await name.fill(STUDY);
    await page.getByLabel('Seeds (comma-separated)').fill('1, 2');
    await page.getByRole('button', { name: 'Create study' }).click();
    const loraR = lora.getByLabel('LoRA r');
    await expect.poll(() => loraR.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await loraR.getAttribute('aria-describedby')}"]`).textContent()).toMatch(/^loraR must be an integer from 1 to 1024 \(got "eight"\)/);
    await loraR.fill('16');

    // The API's field error (a taken name) lands next to the name.
    await page.getByRole('button', { name: 'Create study' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid'), LIVE_TIMEOUT).toBe('true');
    expect(await page.locator(`[id="${await name.getAttribute('aria-describedby')}"]`).textContent()).toContain(`already has a study named "${STUDY}"`);

    await name.fill('Made from the form');
    await page.getByLabel('Description (optional)').fill('Full fine-tuning, LoRA and Mamba on two seeds.');
    expect(await page.getByTestId('run-count').textContent()).toBe('Queues 6 runs: 3 methods × 2 seeds.');
    await stack.screenshot(page, '18-new-study');

    await page.getByRole('button', { name: 'Create study' }).click();
    await page.waitForURL(/\/studies\/(?!new)[^/]+$/, LIVE_TIMEOUT);
    await page.getByRole('heading', { name: 'Made from the form' }).waitFor(LIVE_TIMEOUT);
    await expect.poll(() => runsTable(page).locator('tbody tr').count(), LIVE_TIMEOUT).toBe(6);
    expect(await runsTable(page).locator('[data-status="QUEUED"]').count()).toBe(6);
    const methods = await runsTable(page).locator('tbody th[scope="row"]').allTextContents();
    expect(methods.join(' ')).toMatch(/full.*full.*lora.*lora.*mamba.*mamba/);
    await stack.screenshot(page, '19-new-study-created');

    const phone = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    try {
      const small = await phone.newPage();
      const errors = collectPageErrors(small);
      await small.goto(`${stack.web.url}/projects/${encodeURIComponent(projectId)}/studies/new`);
      await small.getByRole('checkbox', { name: /^BERT \+ LoRA/ }).check();
      await small.getByRole('checkbox', { name: /^Mamba \+ LoRA/ }).check();
      await small.getByRole('button', { name: 'Create study' }).click();
      await small.getByRole('alert').filter({ hasText: 'before creating the study' }).waitFor();
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '20-new-study-phone');
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it("classifies reviews with a run's uploaded model in the try-it box", async () => {
    const tryIt = page.getByTestId('try-it');
    await page.goto(`${stack.web.url}/runs/${encodeURIComponent(runId)}`);
    // Settled first (hydrated, live, the run refetched once), so only the button below can bring the model.
    await page.locator('[data-live="connected"]').first().waitFor(LIVE_TIMEOUT);
    await page.waitForLoadState('networkidle');
    expect(await tryIt.getByTestId('try-it-unavailable').textContent()).toContain('did not upload an ONNX export');

    await uploadModel(stack.api, runId);
    // An upload sends no run event; the box looks again on request, without a reload.
    await tryIt.getByRole('button', { name: 'Check again' }).click();
    await tryIt.getByTestId('try-it-model').waitFor(LIVE_TIMEOUT);
    expect(await tryIt.getByTestId('try-it-model').textContent()).toContain('2 labels · reads up to 64 tokens');

    const box = tryIt.getByLabel('Review text');
    const classify = tryIt.getByRole('button', { name: 'Classify' });
    // The API's check, shown with its field: a text far longer than the model reads.
    await box.fill('фильм '.repeat(600));
    await classify.click();
    const problem = tryIt.locator('.field__error');
    await problem.waitFor(LIVE_TIMEOUT);
    expect(await problem.textContent()).toMatch(/^Review 1: texts\[0\] is 3,599 characters; this model reads 64 tokens/);

    const expected = JSON.parse(await readFile(path.join(TINY_CLASSIFIER_DIR, 'expected.json'), 'utf8')) as Array<{ text: string; prediction: number }>;
    const reviews = [expected[0].text.split('\n\n')[0], 'Скучно и затянуто, актёры играют плохо.', Array(60).fill('фильм хороший').join(' ')];
    await box.fill(reviews.join('\n\n'));
    await classify.click();
    const predictions = tryIt.getByRole('list', { name: 'Predictions' }).locator(':scope > li');
    await expect.poll(() => predictions.count(), LIVE_TIMEOUT).toBe(3);
    for (let i = 0; i < 3; i++) {
      const item = predictions.nth(i);
      expect(['negative', 'positive']).toContain(await item.locator('[data-field="label"]').textContent());
      const percents = await item.locator('[data-field="probability"]').allTextContents();
      expect(percents).toHaveLength(2);
      const total = percents.reduce((sum, p) => sum + Number(p.replace('%', '')), 0);
      expect(Math.abs(total - 100)).toBeLessThanOrEqual(0.2);
    }
    expect(await predictions.nth(2).locator('[data-field="tokens"]').textContent()).toContain('64 tokens · cut at 64 tokens');
    expect(await predictions.nth(1).locator('[data-field="tokens"]').textContent()).not.toContain('cut at');
    await tryIt.scrollIntoViewIfNeeded();
    await stack.screenshot(page, '21-run-try-it');

    const phone = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    try {
      const small = await phone.newPage();
      const errors = collectPageErrors(small);
      await small.goto(`${stack.web.url}/runs/${encodeURIComponent(runId)}`);
      const smallTry = small.locator('main').getByTestId('try-it');
      await smallTry.getByLabel('Review text').fill(reviews.slice(0, 2).join('\n\n'));
      await smallTry.getByRole('button', { name: 'Classify' }).click();
      await expect.poll(() => smallTry.getByRole('list', { name: 'Predictions' }).locator(':scope > li').count(), LIVE_TIMEOUT).toBe(2);
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '22-run-try-it-phone');
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it("summarises the study's data quality from its dataset's import report, and flags synthetic data", async () => {
    const { study: synthetic } = await seed(stack.api.request)
      .project({ name: 'Generated reviews' })
      .dataset({ name: 'synthetic-reviews', qualityReport: SYNTHETIC_REPORT })
      .study({ name: 'Synthetic smoke test', seeds: [1], methods: [{ method: 'head-only', baseModel: 'DeepPavlov/rubert-base-cased' }] });
    await page.goto(`${stack.web.url}/studies/${encodeURIComponent(synthetic.id)}`);
    const summary = page.getByTestId('data-quality-summary');
    await summary.waitFor(LIVE_TIMEOUT);
    expect(await summary.getAttribute('data-report')).toBe('yes');
    expect(await summary.getByTestId('synthetic-badge').textContent()).toBe('Synthetic data');
    const fact = (key: string) => summary.locator(`[data-fact="${key}"] dd`).textContent();
    expect(await fact('rows')).toBe('1,200 / 1,000 / 200');
    expect(await fact('labels')).toBe('negative 350 (35%) · positive 650 (65%)');
    expect(await fact('majority')).toBe('always positive: accuracy 66% on test');
    expect(await fact('score-mentions')).toContain('4% (40), stripped');
    expect(await fact('grade-disagreements')).toContain('72 of 900 (8%)');
    expect(await summary.getByRole('link', { name: 'Full report →' }).getAttribute('href')).toMatch(/^\/datasets\//);
    await stack.screenshot(page, '23-study-data-quality');

    const phone = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    try {
      const small = await phone.newPage();
      const errors = collectPageErrors(small);
      await small.goto(`${stack.web.url}/studies/${encodeURIComponent(synthetic.id)}`);
      await small.getByTestId('synthetic-badge').waitFor(LIVE_TIMEOUT);
      expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '24-study-data-quality-phone');
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('shows the GraphQL error of a run that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await page.goto(`${stack.web.url}/runs/${missing}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the run' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`run ${missing} does not exist`);
    await stack.screenshot(page, '10-run-not-found');
  });

  it('explains where the token is expected when there is none', async () => {
    const tokenFile = `${stack.api.dataDir}/no-such-token`;
    const web = await startWeb({ port: await freePort(), apiUrl: stack.api.url, tokenFile });
    try {
      const bare = await context.newPage();
      await bare.goto(`${web.url}/`);
      const notice = bare.getByRole('region', { name: 'No API token yet' });
      await notice.waitFor();
      expect(await notice.textContent()).toContain(tokenFile);
      expect(await notice.textContent()).toContain('npm start');
      await stack.screenshot(bare, '11-missing-token');
      await bare.close();
    } finally {
      await web.stop();
    }
  });

  it('says so when the API cannot be reached', async () => {
    const deadApi = `http://127.0.0.1:${await freePort()}/graphql`;
    const web = await startWeb({ port: await freePort(), apiUrl: deadApi, tokenFile: stack.api.tokenFile });
    try {
      const bare = await context.newPage();
      await bare.goto(`${web.url}/`);
      const alert = bare.getByRole('alert').filter({ hasText: 'Could not load projects' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Could not reach the API');
      await stack.screenshot(bare, '12-api-down');
      await bare.close();
    } finally {
      await web.stop();
    }
  });

  it('sends security headers: a nonce-only script policy that lets the page reach just its API', async () => {
    const response = await page.goto(`${stack.web.url}/projects/${encodeURIComponent(projectId)}`);
    const headers = response!.headers();
    const policy = headers['content-security-policy'];
    const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    const api = new URL(stack.api.url);
    expect(policy).toContain(`connect-src 'self' ${api.origin} ws://${api.host}`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
    // Next's own scripts carry this response's nonce; a second load gets a fresh one.
    const scriptNonces = await page.locator('script[src]').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    const again = await page.request.get(`${stack.web.url}/`);
    expect(again.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
    // The page still works under the policy: live data arrives over the WebSocket.
    await page.getByRole('link', { name: STUDY }).first().waitFor(LIVE_TIMEOUT);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
