import { describe, expect, it } from 'vitest';
import { apiOrigins, contentSecurityPolicy, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('lets the page talk to its API over HTTP and WebSocket, and nowhere else', () => {
    expect(apiOrigins('http://127.0.0.1:4000/graphql')).toEqual(['http://127.0.0.1:4000', 'ws://127.0.0.1:4000']);
    expect(apiOrigins('https://api.example.com/graphql')).toEqual(['https://api.example.com', 'wss://api.example.com']);
    const policy = contentSecurityPolicy({ apiUrl: 'http://127.0.0.1:4000/graphql', nonce: 'abc' });
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:4000 ws://127.0.0.1:4000");
  });

  it('runs only scripts with the nonce, never eval outside development, and cannot be framed', () => {
    const policy = contentSecurityPolicy({ apiUrl: 'http://127.0.0.1:4000/graphql', nonce: 'abc' });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(contentSecurityPolicy({ apiUrl: 'http://127.0.0.1:4000/graphql', nonce: 'abc', dev: true })).toContain("'unsafe-eval'");
  });

  it('sets the usual hardening headers', () => {
    const headers = securityHeaders({ apiUrl: 'http://127.0.0.1:4000/graphql', nonce: 'n' });
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin' });
  });
});
