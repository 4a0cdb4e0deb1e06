import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips strings, numbers and nulls', () => {
    for (const parts of [[], ['2025-01-01T00:00:00Z', 'run_1'], [0.93, null, 'ü 🙂 "quoted"'], [-1, 1e300]]) {
      expect(decodeCursor(encodeCursor(parts))).toEqual({ ok: true, value: parts });
    }
  });

  it('encodes to base64url text that needs no escaping in a URL', () => {
    expect(encodeCursor(['a?b/c+d', 123])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('rejects strings that are not cursors, naming the default field', () => {
    const message = 'after is not a cursor returned by this API; pass pageInfo.endCursor from the previous page';
    const notJson = Buffer.from('not json').toString('base64url');
    const notArray = Buffer.from('{"a":1}').toString('base64url');
    const badElement = Buffer.from('[{"a":1}]').toString('base64url');
    const nested = Buffer.from('[[1]]').toString('base64url');
    const withBoolean = Buffer.from('[true]').toString('base64url');
    for (const cursor of ['', 'abc$', 'a b', 'x'.repeat(5000), notJson, notArray, badElement, nested, withBoolean, '=']) {
      expect(decodeCursor(cursor), cursor.slice(0, 20)).toEqual({ ok: false, issues: [{ field: 'after', message }] });
    }
  });

  it('rejects a non-canonical encoding', () => {
    const cursor = encodeCursor(['x']);
    // Flip the unused low bits of the last character: Node would decode it to the same bytes.
    const last = cursor[cursor.length - 1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const tampered = cursor.slice(0, -1) + alphabet[alphabet.indexOf(last) + 1];
    expect(Buffer.from(tampered, 'base64url').equals(Buffer.from(cursor, 'base64url'))).toBe(true);
    expect(decodeCursor(tampered).ok).toBe(false);
  });

  it('names a custom field', () => {
    expect(decodeCursor('nope!', 'before')).toEqual({
      ok: false,
      issues: [{ field: 'before', message: 'before is not a cursor returned by this API; pass pageInfo.endCursor from the previous page' }],
    });
  });
});
