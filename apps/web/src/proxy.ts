import { NextResponse, type NextRequest } from 'next/server';
import { DEFAULT_API_URL } from '@/env';
import { NONCE_HEADER, securityHeaders } from '@/lib/security-headers';

/**
 * Security headers on every page, with a fresh script nonce per request. Next reads the nonce from the request's
 * Content-Security-Policy header and puts it on its own scripts (pages render per request, see app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders({ apiUrl: apiUrlOrDefault(process.env.TUNELAB_API_URL), nonce, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  requestHeaders.set(NONCE_HEADER, nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** A bad TUNELAB_API_URL is reported on the page (env.ts); the policy then names the default. */
function apiUrlOrDefault(raw: string | undefined): string {
  try {
    return new URL(raw?.trim() || DEFAULT_API_URL).toString();
  } catch {
    return DEFAULT_API_URL;
  }
}

export const config = {
  // Static files carry no script; prefetches reuse the page's policy.
  matcher: [
    {
      source: '/((?!_next/static|_next/image|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
