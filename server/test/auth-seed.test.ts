import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../src/stack.ts';
import { authFetch, clientFor, privateStack, uniqueEmail } from './auth-helpers.ts';

// An app migration in the style Supabase projects use: a profile row per new auth user.
const MIGRATION = `
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null
);
create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if new.raw_user_meta_data ->> 'display_name' = 'reject-me' then
    raise exception 'display name refused';
  end if;
  insert into public.profiles (id, display_name)
  values (new.id, coalesce(new.raw_user_meta_data ->> 'display_name', new.email, 'anonymous'));
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users for each row execute function public.handle_new_user();
`;

// A seed user written the way Supabase seed.sql files do, hashed by pgcrypto.
const SEED_ID = '6c702e8d-c57f-4cba-9b1e-2f3a4b5c6d7e';
const SEED = `
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, email_change,
  email_change_token_new, recovery_token)
values ('00000000-0000-0000-0000-000000000000', '${SEED_ID}', 'authenticated', 'authenticated',
  'seeded@example.com', extensions.crypt('seed-password-1', extensions.gen_salt('bf')), now(),
  '{"provider":"email","providers":["email"]}', '{"display_name":"王维"}', now(), now(), '', '', '', '');
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values ('${SEED_ID}', '${SEED_ID}', '{"sub":"${SEED_ID}","email":"seeded@example.com"}', 'email', now(), now(), now());
`;

describe('users created in SQL and after-insert triggers on auth.users', () => {
  let stack: RunningStack;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'duizhao-auth-seed-'));
    await mkdir(path.join(dir, 'migrations'));
    await writeFile(path.join(dir, 'migrations', '20240101000000_profiles.sql'), MIGRATION);
    await writeFile(path.join(dir, 'seed.sql'), SEED);
    stack = await privateStack({ migrationsDir: path.join(dir, 'migrations'), seedFile: path.join(dir, 'seed.sql'), auth: { anonymousSignIns: true } });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const profile = async (id: string) =>
    (await stack.db.query<{ display_name: string }>('select display_name from public.profiles where id = $1', [id])).rows[0]?.display_name;

  it('signs in a seeded user whose hash pgcrypto wrote', async () => {
    const hash = (await stack.db.query<{ h: string }>('select encrypted_password as h from auth.users where id = $1', [SEED_ID])).rows[0]!.h;
    expect(hash).toMatch(/^\$2a\$06\$/);
    const { data, error } = await clientFor(stack.url).auth.signInWithPassword({ email: 'Seeded@Example.com', password: 'seed-password-1' });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: SEED_ID, email: 'seeded@example.com', user_metadata: { display_name: '王维' } });
    expect(data.user!.identities).toHaveLength(1);
    expect(await profile(SEED_ID)).toBe('王维');
  });

  it('runs the trigger for sign-ups, anonymous sign-ins and admin-created users', async () => {
    const supabase = clientFor(stack.url);
    const { data } = await supabase.auth.signUp({ email: uniqueEmail(), password: 'correct-horse-1', options: { data: { display_name: '孟浩然' } } });
    expect(await profile(data.user!.id)).toBe('孟浩然');
    const { data: anon } = await clientFor(stack.url).auth.signInAnonymously();
    expect(await profile(anon.user!.id)).toBe('anonymous');
    const email = uniqueEmail();
    const { data: created } = await clientFor(stack.url, stack.config.serviceRoleKey).auth.admin.createUser({ email, password: 'correct-horse-1' });
    expect(await profile(created.user!.id)).toBe(email);
  });

  it('answers 500 "Database error saving new user" when the trigger fails, and stores nothing', async () => {
    const email = uniqueEmail();
    const res = await authFetch('/signup', { base: stack.url, body: { email, password: 'correct-horse-1', data: { display_name: 'reject-me' } } });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 'unexpected_failure', message: 'Database error saving new user' });
    const { rows } = await stack.db.query('select 1 from auth.users where email = $1', [email]);
    expect(rows).toHaveLength(0);
  });

  it('stores GoTrue-compatible rows: $2a$10$ hashes, sessions, refresh tokens, AMR claims and audit entries', async () => {
    const email = uniqueEmail();
    const { data } = await clientFor(stack.url).auth.signUp({ email, password: 'correct-horse-1' });
    const id = data.user!.id;
    const { rows: users } = await stack.db.query<{ encrypted_password: string; instance_id: string; role: string; confirmation_token: string }>(
      'select encrypted_password, instance_id, role, confirmation_token from auth.users where id = $1',
      [id],
    );
    expect(users[0]).toMatchObject({ instance_id: '00000000-0000-0000-0000-000000000000', role: 'authenticated', confirmation_token: '' });
    expect(users[0]!.encrypted_password).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    const { rows: tokens } = await stack.db.query<{ token: string; revoked: boolean; parent: string | null; user_id: string }>(
      'select token, revoked, parent, user_id from auth.refresh_tokens where user_id = $1',
      [id],
    );
    expect(tokens).toEqual([{ token: data.session!.refresh_token, revoked: false, parent: null, user_id: id }]);
    const { rows: sessions } = await stack.db.query<{ aal: string }>('select aal from auth.sessions where user_id = $1', [id]);
    expect(sessions).toEqual([{ aal: 'aal1' }]);
    const { rows: amr } = await stack.db.query<{ authentication_method: string }>(
      'select authentication_method from auth.mfa_amr_claims c join auth.sessions s on s.id = c.session_id where s.user_id = $1',
      [id],
    );
    expect(amr).toEqual([{ authentication_method: 'password' }]);
    const { rows: audit } = await stack.db.query<{ action: string }>(
      "select payload ->> 'action' as action from auth.audit_log_entries where payload ->> 'actor_id' = $1 order by created_at",
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['user_signedup', 'login']);
  });
});
