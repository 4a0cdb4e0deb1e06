/**
 * The headers every page of the dashboard carries. The policy allows scripts only with this response's nonce
 * (Next adds it to its own scripts), connections only to this origin and the API (HTTP and WebSocket), and no
 * framing. Styles keep 'unsafe-inline': chart tooltips and server-rendered `style` attributes need it, and
 * inline styles cannot run code.
 */
/** Request header that hands the nonce from proxy.ts to the layout (for scripts Next does not add itself). */
export const NONCE_HEADER = 'x-nonce';

export interface SecurityHeaderInput {
  /** The API's GraphQL URL, as the browser reaches it. */
  apiUrl: string;
  nonce: string;
  /** `next dev` needs eval for React's error overlays; production never does. */
  dev?: boolean;
}

/** http(s)://host:port of the API and the ws(s):// twin the subscriptions use. */
export function apiOrigins(apiUrl: string): string[] {
  const url = new URL(apiUrl);
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${ws}//${url.host}`];
}

export function contentSecurityPolicy({ apiUrl, nonce, dev = false }: SecurityHeaderInput): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${apiOrigins(apiUrl).join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(input),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
