import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PgliteDatabase } from './pglite.ts';

let dir: string | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function commitTwenty(db: PgliteDatabase, from: number): Promise<void> {
  await db.exec('create table if not exists saves (id int primary key, body text not null)');
  for (let i = from; i < from + 20; i++) {
    await db.transaction((tx) => tx.query('insert into saves values ($1, $2)', [i, `save ${i}`]));
  }
}

describe('PGlite commit durability', () => {
  it('flushes every commit to disk by default; a throwaway database can opt out', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-pglite-'));
    const db = await PgliteDatabase.open(dir);
    expect((await db.query<{ fsync: string }>('show fsync')).rows[0]!.fsync).toBe('on');
    const sync = vi.spyOn(fs, 'fsync');
    await commitTwenty(db, 0);
    // One by one, each commit waits for a flush of its own before it returns.
    expect(sync.mock.calls.length).toBeGreaterThanOrEqual(20);

    // Concurrent commits share flushes (group commit), and each still returns only once on disk.
    sync.mockClear();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.query('insert into saves values ($1, $2)', [100 + i, `concurrent ${i}`]);
        }),
      ),
    );
    expect(sync.mock.calls.length).toBeGreaterThan(0);
    expect(sync.mock.calls.length).toBeLessThan(20);
    await db.close();

    const syncNow = vi.spyOn(fs, 'fsyncSync');
    sync.mockClear();
    syncNow.mockClear();
    const throwaway = await PgliteDatabase.open(dir, { durable: false });
    expect((await throwaway.query<{ fsync: string }>('show fsync')).rows[0]!.fsync).toBe('off');
    expect((await throwaway.query<{ n: number }>('select count(*)::int as n from saves')).rows[0]!.n).toBe(40);
    await commitTwenty(throwaway, 20);
    expect(sync).not.toHaveBeenCalled();
    expect(syncNow).not.toHaveBeenCalled();
    await throwaway.close();
  }, 60_000);
});
