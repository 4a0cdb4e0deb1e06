import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './paths';

/** The API tests' tiny ONNX classifier (max length 64, 2 labels): a real export, small enough for a browser test. */
export const TINY_CLASSIFIER_DIR = path.join(repoRoot, 'apps', 'api', 'test', 'fixtures', 'tiny-classifier');
export const TINY_CLASSIFIER_FILES = ['model.onnx', 'tokenizer.json', 'model.json'] as const;

/**
 * Uploads a run's ONNX export as its worker does: `PUT /runs/<runId>/model/<file>` with the file's SHA-256.
 * The run must be RUNNING or SUCCEEDED.
 */
export async function uploadModel(api: { url: string; token: string }, runId: string, dir = TINY_CLASSIFIER_DIR, files: readonly string[] = TINY_CLASSIFIER_FILES): Promise<void> {
  const base = api.url.replace(/\/graphql$/, '');
  for (const file of files) {
    const body = await readFile(path.join(dir, file));
    const response = await fetch(`${base}/runs/${encodeURIComponent(runId)}/model/${file}`, {
      method: 'PUT',
      body,
      headers: {
        authorization: `Bearer ${api.token}`,
        'x-content-sha256': createHash('sha256').update(body).digest('hex'),
        'content-type': 'application/octet-stream',
      },
    });
    if (response.status !== 201) throw new Error(`uploading ${file} for run ${runId}: HTTP ${response.status} ${await response.text()}`);
  }
}
