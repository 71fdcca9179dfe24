/**
 * HTTP security headers of the app server: the production preview that `npm start` runs, and
 * (without the Content-Security-Policy, which Vite's inline HMR preamble cannot satisfy) the dev
 * server. The policy allows no inline script and lets the app connect only to itself and to the
 * Supabase URL it was built for, over HTTP and its Realtime WebSocket.
 */

/** The HTTP(S) and WebSocket origins of a Supabase URL, as CSP sources. */
export function supabaseSources(supabaseUrl: string): string[] {
  const url = new URL(supabaseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Supabase URL must be http(s): ${supabaseUrl}`);
  const ws = new URL(url.origin);
  ws.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, ws.origin];
}

export function contentSecurityPolicy(supabaseUrl: string): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    // Style attributes set by React, tiptap and the virtualised grid.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...supabaseSources(supabaseUrl)],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

export function appSecurityHeaders(supabaseUrl: string, options: { contentSecurityPolicy?: boolean } = {}): Record<string, string> {
  return {
    ...(options.contentSecurityPolicy === false ? {} : { 'Content-Security-Policy': contentSecurityPolicy(supabaseUrl) }),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}
