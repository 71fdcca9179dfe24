/**
 * PGlite under faults: the API process killed with SIGKILL during a stream of saves and
 * restarted on the same data directory, and closed and reopened; every acknowledged write
 * survives with its version and revision.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiProcess } from '../../scripts/lib/api-process.ts';
import { API_ENV, runScenario } from './harness.ts';

describe('PGlite (durable commits, on disk)', () => {
  let dir: string;
  let api: ApiProcess;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-faults-'));
    api = await ApiProcess.start({ dataDir: dir, env: API_ENV });
  });

  afterAll(async () => {
    await api?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write through kill -9 and restart, three times', async () => {
    const { ledger } = await runScenario(api, async (s) => {
      for (let round = 0; round < 3; round++) {
        await api.kill9();
        await api.start();
        await s.acknowledgedMore(30);
      }
    });
    expect(ledger.inDoubt + ledger.unsent).toBeGreaterThan(0);
  });

  it('keeps every acknowledged write when the database is closed and reopened', async () => {
    await runScenario(api, async (s) => {
      for (let round = 0; round < 2; round++) {
        await api.stop();
        await api.start();
        await s.acknowledgedMore(30);
      }
    });
  });
});
