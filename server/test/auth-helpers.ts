import { randomBytes } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { anonKey, apiUrl } from './env.ts';
import { startStack, type RunningStack } from '../src/stack.ts';
import type { ConfigOverrides } from '../src/config.ts';

/** An address no other test file uses (the contract stack is shared across files). */
export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomBytes(6).toString('hex')}@example.com`;
}

export interface AuthCall {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/**
 * A raw request to /auth/v1, as auth-js would send it unless told otherwise: JSON, the anon
 * key as `apikey`, and `X-Supabase-Api-Version: 2024-01-01` unless `version` is null.
 */
export async function authFetch(
  path: string,
  options: { method?: string; body?: unknown; rawBody?: string; token?: string; version?: string | null; base?: string; headers?: Record<string, string> } = {},
): Promise<AuthCall> {
  const headers: Record<string, string> = { apikey: anonKey, 'content-type': 'application/json;charset=UTF-8', ...options.headers };
  if (options.version !== null) headers['x-supabase-api-version'] = options.version ?? '2024-01-01';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${options.base ?? apiUrl()}/auth/v1${path}`, {
    method: options.method ?? (options.body !== undefined || options.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (GoTrue's plain-text 404, empty 204 bodies)
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** A supabase-js client against `url`, session kept in memory. */
export function clientFor(url: string = apiUrl(), key: string = anonKey): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  });
}

/** A private stack on a throwaway PGlite, for settings the shared contract stack does not use. */
export function privateStack(overrides: ConfigOverrides): Promise<RunningStack> {
  return startStack({ port: 0, dataDir: 'memory://', databaseUrl: undefined, seedFile: undefined, ...overrides });
}

/** Signs a user up on `url` and returns the session response. */
export async function signUpUser(url: string = apiUrl(), email = uniqueEmail(), password = 'correct-horse-1', data: Record<string, unknown> = {}) {
  const res = await authFetch('/signup', { base: url, body: { email, password, data } });
  if (res.status !== 200) throw new Error(`signup failed: ${res.status} ${res.text}`);
  return { email, password, session: res.body as { access_token: string; refresh_token: string; user: { id: string } } };
}
