import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApi, type ApiHandle } from './api';
import { launchBrowser } from './browser';
import { artifactsDir, assertBuilt } from './paths';
import { freePort } from './processes';
import { startWeb, type WebHandle } from './web';

export interface Stack {
  api: ApiHandle;
  web: WebHandle;
  browser: Browser;
  /** Saves a full-page PNG under e2e/artifacts/ and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  stop(): Promise<void>;
}

/** API + web + chromium, started in that order and stopped in reverse. */
export async function startStack(): Promise<Stack> {
  assertBuilt();
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    const errors: unknown[] = [];
    for (const fn of stops.reverse()) {
      try {
        await fn();
      } catch (error) {
        errors.push(error);
      }
    }
    stops.length = 0;
    if (errors.length > 0) throw new AggregateError(errors, 'stopping the e2e stack failed');
  };

  try {
    const webPort = await freePort();
    const api = await startApi({ webOrigin: `http://127.0.0.1:${webPort}` });
    stops.push(api.stop);
    const web = await startWeb({ port: webPort, apiUrl: api.url, tokenFile: api.tokenFile });
    stops.push(web.stop);
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    await mkdir(artifactsDir, { recursive: true });

    return {
      api,
      web,
      browser,
      async screenshot(page, name) {
        const file = path.join(artifactsDir, `${name}.png`);
        // Finished transitions: a bar mid-animation would not match its label.
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        return file;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
