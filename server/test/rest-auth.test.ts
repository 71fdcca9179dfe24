import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { anonKey, apiUrl, serviceRoleKey } from './env.ts';
import { SCHEMA, rest, signToken } from './rest-helpers.ts';

const asUser = (token: string) =>
  createClient(apiUrl(), anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    db: { schema: SCHEMA },
    global: { headers: { authorization: `Bearer ${token}` } },
    realtime: { transport: WebSocket },
  } as never);

describe('JWT', () => {
  it('answers PGRST301 for undecodable tokens with WWW-Authenticate', async () => {
    const parts = await rest('/films', { token: 'abc' });
    expect(parts.status).toBe(401);
    expect(parts.json()).toEqual({ code: 'PGRST301', details: null, hint: null, message: 'Expected 3 parts in JWT; got 1' });
    expect(parts.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="Expected 3 parts in JWT; got 1"');
    const forged = await rest('/films', { token: `${(await signToken({ role: 'authenticated' })).slice(0, -4)}AAAA` });
    expect(forged.json()).toMatchObject({ code: 'PGRST301', message: 'JWT cryptographic operation failed' });
  });

  it('answers PGRST303 for expired tokens', async () => {
    const expired = await signToken({ role: 'authenticated', sub: randomUUID() }, -120);
    const r = await rest('/films', { token: expired });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ code: 'PGRST303', details: null, hint: null, message: 'JWT expired' });
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="JWT expired"');
  });

  it('maps a role claim naming no role to 401 with 22023', async () => {
    const r = await rest('/films', { token: await signToken({ role: 'nobody_at_all' }) });
    expect(r.status).toBe(401);
    expect(r.json()).toMatchObject({ code: '22023', message: 'role "nobody_at_all" does not exist' });
  });

  it('runs without a role claim as anon and exposes claims to SQL', async () => {
    const sub = randomUUID();
    const noRole = await rest('/rpc/whoami', { token: await signToken({ sub }) });
    expect(noRole.json()).toMatchObject({ role: 'anon', uid: sub });
    const authed = await rest('/rpc/whoami', { token: await signToken({ sub, role: 'authenticated' }) });
    expect(authed.json()).toMatchObject({ role: 'authenticated', uid: sub });
    const service = await rest('/rpc/whoami', { token: serviceRoleKey });
    expect(service.json()).toMatchObject({ role: 'service_role', uid: null });
  });
});

describe('row-level security through the API', () => {
  it('lets each user see and change only their own rows', async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    const a = asUser(await signToken({ sub: alice, role: 'authenticated' }));
    const b = asUser(await signToken({ sub: bob, role: 'authenticated' }));
    const ins = await a.from('notes').insert({ body: 'alice note' }).select('body,owner_id');
    expect(ins.error).toBeNull();
    expect(ins.data).toEqual([{ body: 'alice note', owner_id: alice }]);
    await b.from('notes').insert({ body: 'bob note' });
    expect((await a.from('notes').select('body')).data).toEqual([{ body: 'alice note' }]);
    expect((await b.from('notes').select('body')).data).toEqual([{ body: 'bob note' }]);
    const steal = await b.from('notes').update({ body: 'stolen' }).eq('body', 'alice note').select();
    expect(steal.data).toEqual([]);
    const forge = await b.from('notes').insert({ body: 'forged', owner_id: alice });
    expect(forge.status).toBe(403);
    expect(forge.error).toMatchObject({ code: '42501', message: 'new row violates row-level security policy for table "notes"' });
  });

  it('gives anon 401 on writes and nothing to read', async () => {
    const anon = asUser(anonKey);
    const w = await anon.from('notes').insert({ body: 'anon' });
    expect(w.status).toBe(401);
    expect(w.error).toMatchObject({ code: '42501', message: 'permission denied for table notes' });
    expect((await anon.from('notes').select('*')).data).toEqual([]);
    const secret = await rest('/secrets');
    expect(secret.status).toBe(401);
    expect(secret.headers.get('www-authenticate')).toBe('Bearer');
    const authedSecret = await rest('/secrets', { token: await signToken({ role: 'authenticated', sub: randomUUID() }) });
    expect(authedSecret.status).toBe(403);
  });
});

describe('isolation under concurrency', () => {
  it('never leaks role or claims between interleaved requests', async () => {
    const users = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const sub = randomUUID();
        return { sub, token: await signToken({ sub, role: 'authenticated' }) };
      }),
    );
    const callers = [...users.map((u) => ({ sub: u.sub, role: 'authenticated', token: u.token as string | undefined })), { sub: null, role: 'anon', token: undefined }];
    const results = await Promise.all(
      Array.from({ length: 210 }, async (_, i) => {
        const c = callers[i % callers.length]!;
        const r = await rest('/rpc/whoami', c.token ? { token: c.token } : {});
        return { expected: c, got: r.json() as { role: string; uid: string | null } };
      }),
    );
    for (const { expected, got } of results) {
      expect(got.role).toBe(expected.role);
      expect(got.uid).toBe(expected.sub);
    }
  });
});

describe('gateway limits', () => {
  it('answers 413 for bodies over the limit', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(26 * 1024 * 1024) });
    const r = await rest('/kitchen', { method: 'POST', body: huge });
    expect(r.status).toBe(413);
  });
});
