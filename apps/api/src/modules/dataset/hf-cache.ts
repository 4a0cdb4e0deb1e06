import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { DatasetImportError } from './dataset.errors';

/**
 * `hf://datasets/<owner>/<name>[@<revision>]/<file>` sources, resolved in the Hugging Face cache the way
 * huggingface_hub lays it out: <cache>/datasets--<owner>--<name>/{refs/<revision>, snapshots/<commit>/<file>,
 * blobs/<etag>}. A cached file is used as it is. A missing one is downloaded into that layout when the
 * machine is online (and HF_HUB_OFFLINE is not set); otherwise the error says which file to put where.
 */
export interface HfFileRef {
  owner: string;
  name: string;
  revision: string | null;
  /** The path inside the repository, e.g. "kinopoisk.jsonl" or "plain_text/train.parquet". */
  file: string;
}

export type HfEnv = Partial<Record<'HF_HUB_CACHE' | 'HF_HOME' | 'XDG_CACHE_HOME' | 'HF_HUB_OFFLINE' | 'HF_ENDPOINT' | 'HF_TOKEN' | 'HOME', string>>;

const HF_SOURCE = /^hf:\/\/datasets\/([^/\s@]+)\/([^/\s@]+)(?:@([^/\s]+))?\/(\S+)$/;
const DEFAULT_ENDPOINT = 'https://huggingface.co';
const DOWNLOAD_TIMEOUT_MS = 15_000;

export function parseHfSource(source: string): HfFileRef | null {
  const match = HF_SOURCE.exec(source.trim());
  if (!match) return null;
  const file = match[4]!;
  if (file.split('/').some((part) => part === '' || part === '.' || part === '..')) return null;
  return { owner: match[1]!, name: match[2]!, revision: match[3] ?? null, file };
}

/** huggingface_hub's order: HF_HUB_CACHE, $HF_HOME/hub, $XDG_CACHE_HOME/huggingface/hub, ~/.cache/huggingface/hub. */
export function hfHubCacheDir(env: HfEnv): string {
  if (env.HF_HUB_CACHE) return path.resolve(env.HF_HUB_CACHE);
  if (env.HF_HOME) return path.resolve(env.HF_HOME, 'hub');
  if (env.XDG_CACHE_HOME) return path.resolve(env.XDG_CACHE_HOME, 'huggingface', 'hub');
  return path.join(env.HOME || os.homedir(), '.cache', 'huggingface', 'hub');
}

export function hfRepoDir(ref: HfFileRef, cacheDir: string): string {
  return path.join(cacheDir, `datasets--${ref.owner}--${ref.name}`);
}

function readRef(repoDir: string, revision: string): string | null {
  try {
    return fs.readFileSync(path.join(repoDir, 'refs', revision), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The cached file, or null. Without a revision: the snapshot refs/main points at, else the newest holding the file. */
export function findCachedHfFile(ref: HfFileRef, cacheDir: string): string | null {
  const repoDir = hfRepoDir(ref, cacheDir);
  const snapshots = path.join(repoDir, 'snapshots');
  const revision = ref.revision ?? 'main';
  const commit = readRef(repoDir, revision);
  const preferred = [commit, ref.revision].filter((name): name is string => !!name);
  for (const name of preferred) {
    const candidate = path.join(snapshots, name, ref.file);
    if (isFile(candidate)) return candidate;
  }
  if (ref.revision !== null) return null;
  let names: string[];
  try {
    names = fs.readdirSync(snapshots);
  } catch {
    return null;
  }
  const holding = names
    .map((name) => ({ name, file: path.join(snapshots, name, ref.file) }))
    .filter((entry) => isFile(entry.file))
    .map((entry) => ({ ...entry, mtime: fs.statSync(path.join(snapshots, entry.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name));
  return holding[0]?.file ?? null;
}

export function hfFileUrl(ref: HfFileRef, endpoint = DEFAULT_ENDPOINT): string {
  const file = ref.file.split('/').map(encodeURIComponent).join('/');
  return `${endpoint.replace(/\/+$/, '')}/datasets/${ref.owner}/${ref.name}/resolve/${encodeURIComponent(ref.revision ?? 'main')}/${file}`;
}

/** Downloads into the cache layout (blob, snapshot symlink, ref) and returns the snapshot path. */
export async function downloadToHfCache(ref: HfFileRef, cacheDir: string, options: { endpoint?: string; token?: string; fetch?: typeof fetch } = {}): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  // A time limit on getting an answer, not on the download: a large file may take minutes.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${DOWNLOAD_TIMEOUT_MS / 1000} s`)), DOWNLOAD_TIMEOUT_MS);
  let response: Response;
  try {
    response = await doFetch(hfFileUrl(ref, options.endpoint), {
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      redirect: 'follow',
      signal: controller.signal,
    });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok || !response.body) {
    const hint = response.status === 401 || response.status === 403 ? ' (a gated or private dataset: set HF_TOKEN)' : response.status === 404 ? ' (no such dataset or file)' : '';
    throw new Error(`the Hub answered HTTP ${response.status}${hint}`);
  }
  const repoDir = hfRepoDir(ref, cacheDir);
  const etag = (response.headers.get('x-linked-etag') ?? response.headers.get('etag') ?? '').replace(/^W\//, '').replace(/"/g, '') || randomBytes(16).toString('hex');
  const commit = response.headers.get('x-repo-commit') ?? ref.revision ?? 'main';
  const blob = path.join(repoDir, 'blobs', etag);
  fs.mkdirSync(path.dirname(blob), { recursive: true });
  const partial = `${blob}.${randomBytes(4).toString('hex')}.incomplete`;
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), fs.createWriteStream(partial));
    fs.renameSync(partial, blob);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  const snapshot = path.join(repoDir, 'snapshots', commit, ref.file);
  fs.mkdirSync(path.dirname(snapshot), { recursive: true });
  fs.rmSync(snapshot, { force: true });
  fs.symlinkSync(path.relative(path.dirname(snapshot), blob), snapshot);
  fs.mkdirSync(path.join(repoDir, 'refs'), { recursive: true });
  fs.writeFileSync(path.join(repoDir, 'refs', ref.revision ?? 'main'), commit);
  return snapshot;
}

/** The local file of an hf:// source: from the cache, or downloaded into it when allowed. */
export async function resolveHfSource(source: string, env: HfEnv, options: { fetch?: typeof fetch } = {}): Promise<string> {
  const ref = parseHfSource(source);
  if (!ref) throw new DatasetImportError('source', `source is not a valid Hugging Face source (got ${JSON.stringify(source)}); use hf://datasets/<owner>/<name>/<file>`);
  const cacheDir = hfHubCacheDir(env);
  const cached = findCachedHfFile(ref, cacheDir);
  if (cached) return cached;
  let reason: string;
  if (env.HF_HUB_OFFLINE && env.HF_HUB_OFFLINE !== '0' && env.HF_HUB_OFFLINE.toLowerCase() !== 'false') {
    reason = 'HF_HUB_OFFLINE is set, so nothing is downloaded';
  } else {
    try {
      return await downloadToHfCache(ref, cacheDir, { endpoint: env.HF_ENDPOINT, token: env.HF_TOKEN, fetch: options.fetch });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      reason = `downloading ${hfFileUrl(ref, env.HF_ENDPOINT)} failed: ${cause ?? (error as Error).message}`;
    }
  }
  const place = path.join(hfRepoDir(ref, cacheDir), 'snapshots', ref.revision ?? 'main', ref.file);
  throw new DatasetImportError(
    'source',
    `${source} is not in the Hugging Face cache (${cacheDir}) and ${reason}. Put the file at ${place} ` +
      `(any snapshot folder name works; or run \`huggingface-cli download --repo-type dataset ${ref.owner}/${ref.name} ${ref.file}\` where the Hub is reachable and copy the cache), ` +
      'set HF_HOME to the cache that has it, or register the local path of the file instead',
  );
}
