import { SignJWT } from 'jose';
import { anonKey, apiUrl, jwtSecret } from './env.ts';

export const SCHEMA = 'contract';

/** Signs an HS256 token with the stack's secret, as GoTrue would issue it. */
export async function signToken(claims: Record<string, unknown>, expiresInSeconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(jwtSecret));
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: () => any;
}

/** A raw request to /rest/v1 in the contract schema, with the anon key unless told otherwise. */
export async function rest(path: string, init: RequestInit & { token?: string; profile?: string | null } = {}): Promise<RawResponse> {
  const { token, profile = SCHEMA, headers, ...rest } = init;
  const h = new Headers(headers);
  h.set('apikey', anonKey);
  if (token !== undefined) h.set('authorization', `Bearer ${token}`);
  const method = (rest.method ?? 'GET').toUpperCase();
  if (profile !== null) {
    if (['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      if (!h.has('accept-profile')) h.set('accept-profile', profile);
    } else if (!h.has('content-profile')) h.set('content-profile', profile);
  }
  if (rest.body !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
  const res = await fetch(`${apiUrl()}/rest/v1${path}`, { ...rest, headers: h });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
