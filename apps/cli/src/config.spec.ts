import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeApiUrl, resolveConnection, resolveToken } from './config';
import { CliError, EXIT } from './errors';

describe('normalizeApiUrl', () => {
  it('accepts the URL with or without /graphql', () => {
    for (const raw of ['http://127.0.0.1:4000', 'http://127.0.0.1:4000/', 'http://127.0.0.1:4000/graphql', 'http://127.0.0.1:4000/graphql/']) {
      expect(normalizeApiUrl(raw)).toEqual({ url: 'http://127.0.0.1:4000/graphql', wsUrl: 'ws://127.0.0.1:4000/graphql' });
    }
    expect(normalizeApiUrl('https://tunelab.example/api').wsUrl).toBe('wss://tunelab.example/api/graphql');
  });

  it('refuses what is not an http URL with exit code 2', () => {
    for (const raw of ['127.0.0.1:4000x', 'ftp://host/graphql', 'not a url']) {
      const error = (() => {
        try {
          normalizeApiUrl(raw);
        } catch (e) {
          return e as CliError;
        }
      })();
      expect(error).toBeInstanceOf(CliError);
      expect(error!.exitCode).toBe(EXIT.usage);
    }
  });
});

describe('resolveToken', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-cli-config-'));

  it('prefers TUNELAB_TOKEN, then TUNELAB_TOKEN_FILE, then ./data/admin-token', () => {
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'data', 'admin-token'), 'tlk_from_repo\n');
    fs.writeFileSync(path.join(dir, 'other-token'), ' tlk_from_file \n');
    expect(resolveToken({ env: { TUNELAB_TOKEN: 'tlk_env' }, cwd: dir })).toBe('tlk_env');
    expect(resolveToken({ env: { TUNELAB_TOKEN_FILE: 'other-token' }, cwd: dir })).toBe('tlk_from_file');
    expect(resolveToken({ env: {}, cwd: dir })).toBe('tlk_from_repo');
  });

  it('without any token fails with exit code 4 and says where it looked', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-cli-empty-'));
    expect(() => resolveToken({ env: {}, cwd: empty })).toThrow(/TUNELAB_TOKEN.*data\/admin-token/s);
    try {
      resolveToken({ env: {}, cwd: empty });
    } catch (error) {
      expect((error as CliError).exitCode).toBe(EXIT.auth);
    }
  });

  it('--url wins over TUNELAB_URL, which wins over the default', () => {
    const env = { TUNELAB_TOKEN: 't', TUNELAB_URL: 'http://api:4000' };
    expect(resolveConnection({ env, cwd: dir }).url).toBe('http://api:4000/graphql');
    expect(resolveConnection({ env, cwd: dir, urlFlag: 'http://other:5000/graphql' }).url).toBe('http://other:5000/graphql');
    expect(resolveConnection({ env: { TUNELAB_TOKEN: 't' }, cwd: dir }).url).toBe('http://127.0.0.1:4000/graphql');
  });
});
