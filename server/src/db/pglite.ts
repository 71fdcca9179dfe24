import fs from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
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

interface NodeFsStream {
  nfd?: number;
}
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: NodeFsStream) => number };
  tryFSOperation<T>(fn: () => T): T;
}

/**
 * PGlite's Node filesystem, plus what its emscripten NODEFS leaves out: `fsync()` on a file or
 * directory reaches the disk (NODEFS has no fsync stream operation, so it did nothing). With
 * Postgres' own fsync setting on, a COMMIT returns only after its WAL is on stable storage, and
 * checkpoints flush data files, as with a native server.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, emscriptenOptions: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, emscriptenOptions);
    const preRun = [...((result.emscriptenOpts.preRun as unknown[] | undefined) ?? [])];
    preRun.push((mod: { FS: { filesystems: { NODEFS: EmscriptenNodeFs } } }) => {
      const nodefs = mod.FS.filesystems.NODEFS;
      nodefs.stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) nodefs.tryFSOperation(() => fs.fsyncSync(stream.nfd!));
        return 0;
      };
    });
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun: preRun as never } };
  }
}

export interface PgliteOpenOptions {
  /** PGlite extensions beyond pgcrypto and uuid-ossp. */
  extensions?: Record<string, unknown>;
  /**
   * Flush each commit to disk (default). Off only for throwaway databases: PGlite then runs
   * with fsync off, and a power loss can lose acknowledged commits. In-memory databases never sync.
   */
  durable?: boolean;
}

/** Embedded Postgres. PGlite is one session, so every transaction is serialised behind a lock. */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(readonly pg: PGlite) {}

  static async open(dataDir: string, options: PgliteOpenOptions = {}): Promise<PgliteDatabase> {
    const durable = (options.durable ?? true) && !dataDir.startsWith('memory://');
    const pg = await PGlite.create({
      ...(durable
        ? {
            fs: new DurableNodeFS(dataDir),
            // PGlite starts Postgres with -F (fsync off); without it, Postgres flushes WAL at commit.
            // Emscripten's fdatasync() is an empty stub while fsync() reaches the filesystem, so
            // WAL is flushed with fsync.
            startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'],
          }
        : { dataDir }),
      extensions: { pgcrypto, pg_trgm, uuid_ossp, ...options.extensions } as never,
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

  /** An embedded database has no connection to lose. */
  onReconnect(_fn: () => Promise<void> | void): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.pg.close();
  }
}
