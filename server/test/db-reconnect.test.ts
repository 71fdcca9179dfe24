/**
 * PostgreSQL connection loss (PostgreSQL pass only): the server outlives terminated backends and
 * a database that refuses connections, answers PostgREST's 503 PGRST001 meanwhile, reconnects on
 * its own, reloads the schema cache and resumes Realtime. Runs on its own scratch database so
 * terminating backends disturbs nothing else.
 */
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recreateDatabase } from '../../scripts/lib/scratch-db.ts';
import { type RunningStack, startStack } from '../src/stack.ts';
import { serviceRoleKey } from './env.ts';

const baseUrl = process.env.DATABASE_URL;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(baseUrl)('PostgreSQL connection loss', () => {
  let stack: RunningStack;
  let dbName: string;
  /** A superuser session on the maintenance database (for ALTER DATABASE and terminations). */
  let admin: pg.Client;
  /** A superuser session on the scratch database, kept across the outage. */
  let inside: pg.Client;
  let supabase: SupabaseClient;
  let channel: RealtimeChannel;
  const events: Record<string, unknown>[] = [];

  const rest = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.url}/rest/v1/${path}`, {
      ...init,
      headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });

  const terminate = (where = '') =>
    admin.query(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> $2 ${where}`, [
      dbName,
      (inside as unknown as { processID: number }).processID,
    ]);

  const insertAndReceive = async (note: string) => {
    const res = await rest('reconnect_probe', { method: 'POST', body: JSON.stringify({ note }) });
    expect(res.status).toBe(201);
    return waitFor(`the realtime INSERT of ${note}`, async () => events.find((e) => (e.new as { note?: string } | undefined)?.note === note));
  };

  beforeAll(async () => {
    const url = await recreateDatabase(baseUrl!, 'duizhao_reconnect');
    dbName = new URL(url).pathname.slice(1);
    stack = await startStack({ port: 0, databaseUrl: url, seedFile: undefined });
    const maintenance = new URL(url);
    maintenance.pathname = '/postgres';
    admin = new pg.Client({ connectionString: maintenance.toString() });
    await admin.connect();
    inside = new pg.Client({ connectionString: url });
    await inside.connect();
    await inside.query(`
      create table public.reconnect_probe (id serial primary key, note text not null);
      grant all on public.reconnect_probe to anon, authenticated, service_role;
      grant usage on sequence public.reconnect_probe_id_seq to anon, authenticated, service_role;
      alter publication supabase_realtime add table public.reconnect_probe;
    `);
    await stack.reloadSchema();

    supabase = createClient(stack.url, serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    } as never);
    channel = supabase
      .channel('reconnect-probe')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'reconnect_probe' }, (payload) => {
        events.push(payload as unknown as Record<string, unknown>);
      });
    await new Promise<void>((resolve, reject) => {
      channel.subscribe((status, err) => {
        if (status === 'SUBSCRIBED') resolve();
        else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(err ?? new Error(status));
      });
    });
    await insertAndReceive('before any fault');
  });

  afterAll(async () => {
    await admin?.query(`alter database "${dbName}" allow_connections true`).catch(() => undefined);
    await supabase?.removeAllChannels();
    await stack?.stop();
    await inside?.end().catch(() => undefined);
    await admin?.end();
  });

  it('survives the termination of its LISTEN connection and keeps delivering changes', async () => {
    const { rows } = await terminate(`and query ilike 'listen%'`);
    expect(rows[0]!.n).toBeGreaterThan(0);
    // Whether or not a request lands in the short reconnect window, the API keeps answering JSON.
    const during = await rest('reconnect_probe?select=id&limit=1');
    expect([200, 503]).toContain(during.status);
    await waitFor('the API to answer 200', async () => ((await rest('reconnect_probe?select=id&limit=1')).status === 200 ? true : undefined));
    await insertAndReceive('after the listener was terminated');
  });

  it('answers 503 PGRST001 while the database refuses connections, then recovers with a reloaded schema cache', async () => {
    await admin.query(`alter database "${dbName}" allow_connections false`);
    const { rows } = await terminate();
    expect(rows[0]!.n).toBeGreaterThan(0);
    // Changed while the server had no connection: only a reload after reconnecting can see it.
    await inside.query(`
      create table public.reconnect_late (id int primary key);
      grant select on public.reconnect_late to anon, authenticated, service_role;
      insert into public.reconnect_late values (7);
    `);

    const res = await rest('reconnect_probe?select=id');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      code: 'PGRST001',
      message: 'Database client error. Retrying the connection.',
      details: expect.any(String),
      hint: null,
    });
    const write = await rest('reconnect_probe', { method: 'POST', body: JSON.stringify({ note: 'during the outage' }) });
    expect(write.status).toBe(503);
    const auth = await fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: serviceRoleKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not-a-password' }),
    });
    expect(auth.status).toBe(503);
    expect(await auth.json()).toMatchObject({ code: 503, error_code: 'unexpected_failure' });

    await admin.query(`alter database "${dbName}" allow_connections true`);
    const late = await waitFor('the new table through the API', async () => {
      const r = await rest('reconnect_late?select=id');
      return r.status === 200 ? ((await r.json()) as unknown[]) : undefined;
    });
    expect(late).toEqual([{ id: 7 }]);
    const { rows: kept } = await inside.query(`select note from public.reconnect_probe where note = 'during the outage'`);
    expect(kept).toEqual([]);
    await insertAndReceive('after the outage');
  });
});
