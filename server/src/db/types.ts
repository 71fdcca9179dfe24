export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
  fields: { name: string; dataTypeID: number }[];
  rowCount: number;
}

export interface Queryable {
  /** One statement with `$n` parameters (extended protocol). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several statements, no parameters (simple protocol). */
  exec(sql: string): Promise<void>;
}

export interface TransactionOptions {
  readOnly?: boolean;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` inside BEGIN … COMMIT (ROLLBACK when it throws). Nothing else runs on the
   * transaction's session meanwhile, so `set local role` and `request.jwt.claims` never leak.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** LISTEN on a channel; returns the unlisten function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs `fn` each time the connection to the database comes back after it was lost (its LISTENs
   * are in place again by then; notifications sent meanwhile were missed). Returns the remover.
   */
  onReconnect(fn: () => Promise<void> | void): () => void;
  /**
   * Drops the statements the driver keeps prepared, so none outlives a schema change with a stale
   * result type (PostgREST releases its pool on a schema cache reload for the same reason).
   */
  forgetStatements?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The database cannot be reached right now (server restarting, connection terminated); the
 * server keeps reconnecting in the background. The message is PostgREST's for PGRST001.
 */
export class DatabaseUnavailableError extends Error {
  readonly pgrstCode = 'PGRST001';
  constructor(
    /** What the driver reported, e.g. `connect ECONNREFUSED 127.0.0.1:5432`. */
    readonly detail: string,
  ) {
    super('Database client error. Retrying the connection.');
    this.name = 'DatabaseUnavailableError';
  }
}

/** Postgres error fields as both drivers report them. */
export interface PgError extends Error {
  code?: string;
  detail?: string;
  hint?: string;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

export function isPgError(e: unknown): e is PgError {
  return e instanceof Error && typeof (e as PgError).code === 'string';
}

/** No pooled connection became free in time; PostgREST answers 504 PGRST003. */
export class PoolTimeoutError extends Error {
  readonly pgrstCode = 'PGRST003';
  constructor() {
    super('Timed out acquiring connection from connection pool.');
    this.name = 'PoolTimeoutError';
  }
}
