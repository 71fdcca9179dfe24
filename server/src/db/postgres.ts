import pg from 'pg';
import type { Database, Queryable, QueryResult, TransactionOptions } from './types.ts';
import { DatabaseUnavailableError, PoolTimeoutError } from './types.ts';

const TEXT_OIDS = [1184, 1114, 1082, 20];
const typeParser = {
  getTypeParser: ((oid: number, format?: string) =>
    TEXT_OIDS.includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function normalise<T>(r: pg.QueryResult): QueryResult<T> {
  return {
    rows: r.rows as T[],
    fields: (r.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rowCount: r.rowCount ?? r.rows.length,
  };
}

function wrap(client: pg.PoolClient | pg.Pool): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) =>
      normalise<T>(await client.query({ text: sql, values: params as unknown[], types: typeParser })),
    exec: async (sql: string) => {
      await client.query({ text: sql, types: typeParser });
    },
  };
}

// Socket-level failures Node reports by errno.
const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres' own messages for a connection that died or never came up.
const DRIVER_MESSAGES = /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect|Connection ended/i;

/**
 * Whether `e` means the session is gone rather than that a statement failed: class 08
 * (connection exception), 57P01–57P03 (terminated by an administrator, crash, or the server is
 * starting or stopping), socket errors and the driver's own connection messages.
 */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (NETWORK_ERRNOS.has(code)) return true;
  }
  return DRIVER_MESSAGES.test(e.message);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export interface PostgresOptions {
  /** Pool size (`DUIZHAO_DB_POOL`, default 10). */
  max?: number;
  /** How long a request waits for a pooled connection (PostgREST's db-pool-acquisition-timeout). */
  acquireTimeoutMs?: number;
  /** Reconnect delays grow from `minBackoffMs` by doubling up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (line: string) => void;
}

/**
 * A PostgreSQL server through a pool; each transaction holds one pooled connection, and one more
 * connection LISTENs. When a connection is lost (server restart, `pg_terminate_backend`) the
 * process carries on: requests fail fast with `DatabaseUnavailableError` while a background loop
 * reconnects with exponential backoff, restores the LISTENs and then runs the `onReconnect` hooks
 * (schema cache reload, Realtime catch-up).
 */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly poolQueryable: Queryable;
  private listener: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private readonly reconnectHooks = new Set<() => Promise<void> | void>();
  private readonly options: Required<Omit<PostgresOptions, 'log'>> & { log: (line: string) => void };
  /** False from a lost connection until the reconnect loop has a working pool and listener again. */
  private available = true;
  private lastError = '';
  /** Bumped on every loss, so a reconnect attempt that raced a newer loss tries again. */
  private losses = 0;
  private recovering: Promise<void> | undefined;
  private listening: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly connectionString: string,
    options: PostgresOptions = {},
  ) {
    this.options = {
      max: options.max ?? Number(process.env.DUIZHAO_DB_POOL ?? 10),
      acquireTimeoutMs: options.acquireTimeoutMs ?? 10_000,
      minBackoffMs: options.minBackoffMs ?? 50,
      maxBackoffMs: options.maxBackoffMs ?? 5_000,
      log: options.log ?? ((line) => console.error(`[db] ${line}`)),
    };
    this.pool = new pg.Pool({
      connectionString,
      max: this.options.max,
      connectionTimeoutMillis: this.options.acquireTimeoutMs,
      keepAlive: true,
    });
    // An idle pooled connection that dies is dropped by the pool; the next checkout opens another.
    this.pool.on('error', () => undefined);
    // A connection the server ends (terminated, shutting down) can emit 'error' at any point of
    // its life, also after a failed query or after it was released for destruction; without a
    // listener of its own that would be an uncaught exception. Failures reach the caller through
    // the query that was running, and `transaction` watches for them while it holds a client.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.poolQueryable = wrap(this.pool);
  }

  /** Whether the last contact with the server worked (false while reconnecting). */
  get isAvailable(): boolean {
    return this.available;
  }

  private unavailable(): DatabaseUnavailableError {
    return new DatabaseUnavailableError(this.lastError || 'no connection to the server');
  }

  /** Records a lost connection and starts the reconnect loop; returns the error to throw. */
  private lost(e: unknown): DatabaseUnavailableError {
    if (this.closed) return new DatabaseUnavailableError(describe(e));
    this.lastError = describe(e);
    this.losses += 1;
    if (this.available) this.options.log(`connection lost (${this.lastError}); reconnecting`);
    this.available = false;
    this.recovering ??= this.recover().finally(() => {
      this.recovering = undefined;
    });
    return this.unavailable();
  }

  private async recover(): Promise<void> {
    const started = Date.now();
    let delay = 0;
    for (;;) {
      if (delay > 0) await sleep(delay);
      if (this.closed) return;
      const losses = this.losses;
      try {
        this.dropListener();
        if (this.handlers.size > 0) await this.connectListener();
        await this.pool.query('select 1');
        if (this.losses !== losses) throw new Error(this.lastError);
        this.available = true;
        this.options.log(`connection restored after ${Date.now() - started} ms`);
        break;
      } catch (e) {
        if (this.losses === losses) this.lastError = describe(e);
        delay = Math.min(this.options.maxBackoffMs, delay === 0 ? this.options.minBackoffMs : delay * 2);
        // Jitter, so several servers on one database do not reconnect in lockstep.
        delay = Math.round(delay * (0.75 + Math.random() * 0.5));
      }
    }
    for (const hook of this.reconnectHooks) {
      try {
        await hook();
      } catch (e) {
        this.options.log(`after reconnecting: ${describe(e)}`);
      }
    }
  }

  private fail(e: unknown): unknown {
    return isConnectionError(e) ? this.lost(e) : e;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    if (!this.available) throw this.unavailable();
    try {
      return await this.poolQueryable.query<T>(sql, params);
    } catch (e) {
      throw this.fail(e);
    }
  }

  async exec(sql: string): Promise<void> {
    if (!this.available) throw this.unavailable();
    try {
      await this.poolQueryable.exec(sql);
    } catch (e) {
      throw this.fail(e);
    }
  }

  /**
   * A pooled connection with its transaction begun. A connection that turns out dead at BEGIN has
   * done nothing yet, so one fresh connection is tried before the failure counts as an outage.
   */
  private async begin(options: TransactionOptions): Promise<pg.PoolClient> {
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (e) {
        if (/timeout exceeded when trying to connect/i.test(describe(e)) && this.pool.totalCount >= this.options.max) {
          throw new PoolTimeoutError();
        }
        // Whatever stops a new session from starting (refused, shutting down, not accepting
        // connections) is an outage.
        throw this.lost(e);
      }
      try {
        await client.query(options.readOnly ? 'begin read only' : 'begin');
        return client;
      } catch (e) {
        client.release(true);
        if (!isConnectionError(e)) throw e;
        if (attempt > 0) throw this.lost(e);
      }
    }
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (!this.available) throw this.unavailable();
    const client = await this.begin(options);
    // A checked-out client has no listener of the pool's; without one, a server-side termination
    // mid-transaction would be an unhandled 'error' event.
    let broken: Error | undefined;
    const onError = (e: Error) => {
      broken = e;
    };
    client.on('error', onError);
    try {
      let result: T;
      try {
        result = await fn(wrap(client));
      } catch (e) {
        if (!broken && !isConnectionError(e)) {
          try {
            await client.query('rollback');
          } catch (rollbackError) {
            broken = rollbackError as Error;
          }
        }
        if (broken || isConnectionError(e)) throw this.lost(broken ?? e);
        throw e;
      }
      try {
        await client.query('commit');
      } catch (e) {
        // Whether a COMMIT the connection died under took effect is unknown; the client is told
        // the database was unavailable and nothing is acknowledged.
        if (isConnectionError(e)) {
          broken = e as Error;
          throw this.lost(e);
        }
        throw e;
      }
      return result;
    } finally {
      client.removeListener('error', onError);
      client.release(broken ?? false);
    }
  }

  private dropListener(): void {
    const old = this.listener;
    this.listener = undefined;
    if (!old) return;
    old.removeAllListeners('notification');
    old.removeAllListeners('end');
    // Keep swallowing errors from the dead connection while it closes.
    old.on('error', () => undefined);
    old.end().catch(() => undefined);
  }

  private async connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    client.on('error', (e) => {
      if (this.listener === client) this.lost(e);
    });
    client.on('end', () => {
      if (this.listener === client && !this.closed) this.lost(new Error('Connection terminated unexpectedly'));
    });
    client.on('notification', (msg) => {
      for (const h of this.handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(listenSql(channel));
    } catch (e) {
      client.on('error', () => undefined);
      client.end().catch(() => undefined);
      throw e;
    }
    this.listener = client;
    return client;
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // One at a time, so the first calls open a single listening connection between them.
    const run = this.listening.then(() => this.addListener(channel, onPayload));
    this.listening = run.catch(() => undefined);
    return run;
  }

  private async addListener(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        if (this.listener) await this.listener.query(listenSql(channel));
        else if (this.available) await this.connectListener();
        // While reconnecting, the loop LISTENs on every registered channel.
      } catch (e) {
        if (!isConnectionError(e)) {
          this.handlers.delete(channel);
          throw e;
        }
        throw this.lost(e);
      }
    }
    set.add(onPayload);
    return async () => {
      set.delete(onPayload);
    };
  }

  onReconnect(fn: () => Promise<void> | void): () => void {
    this.reconnectHooks.add(fn);
    return () => this.reconnectHooks.delete(fn);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.recovering;
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      listener.removeAllListeners('end');
      await listener.end().catch(() => undefined);
    }
    await this.pool.end();
  }
}

function listenSql(channel: string): string {
  return `listen "${channel.replaceAll('"', '""')}"`;
}
