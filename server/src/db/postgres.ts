import pg from 'pg';
import type { Database, Queryable, QueryResult, TransactionOptions } from './types.ts';

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

/** A PostgreSQL server through a pool; each transaction holds one pooled connection. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly poolQueryable: Queryable;
  private listener: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();

  constructor(
    private readonly connectionString: string,
    max = Number(process.env.DUIZHAO_DB_POOL ?? 10),
  ) {
    this.pool = new pg.Pool({ connectionString, max });
    this.pool.on('error', () => undefined);
    this.poolQueryable = wrap(this.pool);
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    return this.poolQueryable.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.poolQueryable.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(options.readOnly ? 'begin read only' : 'begin');
      try {
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
    } finally {
      client.release();
    }
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    if (!this.listener) {
      this.listener = new pg.Client({ connectionString: this.connectionString });
      await this.listener.connect();
      this.listener.on('notification', (msg) => {
        for (const h of this.handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
      });
    }
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.listener.query(`listen "${channel.replaceAll('"', '""')}"`);
    }
    set.add(onPayload);
    return async () => {
      set.delete(onPayload);
    };
  }

  async close(): Promise<void> {
    await this.listener?.end();
    await this.pool.end();
  }
}
