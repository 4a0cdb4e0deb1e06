import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, FakeWorker, freePort, seed, startStack, startWeb, type SeededStudy, type Stack } from '../kit';

const PROJECT = 'Russian movie reviews';
const STUDY = 'BERT vs LoRA vs Mamba';
const LIVE_TIMEOUT = { timeout: 15_000 };

/** A made-up, decreasing training loss. */
const lossAt = (step: number) => Math.round((2 / Math.sqrt(step)) * 10_000) / 10_000;

const runsTable = (page: Page) => page.locator('table[aria-label="Runs"]');
const runStatus = (page: Page) => page.locator('[data-testid="run-status"] [data-status]');

describe('foundation: from a seeded study to a live run and its leaderboard row', () => {
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let study: SeededStudy;
  let worker: FakeWorker;
  let runId: string;

  beforeAll(async () => {
    stack = await startStack();
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    ({ study } = await seed(stack.api.request).project({ name: PROJECT }).dataset().study({ name: STUDY, seeds: [1, 2] }));
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

    for (let first = 1; first <= 20; first += 5) {
      const points = [0, 1, 2, 3, 4].map((i) => ({ key: 'train/loss', step: first + i, value: lossAt(first + i), epoch: (first + i) / 20 }));
      expect(await worker.logMetrics(runId, points)).toEqual({ accepted: 5, duplicates: 0 });
    }
    const loss = page.locator('tr[data-metric-key="train/loss"]');
    await expect.poll(() => loss.locator('[data-field="points"]').textContent(), LIVE_TIMEOUT).toBe('20');
    expect(await loss.locator('[data-field="last"]').textContent()).toBe(lossAt(20).toFixed(4));
    expect(await loss.locator('[data-field="step"]').textContent()).toBe('20');
    expect(await loss.locator('svg.sparkline polyline').count()).toBe(1);

    await worker.checkpoint(runId, { epoch: 1, step: 20, path: 'checkpoints/epoch-1', bytes: 712 * 1024 ** 2, metrics: { 'eval/f1_macro': 0.71 } });
    const checkpoints = page.getByRole('table', { name: 'Checkpoints' });
    await expect.poll(() => checkpoints.locator('tbody tr').count(), LIVE_TIMEOUT).toBe(1);
    expect(await checkpoints.textContent()).toContain('712.0 MiB');

    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await stack.screenshot(page, '04-run-live');
  });

  it('shows the run succeed, then its leaderboard row on the study page', async () => {
    await worker.complete(runId, { finalMetrics: { 'eval/f1_macro': 0.8, 'eval/accuracy': 0.9 }, trainSeconds: 42.5, evalSeconds: 3.2 });
    await expect.poll(() => runStatus(page).textContent(), LIVE_TIMEOUT).toBe('SUCCEEDED');
    await expect.poll(() => page.getByRole('button', { name: 'Cancel run' }).count(), LIVE_TIMEOUT).toBe(0);
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
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await stack.screenshot(small, '07-study-phone');
      await small.goto(`${stack.web.url}/runs/${encodeURIComponent(runId)}`);
      await small.locator('tr[data-metric-key="train/loss"]').waitFor();
      await stack.screenshot(small, '08-run-phone');
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

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
