import fs from 'node:fs';
import { PGlite, parse as pgliteParse, protocol, types } from '@electric-sql/pglite';
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

/** A Postgres array literal of `values`, each element quoted (node-postgres' format). */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = toText(v)!;
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/**
 * A parameter as text, the way node-postgres sends it, so both drivers hand Postgres the same
 * input and Postgres (not the client) parses and rejects it: `flag=eq.maybe` fails with 22P02
 * on either database.
 */
function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const { serialize } = protocol;
/** How many prepared statements a session keeps. */
const STATEMENT_CACHE = 200;
const SYNC = serialize.sync();

function normalise<T>(r: { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number }): QueryResult<T> {
  return { rows: r.rows as T[], fields: r.fields, rowCount: r.affectedRows ?? r.rows.length };
}

interface NodeFsStream {
  nfd?: number;
  node: unknown;
}
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: NodeFsStream) => number };
  tryFSOperation<T>(fn: () => T): T;
  realPath(node: unknown): string;
}

function syncPathNow(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    // A WAL segment removed since: nothing of it is needed any more.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncPath(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(file, 'r', (openError, fd) => {
      if (openError) return openError.code === 'ENOENT' ? resolve() : reject(openError);
      fs.fsync(fd, (syncError) => fs.close(fd, () => (syncError ? reject(syncError) : resolve())));
    });
  });
}

const WAL_PATH = /[/\\]pg_wal([/\\]|$)/;

/**
 * PGlite's Node filesystem, plus what its emscripten NODEFS leaves out: `fsync()` reaches the
 * disk (NODEFS has no fsync stream operation, so it did nothing). With Postgres' own fsync
 * setting on, a commit is acknowledged only after its WAL is on stable storage, and checkpoints
 * flush data files, as with a native server.
 *
 * Group commit: Postgres' WAL flushes are not done inside the (single, serialised) session but
 * collected, and `flush()` syncs them off the event loop; every commit that finished meanwhile
 * shares that one fsync, and the next transaction runs while it is under way. Each transaction is
 * acknowledged only after a flush that began after its commit. Any other fsync (data files at a
 * checkpoint, the control file) first syncs the collected WAL, so WAL stays ahead of the data.
 */
class DurableNodeFS extends NodeFS {
  /** WAL files written and waiting for a flush. */
  private readonly pending = new Set<string>();
  /** The files the flush under way is syncing. */
  private syncing = new Set<string>();
  /** Bumped on every collected WAL flush; `synced` is the highest one known to be on disk. */
  private requested = 0;
  private synced = 0;

  /** How many WAL flushes Postgres has asked for so far. */
  get flushRequests(): number {
    return this.requested;
  }
  private running: Promise<void> | undefined;
  fsyncCalls = 0;

  override async init(pg: PGlite, emscriptenOptions: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, emscriptenOptions);
    const preRun = [...((result.emscriptenOpts.preRun as unknown[] | undefined) ?? [])];
    preRun.push((mod: { FS: { filesystems: { NODEFS: EmscriptenNodeFs } } }) => {
      const nodefs = mod.FS.filesystems.NODEFS;
      nodefs.stream_ops.fsync = (stream) => {
        const file = nodefs.realPath(stream.node);
        if (WAL_PATH.test(file)) {
          this.pending.add(file);
          this.requested++;
          return 0;
        }
        nodefs.tryFSOperation(() => {
          this.syncAllNow();
          this.fsyncCalls++;
          if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
        });
        return 0;
      };
    });
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun: preRun as never } };
  }

  /** Syncs every collected WAL file now, on this thread (before a data file or on close). */
  syncAllNow(): void {
    const files = new Set([...this.pending, ...this.syncing]);
    const upTo = this.requested;
    this.pending.clear();
    for (const file of files) {
      this.fsyncCalls++;
      syncPathNow(file);
    }
    this.synced = Math.max(this.synced, upTo);
  }

  /** Resolves once every WAL flush Postgres asked for until now is on disk. */
  flush(): Promise<void> {
    const want = this.requested;
    if (this.synced >= want) return Promise.resolve();
    if (!this.running) {
      const upTo = this.requested;
      const files = new Set(this.pending);
      this.pending.clear();
      this.syncing = files;
      this.fsyncCalls += files.size;
      this.running = Promise.all([...files].map(syncPath))
        .then(() => {
          this.synced = Math.max(this.synced, upTo);
        })
        .finally(() => {
          this.running = undefined;
          this.syncing = new Set();
        });
    }
    // A flush that began before this commit does not cover it: wait for it, then start the next.
    return this.running.then(() => this.flush());
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

  private constructor(
    readonly pg: PGlite,
    private readonly durability: DurableNodeFS | undefined,
  ) {}

  /** fsync calls made for durable commits so far (none when not durable). */
  get fsyncCalls(): number {
    return this.durability?.fsyncCalls ?? 0;
  }

  static async open(dataDir: string, options: PgliteOpenOptions = {}): Promise<PgliteDatabase> {
    const durable = (options.durable ?? true) && !dataDir.startsWith('memory://');
    const durability = durable ? new DurableNodeFS(dataDir) : undefined;
    const pg = await PGlite.create({
      ...(durability
        ? {
            fs: durability,
            // PGlite starts Postgres with -F (fsync off); without it, Postgres flushes WAL at commit.
            // Emscripten's fdatasync() is an empty stub while fsync() reaches the filesystem, so
            // WAL is flushed with fsync.
            startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'],
          }
        : { dataDir }),
      extensions: { pgcrypto, pg_trgm, uuid_ossp, ...options.extensions } as never,
      parsers,
    });
    return new PgliteDatabase(pg, durability);
  }

  /**
   * Runs `fn` alone on the session; when it committed anything, waits (outside the lock, so the
   * next one can start) until that is on disk, and only then returns. A read does not wait for
   * other transactions' flushes, so it may see a commit a moment before that commit is durable
   * (its writer is not answered until it is).
   */
  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const durability = this.durability;
    let wrote = false;
    const guarded = async () => {
      const before = durability?.flushRequests ?? 0;
      try {
        return await fn();
      } finally {
        wrote = (durability?.flushRequests ?? 0) > before;
      }
    };
    const run = this.tail.then(guarded, guarded);
    this.tail = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      if (wrote) await durability!.flush();
    }
  }

  /** Named prepared statements by SQL text, least recently used first. */
  private readonly statements = new Map<string, string>();
  private statementCount = 0;

  /**
   * One statement through the extended protocol as a single round trip into PGlite: Parse, Bind
   * (text parameters, types inferred by Postgres), Describe, Execute and Sync in one message
   * (PGlite's own `query` makes six round trips, one per message, and a describe to type the
   * parameters). Statements are prepared once per SQL text and kept (the most recently used
   * `STATEMENT_CACHE` of them), as PostgREST does, so repeated requests skip parsing, rewriting
   * (RLS policies included) and, once Postgres settles on a generic plan, planning. Postgres
   * re-plans them itself when the schema, the role or the search_path changes. `prefix`, a
   * statement without parameters or rows (BEGIN), goes in the same message. Callers hold the
   * session lock.
   */
  private async run<T>(sql: string, params: unknown[] = [], prefix?: string): Promise<QueryResult<T>> {
    const parts: Uint8Array[] = [];
    if (prefix) parts.push(serialize.parse({ text: prefix, types: [] }), serialize.bind({ values: [] }), serialize.execute({}));
    let name = this.statements.get(sql);
    const fresh = name === undefined;
    if (name === undefined) {
      name = `duizhao_${++this.statementCount}`;
      if (this.statements.size >= STATEMENT_CACHE) {
        const [oldestSql, oldest] = this.statements.entries().next().value as [string, string];
        this.statements.delete(oldestSql);
        parts.push(serialize.close({ type: 'S', name: oldest }));
      }
      parts.push(serialize.parse({ name, text: sql, types: [] }));
    } else {
      // Most recently used goes last.
      this.statements.delete(sql);
    }
    parts.push(serialize.bind({ statement: name, values: params.map(toText) }), serialize.describe({ type: 'P' }), serialize.execute({}), SYNC);
    const messages = await this.pg.execProtocolStream(concat(parts), { syncToFs: false, throwOnError: false });
    const error = messages.find((m) => m.name === 'error') as (Error & { code?: string }) | undefined;
    if (error) {
      // The statement exists if it was prepared before or its Parse went through.
      const parsed = messages.filter((m) => m.name === 'parseComplete').length;
      const exists = !fresh || parsed > (prefix ? 1 : 0);
      if (exists && error.code === '0A000') {
        // "cached plan must not change result type": the table changed shape; prepare it afresh.
        await this.pg.execProtocolStream(concat([serialize.close({ type: 'S', name }), SYNC]), { syncToFs: false });
      } else if (exists) {
        this.statements.set(sql, name);
      }
      throw error;
    }
    this.statements.set(sql, name);
    const results = pgliteParse.parseResults(messages, this.pg.parsers);
    return normalise<T>(results[results.length - 1] ?? { rows: [], fields: [] });
  }

  /** Drops every prepared statement (after the schema changed under them). */
  async forgetStatements(): Promise<void> {
    await this.exclusive(async () => {
      if (this.statements.size === 0) return;
      const parts = [...this.statements.values()].map((name) => serialize.close({ type: 'S', name }));
      this.statements.clear();
      await this.pg.execProtocolStream(concat([...parts, SYNC]), { syncToFs: false });
    });
  }

  /** Several statements through the simple protocol, one round trip. */
  private async runScript(sql: string): Promise<void> {
    await this.pg.execProtocolStream(serialize.query(sql), { syncToFs: false });
  }

  private direct: Queryable = {
    query: <T>(sql: string, params?: unknown[]) => this.run<T>(sql, params),
    exec: (sql: string) => this.runScript(sql),
  };

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.exclusive(() => this.direct.query<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.exclusive(() => this.direct.exec(sql));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.exclusive(async () => {
      // BEGIN travels with the transaction's first statement: one round trip fewer.
      let begin: string | undefined = options.readOnly ? 'begin read only' : 'begin';
      const takeBegin = () => {
        const b = begin;
        begin = undefined;
        return b;
      };
      const tx: Queryable = {
        query: <R>(sql: string, params?: unknown[]) => this.run<R>(sql, params, takeBegin()),
        exec: (sql: string) => {
          const b = takeBegin();
          return this.runScript(b ? `${b};\n${sql}` : sql);
        },
      };
      try {
        const result = await fn(tx);
        if (begin === undefined) await this.runScript('commit');
        return result;
      } catch (e) {
        if (begin === undefined) await this.runScript('rollback');
        throw e;
      }
    });
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // Through the session lock: PGlite's LISTEN must not land between another caller's messages.
    const unlisten = await this.exclusive(() => this.pg.listen(channel, onPayload));
    return () => this.exclusive(() => unlisten());
  }

  /** An embedded database has no connection to lose. */
  onReconnect(_fn: () => Promise<void> | void): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.durability?.flush();
    await this.pg.close();
    this.durability?.syncAllNow();
  }
}
