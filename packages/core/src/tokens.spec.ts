import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateTokenSecret, hashTokenSecret, parseBearer, tokenPrefix } from './tokens';

describe('generateTokenSecret', () => {
  it('is tlk_ followed by 32 bytes of base64url', () => {
    const secret = generateTokenSecret();
    expect(secret).toMatch(/^tlk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 200 }, generateTokenSecret));
    expect(secrets.size).toBe(200);
  });
});

describe('hashTokenSecret', () => {
  it('is the sha256 hex digest', () => {
    expect(hashTokenSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const secret = generateTokenSecret();
    expect(hashTokenSecret(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
  });

  it('differs for different secrets and is stable for one', () => {
    expect(hashTokenSecret('tlk_a')).not.toBe(hashTokenSecret('tlk_b'));
    expect(hashTokenSecret('tlk_a')).toBe(hashTokenSecret('tlk_a'));
  });
});

describe('tokenPrefix', () => {
  it('keeps the first 12 characters', () => {
    expect(tokenPrefix('tlk_ABCDEFGHIJKLMNOP')).toBe('tlk_ABCDEFGH');
    expect(tokenPrefix('short')).toBe('short');
  });
});

describe('parseBearer', () => {
  it('extracts the credential with any case of scheme', () => {
    expect(parseBearer('Bearer tlk_abc')).toBe('tlk_abc');
    expect(parseBearer('bearer tlk_abc')).toBe('tlk_abc');
    expect(parseBearer('BEARER   tlk_abc  ')).toBe('tlk_abc');
    expect(parseBearer('  Bearer\ttlk_abc')).toBe('tlk_abc');
  });

  it('returns null for anything else', () => {
    for (const header of [undefined, null, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'tlk_abc', 'Bearer a b', 'Bearertlk_abc']) {
      expect(parseBearer(header), String(header)).toBeNull();
    }
  });
});
