import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import type { Database, Queryable, QueryResult, TransactionOptions } from './types.ts';

// Timestamps, dates and int8 stay text so both drivers hand the same values to the API layer.
const keepText = (value: string) => value;
const parsers = {
  [types.TIMESTAMPTZ]: keepText,
  [types.TIMESTAMP]: keepText,
  [types.DATE]: keepText,
  [types.INT8]: keepText,
};

// Text parameters go to Postgres as text, as node-postgres sends them, so Postgres (not the
// client) parses and rejects them: e.g. `flag=eq.maybe` must fail with SQLSTATE 22P02.
const textFirst = (fallback: (x: unknown) => string) => (x: unknown) => (typeof x === 'string' ? x : fallback(x));
const serializers = {
  [types.BOOL]: textFirst((x) => (x ? 't' : 'f')),
  [types.BYTEA]: textFirst((x) => `\\x${Buffer.from(x as Uint8Array).toString('hex')}`),
};

function normalise<T>(r: { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number }): QueryResult<T> {
  return { rows: r.rows as T[], fields: r.fields, rowCount: r.affectedRows ?? r.rows.length };
}

/** Embedded Postgres. PGlite is one session, so every transaction is serialised behind a lock. */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(readonly pg: PGlite) {}

  static async open(dataDir: string, extraExtensions: Record<string, unknown> = {}): Promise<PgliteDatabase> {
    const pg = await PGlite.create(dataDir, {
      extensions: { pgcrypto, pg_trgm, uuid_ossp, ...extraExtensions } as never,
      parsers,
      serializers,
    });
    return new PgliteDatabase(pg);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private direct: Queryable = {
    query: async <T>(sql: string, params?: unknown[]) => normalise<T>(await this.pg.query(sql, params as unknown[])),
    exec: async (sql: string) => {
      await this.pg.exec(sql);
    },
  };

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.exclusive(() => this.direct.query<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.exclusive(() => this.direct.exec(sql));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.exclusive(async () => {
      await this.pg.exec(options.readOnly ? 'begin read only' : 'begin');
      try {
        const result = await fn(this.direct);
        await this.pg.exec('commit');
        return result;
      } catch (e) {
        await this.pg.exec('rollback');
        throw e;
      }
    });
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.pg.listen(channel, onPayload);
    return () => unlisten();
  }

  async close(): Promise<void> {
    await this.tail;
    await this.pg.close();
  }
}
