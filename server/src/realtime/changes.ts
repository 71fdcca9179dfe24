/**
 * Postgres Changes: validates bindings when a channel joins, drains captured changes and fans
 * them out the way Realtime's `realtime.apply_rls` decides: binding event/schema/table, filters
 * evaluated in the column's type, the row re-selected under each subscriber's role and claims
 * (skipped for DELETE), columns limited to what the role may select, DELETE old records cut to
 * the primary key when RLS is on.
 */
import type { Database } from '../db/types.ts';
import { isPgError } from '../db/types.ts';
import { type CapturedChange, PUBLICATION, discardChanges, takeChanges } from './capture.ts';
import {
  type ColumnFilter,
  type Parsed,
  type SubscriptionParams,
  describeParams,
  filterPredicate,
  parseSubscriptionParams,
  quoteIdent,
} from './subscription-params.ts';

/** A joined channel, seen from the change feed. Role and claims follow `access_token` updates. */
export interface ChangeSubscriber {
  readonly role: string;
  readonly claimsJson: string;
  deliver(ids: number[], data: Record<string, unknown>): void;
}

export interface PgSubscription {
  id: number;
  params: SubscriptionParams;
  subscriber: ChangeSubscriber;
}

interface ColumnMeta {
  name: string;
  /** `pg_type.typname`, what Realtime reports in `columns`. */
  type: string;
  /** Schema-qualified type for casts. */
  regtype: string;
}

interface TableMeta {
  relid: number;
  schema: string;
  table: string;
  rls: boolean;
  replident: string;
  columns: ColumnMeta[];
  pk: string[];
  replicaIndex: string[];
}

interface Work {
  change: CapturedChange;
  meta: TableMeta;
  /** What the filters see: the new row, or the replica identity of a deleted one. */
  target: Record<string, unknown>;
  identity: Record<string, unknown>;
  candidates: PgSubscription[];
  passed: Set<PgSubscription>;
  visible: Set<PgSubscription>;
  errors: Map<PgSubscription, string>;
  /** The columns each subscription's role may select, as checked for this change. */
  selectable: Map<PgSubscription, Set<string>>;
}

const BATCH = 500;

// Postgrex prints SQLSTATEs by condition name; these are the ones subscription checks raise.
const CONDITION_NAMES: Record<string, string> = {
  P0001: 'raise_exception',
  '22P02': 'invalid_text_representation',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22003': 'numeric_value_out_of_range',
  '22023': 'invalid_parameter_value',
  '2201B': 'invalid_regular_expression',
  '42704': 'undefined_object',
  '42883': 'undefined_function',
  '42P01': 'undefined_table',
  '42501': 'insufficient_privilege',
  '22001': 'string_data_right_truncation',
};

function exceptionText(e: unknown): string {
  if (isPgError(e)) {
    const name = CONDITION_NAMES[e.code ?? ''];
    return `ERROR ${e.code}${name ? ` (${name})` : ''} ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

function pick(record: Record<string, unknown>, keep: (column: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (keep(k)) out[k] = v;
  return out;
}

function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export class ChangeRouter {
  private readonly subscriptions = new Set<PgSubscription>();
  private readonly tables = new Map<number, TableMeta>();
  private readonly selectable = new Map<string, Set<string>>();
  private draining: Promise<void> | undefined;
  private again = false;
  private closed = false;
  /** Changes were captured while nobody subscribed; they are discarded in batches, not per commit. */
  private unclaimed = false;
  private purging: Promise<void> | undefined;
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly log: (message: string, error?: unknown) => void,
    purgeEveryMs = 5_000,
  ) {
    this.purgeTimer = setInterval(() => void this.purgeUnclaimed(), purgeEveryMs).unref();
  }

  /**
   * Drops the changes captured while nobody subscribed. Run every few seconds and before the first
   * subscription starts, instead of one more transaction after every commit.
   */
  private purgeUnclaimed(): Promise<void> {
    if (!this.unclaimed || this.subscriptions.size > 0 || this.closed) return this.purging ?? Promise.resolve();
    this.purging ??= (async () => {
      try {
        this.unclaimed = false;
        await discardChanges(this.db);
      } catch (e) {
        this.unclaimed = true;
        this.log('discarding captured changes failed', e);
      } finally {
        this.purging = undefined;
      }
    })();
    return this.purging;
  }

  add(subs: PgSubscription[]): void {
    for (const s of subs) this.subscriptions.add(s);
  }

  remove(subs: PgSubscription[]): void {
    for (const s of subs) this.subscriptions.delete(s);
  }

  /** Table shapes and grants may have changed. */
  invalidate(): void {
    this.tables.clear();
    this.selectable.clear();
  }

  /**
   * Checks a channel's bindings as Realtime's subscription insert does (all or nothing) and
   * returns the parsed params, or the message Realtime reports for the first failure.
   */
  async validate(bindings: unknown[], role: string): Promise<Parsed<SubscriptionParams[]>> {
    // Changes committed before the first subscription are nobody's to receive.
    if (this.subscriptions.size === 0) await this.purgeUnclaimed();
    const parsed: SubscriptionParams[] = [];
    for (const raw of bindings) {
      const p = parseSubscriptionParams(raw);
      if (!p.ok) return p;
      parsed.push(p.value);
    }
    const { rows: published } = await this.db.query<{ schema: string; table: string; relid: string }>(
      `select schemaname as schema, tablename as table, format('%I.%I', schemaname, tablename)::regclass::oid::text as relid
       from pg_catalog.pg_publication_tables where pubname = $1`,
      [PUBLICATION],
    );
    for (const p of parsed) {
      const tables = published.filter((t) => (p.schema === '*' || t.schema === p.schema) && (p.table === '*' || t.table === p.table));
      if (!tables.length) {
        return {
          ok: false,
          message: `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [${describeParams(p)}]`,
        };
      }
      const filters = JSON.stringify(p.filters.map((f) => ({ column: f.column, op: f.op, value: f.value })));
      for (const t of tables) {
        try {
          await this.db.transaction(
            (tx) => tx.query('select realtime.check_subscription($1::oid::regclass, $2, $3::jsonb, $4::jsonb)', [t.relid, role, filters, JSON.stringify(p.select)]),
            { readOnly: true },
          );
        } catch (e) {
          return {
            ok: false,
            message: `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: [${describeParams(p)}]. Exception: ${exceptionText(e)}`,
          };
        }
      }
    }
    return { ok: true, value: parsed };
  }

  /** Called on every NOTIFY: drains the queue, coalescing notifications that arrive meanwhile. */
  notify(): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = (async () => {
      for (;;) {
        this.again = false;
        try {
          await this.drain();
        } catch (e) {
          this.log('draining captured changes failed', e);
        }
        // Decided synchronously, so a notification arriving now starts a new drain or is seen here.
        if (!this.again || this.closed) {
          this.draining = undefined;
          return;
        }
      }
    })();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.purgeTimer);
    await this.draining;
    await this.purging;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.subscriptions.size === 0) {
        this.unclaimed = true;
        return;
      }
      const batch = await takeChanges(this.db, BATCH);
      if (batch.length) await this.dispatch(batch);
      if (batch.length < BATCH || this.closed) return;
    }
  }

  private async tableMetas(relids: number[]): Promise<Map<number, TableMeta>> {
    const missing = relids.filter((r) => !this.tables.has(r));
    if (missing.length) {
      const rows = await this.db.transaction(
        async (tx) => {
          // An empty search_path makes every non-catalog type name schema-qualified.
          await tx.query(`select set_config('search_path', '', true)`);
          const { rows } = await tx.query<{ relid: string; schema: string; table: string; rls: boolean; replident: string; columns: string; pk: string; replica_index: string }>(
            `select c.oid::text as relid, n.nspname as schema, c.relname as table, c.relrowsecurity as rls,
                    c.relreplident::text as replident,
                    coalesce((select pg_catalog.json_agg(pg_catalog.json_build_object('name', a.attname, 'type', t.typname, 'regtype', a.atttypid::pg_catalog.regtype::text) order by a.attnum)
                              from pg_catalog.pg_attribute a join pg_catalog.pg_type t on t.oid = a.atttypid
                              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]')::text as columns,
                    coalesce((select pg_catalog.json_agg(a.attname order by k.ord)
                              from pg_catalog.pg_index i
                              cross join lateral pg_catalog.unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
                              join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                              where i.indrelid = c.oid and i.indisprimary), '[]')::text as pk,
                    coalesce((select pg_catalog.json_agg(a.attname order by k.ord)
                              from pg_catalog.pg_index i
                              cross join lateral pg_catalog.unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
                              join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                              where i.indrelid = c.oid and i.indisreplident), '[]')::text as replica_index
             from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
             where c.oid in (select pg_catalog.jsonb_array_elements_text($1::jsonb)::oid)`,
            [JSON.stringify(missing.map(String))],
          );
          return rows;
        },
        { readOnly: true },
      );
      for (const r of rows) {
        this.tables.set(Number(r.relid), {
          relid: Number(r.relid),
          schema: r.schema,
          table: r.table,
          rls: r.rls,
          replident: r.replident,
          columns: JSON.parse(r.columns) as ColumnMeta[],
          pk: JSON.parse(r.pk) as string[],
          replicaIndex: JSON.parse(r.replica_index) as string[],
        });
      }
    }
    const out = new Map<number, TableMeta>();
    for (const r of relids) {
      const meta = this.tables.get(r);
      if (meta) out.set(r, meta);
    }
    return out;
  }

  private async selectableColumns(relid: number, role: string): Promise<Set<string>> {
    const key = `${relid}\u0000${role}`;
    let cols = this.selectable.get(key);
    if (!cols) {
      try {
        const { rows } = await this.db.query<{ name: string }>(
          `select a.attname as name from pg_catalog.pg_attribute a
           where a.attrelid = $1::oid and a.attnum > 0 and not a.attisdropped
             and pg_catalog.has_column_privilege($2, a.attrelid, a.attnum, 'SELECT')`,
          [String(relid), role],
        );
        cols = new Set(rows.map((r) => r.name));
      } catch {
        // A role that no longer exists may select nothing.
        cols = new Set();
      }
      this.selectable.set(key, cols);
    }
    return cols;
  }

  /** The old row as logical decoding would carry it: its replica identity. */
  private identity(meta: TableMeta, old: Record<string, unknown> | null): Record<string, unknown> {
    if (!old) return {};
    switch (meta.replident) {
      case 'f':
        return old;
      case 'n':
        return {};
      case 'i':
        return pick(old, (c) => meta.replicaIndex.includes(c));
      default:
        return pick(old, (c) => meta.pk.includes(c));
    }
  }

  private async dispatch(batch: CapturedChange[]): Promise<void> {
    const metas = await this.tableMetas([...new Set(batch.map((c) => c.relid))]);
    const works: Work[] = [];
    for (const change of batch) {
      const meta = metas.get(change.relid);
      if (!meta) continue;
      const candidates = [...this.subscriptions].filter(
        (s) =>
          (s.params.schema === '*' || s.params.schema === meta.schema) &&
          (s.params.table === '*' || s.params.table === meta.table) &&
          (s.params.action === '*' || s.params.action === change.action),
      );
      if (!candidates.length) continue;
      const identity = this.identity(meta, change.oldRecord);
      works.push({
        change,
        meta,
        target: change.action === 'DELETE' ? identity : (change.record ?? {}),
        identity,
        candidates,
        passed: new Set(),
        visible: new Set(),
        errors: new Map(),
        selectable: new Map(),
      });
    }
    if (!works.length) return;
    await this.applyFilters(works);
    await this.applyAccess(works);
    for (const w of works) this.deliver(w);
  }

  /** Evaluates every binding's filters for a batch in one query per table, in the columns' types. */
  private async applyFilters(works: Work[]): Promise<void> {
    for (const [relid, group] of groupBy(works, (w) => w.meta.relid)) {
      const meta = group[0]!.meta;
      const sets = new Map<string, { filters: ColumnFilter[]; index: number }>();
      for (const w of group) {
        for (const s of w.candidates) {
          if (!s.params.filters.length) {
            w.passed.add(s);
            continue;
          }
          const key = JSON.stringify(s.params.filters);
          if (!sets.has(key)) sets.set(key, { filters: s.params.filters, index: sets.size });
        }
      }
      if (!sets.size) continue;
      const params: unknown[] = [JSON.stringify(group.map((w) => w.target))];
      const param = (v: string) => {
        params.push(v);
        return `$${params.length}`;
      };
      const types = new Map(meta.columns.map((c) => [c.name, c.regtype]));
      let exprs: string[];
      try {
        exprs = [...sets.values()].map(({ filters, index }) => {
          const parts = filters.map((f) => {
            const type = types.get(f.column);
            if (!type) throw new Error(`column ${f.column} no longer exists`);
            return `(${filterPredicate(f, type, param)})`;
          });
          return `coalesce(${parts.join(' and ')}, false) as f${index}`;
        });
      } catch (e) {
        this.log(`filters on ${meta.schema}.${meta.table} cannot be evaluated`, e);
        continue;
      }
      let rows: Record<string, unknown>[];
      try {
        ({ rows } = await this.db.query(
          `select x.ord::int4 as ord, ${exprs.join(', ')}
           from pg_catalog.jsonb_array_elements($1::jsonb) with ordinality as x(rec, ord)
           cross join lateral pg_catalog.jsonb_populate_record(null::${quoteIdent(meta.schema)}.${quoteIdent(meta.table)}, x.rec) as r
           order by x.ord`,
          params,
        ));
      } catch (e) {
        this.log(`filters on relation ${relid} failed`, e);
        continue;
      }
      group.forEach((w, i) => {
        const row = rows[i];
        if (!row) return;
        for (const s of w.candidates) {
          if (!s.params.filters.length) continue;
          const { index } = sets.get(JSON.stringify(s.params.filters))!;
          // A filter on a column the change does not carry (e.g. a non-key column of a DELETE) fails.
          const present = s.params.filters.every((f) => Object.prototype.hasOwnProperty.call(w.target, f.column));
          if (present && row[`f${index}`] === true) w.passed.add(s);
        }
      });
    }
  }

  /** Column grants and row-level security, per subscriber role and claims. */
  private async applyAccess(works: Work[]): Promise<void> {
    // claims group → table → the works whose row must be re-selected under those claims, and the
    // subscriptions waiting on the answer
    const pending = new Map<string, { role: string; claimsJson: string; byTable: Map<number, { works: Work[]; subs: Set<PgSubscription> }> }>();
    for (const w of works) {
      const { meta, change } = w;
      for (const [role, subs] of groupBy(w.candidates, (s) => s.subscriber.role)) {
        const selectable = await this.selectableColumns(meta.relid, role);
        for (const s of subs) w.selectable.set(s, selectable);
        if (change.action !== 'DELETE' && meta.pk.length === 0) {
          for (const s of subs) w.errors.set(s, 'Error 400: Bad Request, no primary key');
          continue;
        }
        if (change.action !== 'DELETE' && !meta.pk.every((c) => selectable.has(c))) {
          for (const s of subs) w.errors.set(s, 'Error 401: Unauthorized');
          continue;
        }
        const passing = subs.filter((s) => w.passed.has(s));
        if (!passing.length) continue;
        if (!meta.rls || change.action === 'DELETE') {
          for (const s of passing) w.visible.add(s);
          continue;
        }
        for (const s of passing) {
          const claimsJson = s.subscriber.claimsJson;
          const key = `${role}\u0000${claimsJson}`;
          let entry = pending.get(key);
          if (!entry) pending.set(key, (entry = { role, claimsJson, byTable: new Map() }));
          let group = entry.byTable.get(meta.relid);
          if (!group) entry.byTable.set(meta.relid, (group = { works: [], subs: new Set() }));
          if (!group.works.includes(w)) group.works.push(w);
          group.subs.add(s);
        }
      }
    }
    for (const { role, claimsJson, byTable } of pending.values()) {
      for (const { works: group, subs } of byTable.values()) {
        const meta = group[0]!.meta;
        const target = `${quoteIdent(meta.schema)}.${quoteIdent(meta.table)}`;
        const match = meta.pk.map((c) => `t.${quoteIdent(c)} = r.${quoteIdent(c)}`).join(' and ');
        let seen = new Set<number>();
        try {
          seen = await this.db.transaction(
            async (tx) => {
              await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, claimsJson]);
              const { rows } = await tx.query<{ ord: number }>(
                `select x.ord::int4 as ord
                 from pg_catalog.jsonb_array_elements($1::jsonb) with ordinality as x(rec, ord)
                 cross join lateral pg_catalog.jsonb_populate_record(null::${target}, x.rec) as r
                 where exists (select 1 from ${target} t where ${match})`,
                [JSON.stringify(group.map((w) => w.change.record ?? {}))],
              );
              return new Set(rows.map((r) => Number(r.ord)));
            },
            { readOnly: true },
          );
        } catch (e) {
          // A policy that fails for these claims hides the rows from them, as it would from a select.
          this.log(`row-level security check on ${meta.schema}.${meta.table} failed for role ${role}`, e);
        }
        group.forEach((w, i) => {
          if (!seen.has(i + 1)) return;
          for (const s of w.candidates) if (subs.has(s) && w.passed.has(s)) w.visible.add(s);
        });
      }
    }
  }

  private deliver(w: Work): void {
    const { change, meta } = w;
    const errored = groupBy(w.errors.keys(), (s) => s.subscriber);
    for (const [subscriber, subs] of errored) {
      const message = w.errors.get(subs[0]!)!;
      const data: Record<string, unknown> = { columns: [], commit_timestamp: null, errors: [message], schema: meta.schema, table: meta.table };
      if (change.action === 'UPDATE') data.old_record = {};
      if (change.action !== 'DELETE') data.record = {};
      data.type = change.action;
      subscriber.deliver([...new Set(subs.map((s) => s.id))], data);
    }
    const bySubscriber = groupBy(w.visible, (s) => s.subscriber);
    for (const [subscriber, subs] of bySubscriber) {
      // Bindings with different column selections get separate messages, as in Realtime.
      for (const group of groupBy(subs, (s) => JSON.stringify(s.params.select)).values()) {
        const selectable = w.selectable.get(group[0]!) ?? new Set<string>();
        const select = group[0]!.params.select;
        const shown = (c: string) => selectable.has(c) && (select === null || select.includes(c) || meta.pk.includes(c));
        const data: Record<string, unknown> = {
          columns: meta.columns.filter((c) => shown(c.name)).map((c) => ({ name: c.name, type: c.type })),
          commit_timestamp: change.commitTimestamp,
          errors: null,
          schema: meta.schema,
          table: meta.table,
        };
        if (change.action === 'UPDATE') data.old_record = pick(w.identity, shown);
        if (change.action === 'DELETE') data.old_record = pick(w.identity, (c) => shown(c) && (!meta.rls || meta.pk.includes(c)));
        if (change.action !== 'DELETE') data.record = pick(change.record ?? {}, shown);
        data.type = change.action;
        subscriber.deliver([...new Set(group.map((s) => s.id))], data);
      }
    }
  }
}
