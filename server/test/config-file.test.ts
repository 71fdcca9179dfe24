import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningStack } from '../src/stack.ts';
import { anonKey } from './env.ts';
import { clientFor, codeIn, latestMail, linkIn, privateStack, uniqueEmail } from './auth-helpers.ts';

// A stack that reads its settings from a config.toml of its own, as the Supabase CLI would: the
// exposed schemas (with PostgREST's profile headers), max_rows, and the auth and email settings.
const CONFIG = `
[api]
schemas = ["public", "library"]
extra_search_path = ["public", "extensions"]
max_rows = 2

[auth]
site_url = "http://127.0.0.1:4999"
additional_redirect_urls = ["http://127.0.0.1:4999/**", "https://app.example.org/welcome"]
jwt_expiry = 900
enable_signup = true
enable_anonymous_sign_ins = true
minimum_password_length = 10

[auth.email]
enable_confirmations = true
double_confirm_changes = true
otp_length = 8
otp_expiry = 600
`;

const MIGRATION = `
create schema library;
grant usage on schema library to anon, authenticated, service_role;
create table library.books (id int primary key, title text not null);
insert into library.books values (1, '论语'), (2, '孟子'), (3, '大学');
grant select on library.books to anon, authenticated;
create schema hidden;
grant usage on schema hidden to anon;
create table hidden.notes (id int primary key);
grant select on hidden.notes to anon;
`;

let stack: RunningStack;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duizhao-config-stack-'));
  mkdirSync(path.join(dir, 'migrations'));
  writeFileSync(path.join(dir, 'config.toml'), CONFIG);
  writeFileSync(path.join(dir, 'migrations', '20260101000000_library.sql'), MIGRATION);
  vi.stubEnv('DUIZHAO_SUPABASE_CONFIG', path.join(dir, 'config.toml'));
  try {
    stack = await privateStack({ migrationsDir: path.join(dir, 'migrations') });
  } finally {
    vi.unstubAllEnvs();
  }
});

afterAll(async () => {
  await stack?.stop();
});

describe('[api] from config.toml', () => {
  it('exposes the listed schemas through the profile headers, and caps rows at max_rows', async () => {
    const { data, error } = await clientFor(stack.url).schema('library').from('books').select('title').order('id');
    expect(error).toBeNull();
    expect(data).toEqual([{ title: '论语' }, { title: '孟子' }]);
    const res = await fetch(`${stack.url}/rest/v1/books?select=id`, { headers: { apikey: anonKey, 'accept-profile': 'library' } });
    expect(res.headers.get('content-profile')).toBe('library');
  });

  it('refuses a schema that is not listed, naming those that are', async () => {
    const { error, status } = await clientFor(stack.url).schema('hidden').from('notes').select();
    expect(status).toBe(406);
    expect(error).toMatchObject({ code: 'PGRST106', message: 'Invalid schema: hidden', hint: 'Only the following schemas are exposed: public, library' });
  });
});

describe('[auth] from config.toml', () => {
  it('applies minimum_password_length, enable_confirmations and otp_length', async () => {
    const auth = clientFor(stack.url).auth;
    const email = uniqueEmail('cfg');
    const weak = await auth.signUp({ email, password: 'nine-char' });
    expect(weak.error?.code).toBe('weak_password');
    const { data, error } = await auth.signUp({ email, password: 'ten-chars!', options: { emailRedirectTo: 'https://app.example.org/welcome' } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    const mail = await latestMail(email, { base: stack.mail.url });
    expect(codeIn(mail)).toMatch(/^\d{8}$/);
    expect(decodeURIComponent(linkIn(mail))).toContain('redirect_to=https://app.example.org/welcome');
  });

  it('signs anonymous users in with tokens that live jwt_expiry seconds', async () => {
    const { data, error } = await clientFor(stack.url).auth.signInAnonymously();
    expect(error).toBeNull();
    const claims = JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(900);
    expect(data.session!.expires_in).toBe(900);
  });
});
