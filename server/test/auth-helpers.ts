import { randomBytes } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { anonKey, apiUrl, mailUrl } from './env.ts';
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

export interface CaughtMessage {
  ID: string;
  Subject: string;
  To: { Name: string; Address: string }[];
  Text: string;
  HTML: string;
  Snippet?: string;
}

/**
 * The newest message to `address`, read through the mail catcher's Mailpit API, waiting briefly
 * for it; `after` skips messages already seen (by ID).
 */
export async function latestMail(address: string, options: { base?: string; after?: string[]; timeoutMs?: number } = {}): Promise<CaughtMessage> {
  const base = options.base ?? mailUrl();
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const res = await fetch(`${base}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`);
    const list = (await res.json()) as { messages: { ID: string }[] };
    const fresh = list.messages.find((m) => !(options.after ?? []).includes(m.ID));
    if (fresh) return (await (await fetch(`${base}/api/v1/message/${fresh.ID}`)).json()) as CaughtMessage;
    if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every message to `address`, newest first. */
export async function mailsTo(address: string, base = mailUrl()): Promise<{ ID: string; Subject: string }[]> {
  const res = await fetch(`${base}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`);
  return ((await res.json()) as { messages: { ID: string; Subject: string }[] }).messages;
}

/** The first link in a message's HTML. */
export function linkIn(message: CaughtMessage): string {
  const m = /href="([^"]+)"/.exec(message.HTML);
  if (!m) throw new Error(`no link in "${message.Subject}"`);
  return m[1]!.replace(/&#38;/g, '&').replace(/&amp;/g, '&');
}

/** The one-time code in a message's text: digits standing alone after a colon or on their own line. */
export function codeIn(message: CaughtMessage): string {
  const m = /(?:^|[:：]\s*)(\d{6,10})\s*$/m.exec(message.Text);
  if (!m) throw new Error(`no code in "${message.Subject}"`);
  return m[1]!;
}

/** Follows a link without following the redirect; the Location and its fragment parameters. */
export async function follow(link: string): Promise<{ status: number; location: string; fragment: URLSearchParams; query: URLSearchParams }> {
  const res = await fetch(link, { redirect: 'manual' });
  const location = res.headers.get('location') ?? '';
  const url = new URL(location);
  return { status: res.status, location, fragment: new URLSearchParams(url.hash.slice(1)), query: url.searchParams };
}
