import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_SECRET_PREFIX = 'tlk_';

/** Shown in lists so people can tell their tokens apart; 8 random characters reveal nothing useful. */
export const TOKEN_DISPLAY_LENGTH = 12;

/** A new API token secret: 'tlk_' and 256 random bits in base64url. Shown once, stored only as a hash. */
export function generateTokenSecret(): string {
  return TOKEN_SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 hex of a secret. A fast hash is right here, unlike for passwords: the secret has 256 bits of
 * entropy, so there is nothing to brute-force, and a slow KDF would only slow every API request.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function tokenPrefix(secret: string): string {
  return secret.slice(0, TOKEN_DISPLAY_LENGTH);
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The credential of an `Authorization: Bearer <token>` header, or null for any other header. */
export function parseBearer(header: string | undefined | null): string | null {
  if (typeof header !== 'string') return null;
  const match = BEARER.exec(header.trim());
  return match?.[1] ?? null;
}
