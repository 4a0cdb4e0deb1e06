import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetImportError } from './dataset.errors';
import { resolveSource } from './dataset-source';
import { findCachedHfFile, hfFileUrl, hfHubCacheDir, parseHfSource, resolveHfSource } from './hf-cache';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-hf-'));

function cacheWith(files: Record<string, string>): string {
  const cache = tempDir();
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(cache, file)), { recursive: true });
    fs.writeFileSync(path.join(cache, file), content);
  }
  return cache;
}

async function refusal(promise: Promise<unknown>): Promise<DatasetImportError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DatasetImportError)) throw new Error(`expected a DatasetImportError, got ${String(error)}`);
  return error;
}

describe('hf:// sources', () => {
  it('parses owner, name, optional revision and a nested file', () => {
    expect(parseHfSource('hf://datasets/blinoff/kinopoisk/kinopoisk.jsonl')).toEqual({ owner: 'blinoff', name: 'kinopoisk', revision: null, file: 'kinopoisk.jsonl' });
    expect(parseHfSource('hf://datasets/a/b@v1.0/plain_text/train.parquet')).toEqual({ owner: 'a', name: 'b', revision: 'v1.0', file: 'plain_text/train.parquet' });
    expect(parseHfSource('hf://datasets/a/b/../secret')).toBeNull();
    expect(parseHfSource('hf://models/a/b/c')).toBeNull();
    expect(hfFileUrl({ owner: 'a', name: 'b', revision: null, file: 'dir/x y.csv' })).toBe('https://huggingface.co/datasets/a/b/resolve/main/dir/x%20y.csv');
  });

  it('finds the cache like huggingface_hub: HF_HUB_CACHE, then HF_HOME/hub, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(hfHubCacheDir({ HF_HUB_CACHE: '/c', HF_HOME: '/h' })).toBe('/c');
    expect(hfHubCacheDir({ HF_HOME: '/h', XDG_CACHE_HOME: '/x' })).toBe('/h/hub');
    expect(hfHubCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/huggingface/hub');
    expect(hfHubCacheDir({ HOME: '/home/me' })).toBe('/home/me/.cache/huggingface/hub');
  });

  it('prefers the snapshot refs/main points at, else the newest snapshot holding the file; a revision picks its own', () => {
    const repo = 'datasets--blinoff--kinopoisk';
    const cache = cacheWith({
      [`${repo}/refs/main`]: 'abc123\n',
      [`${repo}/snapshots/abc123/kinopoisk.jsonl`]: 'main',
      [`${repo}/snapshots/old/kinopoisk.jsonl`]: 'old',
      [`${repo}/snapshots/old/extra.jsonl`]: 'extra',
    });
    const ref = (file: string, revision: string | null = null) => ({ owner: 'blinoff', name: 'kinopoisk', revision, file });
    expect(findCachedHfFile(ref('kinopoisk.jsonl'), cache)).toBe(path.join(cache, repo, 'snapshots/abc123/kinopoisk.jsonl'));
    expect(findCachedHfFile(ref('extra.jsonl'), cache)).toBe(path.join(cache, repo, 'snapshots/old/extra.jsonl'));
    expect(findCachedHfFile(ref('kinopoisk.jsonl', 'old'), cache)).toBe(path.join(cache, repo, 'snapshots/old/kinopoisk.jsonl'));
    expect(findCachedHfFile(ref('missing.jsonl'), cache)).toBeNull();
  });

  it('resolves a cached file without touching the network', async () => {
    const home = tempDir();
    const file = path.join(home, 'hub/datasets--o--n/snapshots/any/reviews.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{}\n');
    const fetchNever = (() => {
      throw new Error('no network in tests');
    }) as unknown as typeof fetch;
    expect(await resolveSource('hf://datasets/o/n/reviews.jsonl', { cwd: '/', env: { HF_HOME: home }, fetch: fetchNever })).toEqual({ file, bytes: 3 });
  });

  it('offline and not cached: says which file to put where', async () => {
    const home = tempDir();
    const error = await refusal(resolveHfSource('hf://datasets/blinoff/kinopoisk/kinopoisk.jsonl', { HF_HOME: home, HF_HUB_OFFLINE: '1' }));
    expect(error.field).toBe('source');
    expect(error.message).toContain(`is not in the Hugging Face cache (${path.join(home, 'hub')}) and HF_HUB_OFFLINE is set`);
    expect(error.message).toContain(`Put the file at ${path.join(home, 'hub/datasets--blinoff--kinopoisk/snapshots/main/kinopoisk.jsonl')}`);
    expect(error.message).toContain('huggingface-cli download --repo-type dataset blinoff/kinopoisk kinopoisk.jsonl');
  });

  it('when a download fails, says so and says where to put the file', async () => {
    const failing = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    }) as unknown as typeof fetch;
    const error = await refusal(resolveHfSource('hf://datasets/o/n/f.csv', { HF_HOME: tempDir() }, { fetch: failing }));
    expect(error.message).toMatch(/downloading https:\/\/huggingface\.co\/datasets\/o\/n\/resolve\/main\/f\.csv failed: ENOTFOUND\. Put the file at /);
  });

  describe('downloading into the cache (from a stand-in Hub on 127.0.0.1)', () => {
    let server: http.Server;
    let endpoint: string;
    const requests: string[] = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        requests.push(req.url ?? '');
        if (req.url === '/datasets/o/n/resolve/main/dir/reviews.jsonl') {
          res.writeHead(200, { etag: '"blobetag1"', 'x-repo-commit': 'c0ffee' });
          res.end('{"content":"ok"}\n');
        } else {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('writes blob, snapshot link and ref the way huggingface_hub does, then reads from the cache', async () => {
      const home = tempDir();
      const env = { HF_HOME: home, HF_ENDPOINT: endpoint };
      const file = await resolveHfSource('hf://datasets/o/n/dir/reviews.jsonl', env);
      const repo = path.join(home, 'hub/datasets--o--n');
      expect(file).toBe(path.join(repo, 'snapshots/c0ffee/dir/reviews.jsonl'));
      expect(fs.readFileSync(file, 'utf8')).toBe('{"content":"ok"}\n');
      expect(fs.readlinkSync(file)).toBe('../../../blobs/blobetag1');
      expect(fs.readFileSync(path.join(repo, 'refs/main'), 'utf8')).toBe('c0ffee');
      const before = requests.length;
      expect(await resolveHfSource('hf://datasets/o/n/dir/reviews.jsonl', env)).toBe(file);
      expect(requests.length).toBe(before);
    });

    it('reports a file the Hub does not have', async () => {
      const error = await refusal(resolveHfSource('hf://datasets/o/n/missing.jsonl', { HF_HOME: tempDir(), HF_ENDPOINT: endpoint }));
      expect(error.message).toContain('failed: the Hub answered HTTP 404 (no such dataset or file)');
    });
  });

  it('names a local file that is not there, relative to the working directory', async () => {
    const error = await refusal(resolveSource('data/nope.jsonl', { cwd: '/srv/tunelab', env: {} }));
    expect(error.message).toBe("no file at /srv/tunelab/data/nope.jsonl (resolved against the API's working directory /srv/tunelab); check the path, or give an absolute one");
  });
});
