import fs from 'node:fs';
import path from 'node:path';
import { DatasetImportError } from './dataset.errors';
import { type HfEnv, resolveHfSource } from './hf-cache';

export interface ResolvedSource {
  /** The local file to read. */
  file: string;
  bytes: number;
}

/**
 * A local path (relative paths against the API's working directory, which `npm start` sets to the
 * repository root) or an hf:// source (see hf-cache.ts).
 */
export async function resolveSource(source: string, options: { cwd: string; env: HfEnv; fetch?: typeof fetch }): Promise<ResolvedSource> {
  const file = source.startsWith('hf://') ? await resolveHfSource(source, options.env, { fetch: options.fetch }) : path.resolve(options.cwd, source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    const relative = path.isAbsolute(source) ? '' : ` (resolved against the API's working directory ${options.cwd})`;
    throw new DatasetImportError('source', `no file at ${file}${relative}; check the path, or give an absolute one`);
  }
  if (!stat.isFile()) throw new DatasetImportError('source', `${file} is not a file; give the path of the data file itself`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new DatasetImportError('source', `${file} is not readable by the API process; fix its permissions`);
  }
  return { file, bytes: stat.size };
}
