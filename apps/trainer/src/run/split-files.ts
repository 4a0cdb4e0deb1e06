import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SplitFiles } from './run-spec';

/** What the daemon knows of a dataset: where to fetch its splits and what they must hash to. */
export interface DatasetRef {
  id: string;
  name: string;
  fingerprint?: string | null;
  splits?: { name: string; sha256: string }[];
}

const SPLITS = ['train', 'test', 'validation'] as const;

/**
 * Local copies of a dataset's split files, downloaded once from the API (GET /datasets/<id>/splits/<name>.jsonl)
 * and kept by the dataset's fingerprint: a trainer on another machine sees exactly the examples the API split.
 */
export function splitDownloader(apiUrl: string, token: string, cacheDir: string) {
  const base = apiUrl.replace(/\/graphql\/?$/, '');
  return async (dataset: DatasetRef): Promise<SplitFiles> => {
    const dir = path.join(cacheDir, dataset.fingerprint ?? dataset.id);
    fs.mkdirSync(dir, { recursive: true });
    const files: Partial<Record<(typeof SPLITS)[number], string>> = {};
    for (const name of SPLITS) {
      const file = path.join(dir, `${name}.jsonl`);
      if (!fs.existsSync(file)) {
        const response = await fetch(`${base}/datasets/${encodeURIComponent(dataset.id)}/splits/${name}.jsonl`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status === 404 && name === 'validation') continue;
        if (!response.ok) throw new Error(`could not download the ${name} split of dataset "${dataset.name}": HTTP ${response.status} ${await response.text()}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        // The API's listing says what each file must hash to: a run never trains on other examples than its split.
        const expected = dataset.splits?.find((split) => split.name === name)?.sha256;
        const actual = createHash('sha256').update(bytes).digest('hex');
        if (expected && expected !== actual) throw new Error(`the ${name} split of dataset "${dataset.name}" arrived with SHA-256 ${actual}, expected ${expected}`);
        const temp = `${file}.part`;
        fs.writeFileSync(temp, bytes);
        fs.renameSync(temp, file);
      }
      files[name] = file;
    }
    if (!files.train || !files.test) throw new Error(`dataset "${dataset.name}" has no train or test split`);
    return { train: files.train, test: files.test, validation: files.validation ?? null };
  };
}
