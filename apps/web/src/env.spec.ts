import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_URL, readWebEnv, type EnvIo } from './env';

const root = path.resolve('/repo');

function io(files: Record<string, string | Error>): EnvIo {
  return {
    cwd: path.join(root, 'apps', 'web'),
    exists: (file) => file === path.join(root, 'turbo.json') || file in files,
    readFile: (file) => {
      const content = files[file];
      if (content instanceof Error) throw content;
      if (content === undefined) throw new Error(`ENOENT: ${file}`);
      return content;
    },
  };
}

describe('readWebEnv', () => {
  it('defaults the API URL and reads the token file under the repository root', () => {
    const tokenFile = path.join(root, 'data', 'admin-token');
    const env = readWebEnv({}, io({ [tokenFile]: 'tl_secret\n' }));
    expect(env).toEqual({ apiUrl: DEFAULT_API_URL, tokenFile, tokenSource: 'TUNELAB_TOKEN_FILE', token: 'tl_secret', problems: [] });
  });

  it('prefers TUNELAB_TOKEN over the file', () => {
    const env = readWebEnv({ TUNELAB_TOKEN: ' tl_env ' }, io({}));
    expect(env.token).toBe('tl_env');
    expect(env.tokenSource).toBe('TUNELAB_TOKEN');
  });

  it('resolves a relative TUNELAB_TOKEN_FILE from the repository root and keeps absolute ones', () => {
    expect(readWebEnv({ TUNELAB_TOKEN_FILE: 'tmp/t' }, io({})).tokenFile).toBe(path.join(root, 'tmp', 't'));
    expect(readWebEnv({ TUNELAB_TOKEN_FILE: '/x/token' }, io({ '/x/token': 'abc' })).token).toBe('abc');
  });

  it('reports a missing token without inventing one', () => {
    const env = readWebEnv({}, io({}));
    expect(env.token).toBeNull();
    expect(env.tokenSource).toBeNull();
    expect(env.problems).toEqual([]);
  });

  it('reports every problem at once', () => {
    const env = readWebEnv({ TUNELAB_API_URL: 'ftp://host/graphql', TUNELAB_TOKEN: '  ' }, io({}));
    expect(env.problems).toHaveLength(2);
    expect(env.problems[0]).toContain('TUNELAB_API_URL');
    expect(env.problems[1]).toContain('TUNELAB_TOKEN');
  });

  it('reports an unreadable token file', () => {
    const tokenFile = path.join(root, 'data', 'admin-token');
    const env = readWebEnv({}, io({ [tokenFile]: new Error('EACCES: permission denied') }));
    expect(env.token).toBeNull();
    expect(env.problems[0]).toContain('EACCES');
  });

  it('rejects a malformed URL', () => {
    expect(readWebEnv({ TUNELAB_API_URL: 'not a url' }, io({})).problems[0]).toContain('not a valid URL');
  });
});
