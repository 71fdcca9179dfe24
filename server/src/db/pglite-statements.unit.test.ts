import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from './pglite.ts';
import type { PgError } from './types.ts';

let db: PgliteDatabase;

beforeAll(async () => {
  db = await PgliteDatabase.open('memory://');
});

afterAll(async () => {
  await db.close();
});

/** How many of the session's prepared statements have this text. */
async function prepared(sql: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements where statement = $1', [sql]);
  return rows[0]!.n;
}

async function failure(p: Promise<unknown>): Promise<PgError> {
  try {
    await p;
  } catch (e) {
    return e as PgError;
  }
  throw new Error('expected the statement to fail');
}

describe('PGlite prepared statements', () => {
  it('prepares a statement once per SQL text and reuses it', async () => {
    const sql = 'select $1::int + 1 as n';
    for (let i = 0; i < 5; i++) expect((await db.query<{ n: number }>(sql, [i])).rows).toEqual([{ n: i + 1 }]);
    await db.transaction(async (tx) => {
      expect((await tx.query<{ n: number }>(sql, [41])).rows).toEqual([{ n: 42 }]);
    });
    expect(await prepared(sql)).toBe(1);
  });

  it('applies row level security for the role of each transaction, not the one that prepared the plan', async () => {
    await db.exec(`
      create role stmt_alice; create role stmt_bob;
      create table stmt_notes (owner text not null, body text not null);
      alter table stmt_notes enable row level security;
      create policy own on stmt_notes using (owner = current_user);
      grant select on stmt_notes to stmt_alice, stmt_bob;
      insert into stmt_notes values ('stmt_alice', 'a1'), ('stmt_alice', 'a2'), ('stmt_bob', 'b1');
    `);
    const sql = 'select body from stmt_notes order by body';
    const readAs = (role: string) =>
      db.transaction(async (tx) => {
        await tx.query(`select set_config('role', $1, true)`, [role]);
        return (await tx.query<{ body: string }>(sql)).rows.map((r) => r.body);
      });
    // Enough runs for Postgres to settle on a generic plan.
    for (let i = 0; i < 7; i++) {
      expect(await readAs('stmt_alice')).toEqual(['a1', 'a2']);
      expect(await readAs('stmt_bob')).toEqual(['b1']);
    }
    expect(await prepared(sql)).toBe(1);
  });

  it('keeps nothing of a statement that does not parse, and keeps a good one through a failed run', async () => {
    const bad = 'selec 1';
    expect((await failure(db.query(bad))).code).toBe('42601');
    expect((await failure(db.query(bad))).code).toBe('42601');
    expect(await prepared(bad)).toBe(0);

    const divide = 'select 10 / $1::int as q';
    expect((await db.query(divide, [5])).rows).toEqual([{ q: 2 }]);
    expect((await failure(db.query(divide, [0]))).code).toBe('22012');
    expect((await db.query(divide, [2])).rows).toEqual([{ q: 5 }]);
    expect(await prepared(divide)).toBe(1);

    // A failure inside a transaction rolls it back and leaves the statement usable.
    await expect(db.transaction((tx) => tx.query(divide, [0]))).rejects.toMatchObject({ code: '22012' });
    expect((await db.query(divide, [1])).rows).toEqual([{ q: 10 }]);
  });

  it('prepares afresh when a table changed shape under a statement', async () => {
    await db.exec('create table stmt_shape (id int primary key); insert into stmt_shape values (1)');
    const sql = 'select * from stmt_shape';
    expect((await db.query(sql)).rows).toEqual([{ id: 1 }]);

    // After a schema reload the statements are gone, so the first read already sees the new shape.
    await db.exec(`alter table stmt_shape add column label text default 'one'`);
    await db.forgetStatements();
    expect((await db.query(sql)).rows).toEqual([{ id: 1, label: 'one' }]);

    // Without one, Postgres refuses the old statement once (0A000) and the next read prepares it again.
    await db.exec(`alter table stmt_shape add column size int default 3`);
    expect((await failure(db.query(sql))).code).toBe('0A000');
    expect((await db.query(sql)).rows).toEqual([{ id: 1, label: 'one', size: 3 }]);
    expect(await prepared(sql)).toBe(1);
  });

  it('keeps at most 200 statements, closing the least recently used', async () => {
    for (let i = 0; i < 260; i++) await db.query(`select ${i} as n`);
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where name like 'duizhao_%'`);
    expect(rows[0]!.n).toBeLessThanOrEqual(200);
    expect(await prepared('select 259 as n')).toBe(1);
    expect(await prepared('select 0 as n')).toBe(0);
  });
});
