/**
 * PostgreSQL under faults, on a private cluster this suite creates (so restarting it disturbs no
 * other database): the API process killed with SIGKILL and restarted; PostgreSQL restarted
 * (cleanly and by a crash) and its backends terminated while the API keeps running. The API
 * process must survive the database's faults on its own, and every acknowledged write must be
 * there afterwards with its version and revision.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiProcess } from '../../scripts/lib/api-process.ts';
import { PrivatePostgres, postgresBinDir } from '../../scripts/lib/private-postgres.ts';
import { Ledger, audit, setupWorkspace, startWorkload } from '../../scripts/lib/workload.ts';
import { API_ENV, runScenario, target, waitFor } from './harness.ts';

const DATABASE = 'duizhao_faults';

describe.skipIf(!postgresBinDir())('PostgreSQL (private cluster)', () => {
  let cluster: PrivatePostgres;
  let api: ApiProcess;

  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: cluster.url('postgres') });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  /** The API still answers requests that need the database. */
  const healthy = async () => {
    const res = await fetch(`${api.url}/rest/v1/projects?select=id&limit=1`, { headers: { apikey: target(api).serviceRoleKey, authorization: `Bearer ${target(api).serviceRoleKey}` } }).catch(() => undefined);
    return res?.status === 200;
  };

  beforeAll(async () => {
    cluster = await PrivatePostgres.create();
    await admin((c) => c.query(`create database ${DATABASE}`));
    api = await ApiProcess.start({ databaseUrl: cluster.url(DATABASE), env: API_ENV });
  });

  afterAll(async () => {
    await api?.stop();
    await cluster?.destroy();
  });

  it('keeps every acknowledged write through kill -9 of the API and restart, three times', async () => {
    await runScenario(api, async (s) => {
      for (let round = 0; round < 3; round++) {
        await api.kill9();
        await api.start();
        await s.acknowledgedMore(30);
      }
    });
  });

  it('rides out PostgreSQL restarts, clean and crashed, without restarting the API', async () => {
    const pid = api.pid;
    const { ledger } = await runScenario(api, async (s) => {
      await cluster.restart('fast', 1000);
      await waitFor('the API to reconnect', healthy);
      await s.acknowledgedMore(30);
      await cluster.restart('immediate', 1000);
      await waitFor('the API to reconnect', healthy);
      await s.acknowledgedMore(30);
    });
    expect(api.running).toBe(true);
    expect(api.pid).toBe(pid);
    // The outage was seen as 503s (or broken connections), never as other errors.
    expect(ledger.inDoubt).toBeGreaterThan(0);
  });

  it('rides out terminated backends, the LISTEN connection included', async () => {
    const pid = api.pid;
    await runScenario(api, async (s) => {
      for (let round = 0; round < 5; round++) {
        const { rows } = await admin((c) =>
          c.query<{ n: number }>('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [DATABASE]),
        );
        expect(rows[0]!.n).toBeGreaterThan(0);
        await s.acknowledgedMore(20);
      }
    });
    expect(api.running).toBe(true);
    expect(api.pid).toBe(pid);
  });

  it('has an audit that notices a lost write and a write nobody made', async () => {
    const ws = await setupWorkspace(target(api), { translator: 2, researcher: 1, reviewer: 0, paragraphs: 10 });
    const ledger = new Ledger();
    const load = startWorkload(ws, ledger, { thinkMs: 5 });
    await waitFor('some acknowledged writes', () => ledger.translations.size > 0 && ledger.annotations.size > 0);
    await load.stop();
    expect(await audit(ws, ledger)).toMatchObject({ lost: [], unexplained: [] });

    const [translationId, versions] = [...ledger.translations][0]!;
    const version = Math.max(...versions.keys());
    const [noteId] = [...ledger.annotations.keys()];
    await admin(async () => {
      const db = new pg.Client({ connectionString: cluster.url(DATABASE) });
      await db.connect();
      try {
        // Behind the triggers' back, as a lost write would look.
        await db.query('set session_replication_role = replica');
        await db.query('delete from public.translation_revisions where translation_id = $1 and version = $2', [translationId, version]);
        await db.query(`update public.annotations set body_text = 'changed behind the API' where id = $1`, [noteId]);
        await db.query(
          `insert into public.annotations (paragraph_id, document_id, author_id, body_text, status) select paragraph_id, document_id, author_id, 'never acknowledged', 'draft' from public.annotations where id = $1`,
          [noteId],
        );
      } finally {
        await db.end();
      }
    });
    const report = await audit(ws, ledger);
    expect(report.lost).toEqual(
      expect.arrayContaining([expect.stringContaining(`translation ${translationId} version ${version}`), expect.stringContaining(`note ${noteId}`)]),
    );
    expect(report.unexplained).toEqual([expect.stringContaining('"never acknowledged"')]);
  });
});
