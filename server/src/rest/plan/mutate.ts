/**
 * The mutation plan (PostgREST's Plan/MutatePlan): what an insert, upsert, update or delete
 * writes and which rows it touches, checked against the schema cache. Plain data; the query
 * builder renders it to SQL.
 */
import type { ApiRequest } from '../api-request.ts';
import { errors } from '../errors.ts';
import type { OpExpr, OrderTerm } from '../query-params.ts';
import type { RowRange } from '../range.ts';
import type { QI, Table } from '../schema-cache.ts';
import { type CLogic, type COrder, type ReadNode, resolveField, returningColumns } from './read.ts';

export interface TypedColumn {
  name: string;
  type: string;
  default: string | null;
}

/** A JSON body as received: one object or an array of objects. */
export interface JsonBody {
  raw: string;
  isObject: boolean;
}

export type Resolution = 'merge-duplicates' | 'ignore-duplicates';

export interface InsertPlan {
  kind: 'insert';
  table: QI;
  columns: TypedColumn[];
  body: JsonBody;
  /** `missing=default`: absent keys take the column default instead of null. */
  applyDefaults: boolean;
  onConflict: { resolution: Resolution; columns: string[] } | undefined;
  /** PUT: the primary-key filters each body row must match. */
  putConditions: CLogic[];
  /** Upserts count inserted rows apart from updated ones (for 201 against 200). */
  countInserted: boolean;
  /** `return=headers-only`: the primary key columns that make the Location header. */
  locationKeys: string[] | undefined;
  returning: string[];
}

export interface UpdatePlan {
  kind: 'update';
  table: QI;
  columns: TypedColumn[];
  body: JsonBody;
  applyDefaults: boolean;
  where: CLogic[];
  order: COrder[];
  range: RowRange;
  returning: string[];
}

export interface DeletePlan {
  kind: 'delete';
  table: QI;
  where: CLogic[];
  order: COrder[];
  range: RowRange;
  returning: string[];
}

export type MutatePlan = InsertPlan | UpdatePlan | DeletePlan;

const ALL: RowRange = { lower: 0, upper: undefined };

function rootWhere(req: ApiRequest, table: Table): CLogic[] {
  const resolve = (t: (typeof req.qp.logic)[number]['tree']): CLogic =>
    t.type === 'stmt'
      ? { type: 'stmt', filter: { kind: 'filter', field: resolveField(table, t.filter.field), expr: t.filter.expr as OpExpr } }
      : { type: 'expr', negated: t.negated, op: t.op, children: t.children.map(resolve) };
  return [
    ...req.qp.filters.filter((f) => f.path.length === 0).map((f) => resolve({ type: 'stmt', filter: f.filter })),
    ...req.qp.logic.filter((l) => l.path.length === 0).map((l) => resolve(l.tree)),
  ];
}

function rootOrder(req: ApiRequest, table: Table): COrder[] {
  const terms: OrderTerm[] = req.qp.order.find((o) => o.path.length === 0)?.terms ?? [];
  return terms.map((t): COrder =>
    t.type === 'field'
      ? { type: 'field', field: resolveField(table, t.field), direction: t.direction, nulls: t.nulls }
      : { type: 'relation', relation: t.relation, field: t.field, direction: t.direction, nulls: t.nulls },
  );
}

/** PUT's filters: all and only the primary key columns, each with a plain `eq`. */
function putConditions(req: ApiRequest, table: Table): CLogic[] {
  const pk = table.pk;
  const rootFilters = req.qp.filters.filter((f) => f.path.length === 0);
  const filterFields = new Set(req.qp.filters.map((f) => f.filter.field.name));
  const ok =
    req.qp.logic.length === 0 &&
    pk.length > 0 &&
    filterFields.size === pk.length &&
    pk.every((c) => filterFields.has(c)) &&
    rootFilters.every((f) => {
      const e = f.filter.expr as OpExpr;
      return !e.negated && e.operation.kind === 'quant' && e.operation.op === 'eq' && !e.operation.quantifier;
    });
  if (!ok) throw errors.invalidFilters();
  return rootFilters.map((f) => ({ type: 'stmt', filter: { kind: 'filter', field: resolveField(table, f.filter.field), expr: f.filter.expr as OpExpr } }));
}

/** The write for `req` on `table`; `read` is the plan of what the write returns. */
export function mutatePlan(req: ApiRequest, table: Table, read: ReadNode): MutatePlan {
  const prefs = req.prefs;
  const qi: QI = { schema: table.schema, name: table.name };
  const returning = prefs.representation === undefined || prefs.representation === 'minimal' ? [] : returningColumns(read, table.pk);
  const payload = req.payload;
  const body: JsonBody = { raw: payload?.kind === 'json' ? payload.raw : '{}', isObject: payload?.kind === 'json' ? payload.isObject : true };
  const applyDefaults = prefs.missing === 'default';
  const typedColumns = () =>
    req.columns.map((c): TypedColumn => {
      const col = table.columns.get(c);
      if (!col) throw errors.columnNotFound(table.name, c);
      return { name: c, type: col.type, default: col.default };
    });

  if (req.action === 'create' || req.action === 'upsert') {
    const columns = typedColumns();
    let onConflict: InsertPlan['onConflict'];
    let conditions: CLogic[] = [];
    let countInserted = false;
    if (req.action === 'upsert') {
      conditions = putConditions(req, table);
      onConflict = { resolution: 'merge-duplicates', columns: table.pk };
      countInserted = true;
    } else if (prefs.resolution && (table.pk.length > 0 || req.qp.onConflict)) {
      onConflict = { resolution: prefs.resolution, columns: req.qp.onConflict ?? table.pk };
      countInserted = prefs.resolution === 'merge-duplicates';
    }
    const locationKeys = prefs.representation === 'headers-only' && table.pk.length > 0 ? table.pk : undefined;
    return { kind: 'insert', table: qi, columns, body, applyDefaults, onConflict, putConditions: conditions, countInserted, locationKeys, returning };
  }
  const range = req.ranges.get('') ?? ALL;
  if (req.action === 'update') {
    const columns = typedColumns();
    const where = columns.length === 0 ? [] : rootWhere(req, table);
    return { kind: 'update', table: qi, columns, body, applyDefaults, where, order: rootOrder(req, table), range, returning };
  }
  return { kind: 'delete', table: qi, where: rootWhere(req, table), order: rootOrder(req, table), range, returning };
}
