import { type FieldIssue, invalid, valid, type Validated } from './validation';

export type CursorPart = string | number | null;

/** Cursors are opaque to clients; longer ones than this were not made by encodeCursor for a real sort key. */
const MAX_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Encodes the sort key of the last row of a page as an opaque base64url string. */
export function encodeCursor(parts: CursorPart[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function isCursorPart(value: unknown): value is CursorPart {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Decodes a cursor from encodeCursor; anything else, including a tampered one, is an issue on `field`. */
export function decodeCursor(cursor: string, field = 'after'): Validated<CursorPart[]> {
  const issue: FieldIssue = {
    field,
    message: `${field} is not a cursor returned by this API; pass pageInfo.endCursor from the previous page`,
  };
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return invalid([issue]);
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder ignores stray trailing bits; re-encoding rejects anything encodeCursor could not have produced.
  if (bytes.toString('base64url') !== cursor) return invalid([issue]);
  let parts: unknown;
  try {
    parts = JSON.parse(bytes.toString('utf8'));
  } catch {
    return invalid([issue]);
  }
  if (!Array.isArray(parts) || !parts.every(isCursorPart)) return invalid([issue]);
  return valid(parts);
}
