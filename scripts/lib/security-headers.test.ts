import { describe, expect, it } from 'vitest';
import { appSecurityHeaders, contentSecurityPolicy, supabaseSources } from './security-headers.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values] as const;
  }));
}

describe('app security headers', () => {
  it('limits connections to the app and the Supabase URL with its websocket', () => {
    const csp = directives(contentSecurityPolicy('http://127.0.0.1:54321'));
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:54321', 'ws://127.0.0.1:54321']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it('uses wss for an https project and drops any path', () => {
    expect(supabaseSources('https://abc.supabase.co/some/path')).toEqual(['https://abc.supabase.co', 'wss://abc.supabase.co']);
  });

  it('refuses a Supabase URL that is not http(s)', () => {
    expect(() => supabaseSources('javascript:alert(1)')).toThrow(/http/);
  });

  it('sends frame, sniffing and referrer protection, and the policy unless it is turned off', () => {
    const headers = appSecurityHeaders('http://127.0.0.1:54321');
    expect(headers).toMatchObject({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' });
    expect(headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(appSecurityHeaders('http://127.0.0.1:54321', { contentSecurityPolicy: false })).not.toHaveProperty('Content-Security-Policy');
  });
});
