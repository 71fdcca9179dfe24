/**
 * The schema cache: tables, views, columns, keys, relationships (incl. views' base-table foreign
 * keys, many-to-many through junction tables and computed relationships), functions, role
 * settings and PostgREST's in-database configuration, read from the catalog in one transaction.
 */
import type { Database, Queryable } from '../db/types.ts';

export interface QI {
  schema: string;
  name: string;
}
export const qiKey = (schema: string, name: string): string => `${schema}\u0000${name}`;

export interface Column {
  name: string;
  /** Type as SQL text, schema-qualified when outside pg_catalog, without typmod. */
  type: string;
  /** The column's own type name (`json`, `jsonb`, `tsvector`, …) for operator decisions. */
  nominalType: string;
  nullable: boolean;
  default: string | null;
}

export interface Table {
  schema: string;
  name: string;
  isView: boolean;
  insertable: boolean;
  updatable: boolean;
  deletable: boolean;
  pk: string[];
  columns: Map<string, Column>;
  columnList: Column[];
}

export type Cardinality =
  | { kind: 'M2O' | 'O2M'; constraint: string; columns: [string, string][] }
  | { kind: 'O2O'; constraint: string; columns: [string, string][]; isParent: boolean }
  | {
      kind: 'M2M';
      junction: QI;
      constraint1: string;
      constraint2: string;
      /** (origin column, junction column) */
      sourceColumns: [string, string][];
      /** (target column, junction column) */
      targetColumns: [string, string][];
    };

export type Relationship =
  | { kind: 'fk'; table: QI; foreignTable: QI; isSelf: boolean; tableIsView: boolean; foreignTableIsView: boolean; card: Cardinality }
  | { kind: 'computed'; fn: QI; table: QI; foreignTable: QI; toOne: boolean; isSelf: boolean };

export function relIsToOne(r: Relationship): boolean {
  if (r.kind === 'computed') return r.toOne;
  return r.card.kind === 'M2O' || r.card.kind === 'O2O';
}

export interface RoutineParam {
  name: string;
  type: string;
  required: boolean;
  variadic: boolean;
}

export interface Routine {
  schema: string;
  name: string;
  params: RoutineParam[];
  /** void | scalar | composite (a table row or a record of OUT columns). */
  returns: 'void' | 'scalar' | 'composite';
  setof: boolean;
  /** The table whose row type the function returns, for embedding on its result. */
  tableName: string | undefined;
  volatility: 'i' | 's' | 'v';
  settings: [string, string][];
  /** The function's comment; it orders overloads with the same number of parameters. */
  description?: string | undefined;
}

/**
 * Whether PostgREST exposes a function: all its parameters are named, or it takes exactly one
 * unnamed parameter of a type a request body can be (json, jsonb, text, xml, bytea).
 */
export function isCallable(params: { name: string; type: string }[], allUnnamed: boolean): boolean {
  if (!allUnnamed || params.length === 0) return true;
  return params.length === 1 && ['bytea', 'json', 'jsonb', 'text', 'xml'].includes(params[0]!.type);
}

const VOLATILITY_ORDER = { v: 0, s: 1, i: 2 } as const;
const cmp = <T extends string | number | boolean>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * PostgREST's order of overloads (its Routine Ord instance): fewer parameters first, then no
 * comment before a comment, then the parameters (name, type, required, variadic) in turn, then the
 * return shape and volatility. Ambiguity errors list candidates in this order.
 */
export function compareRoutines(a: Routine, b: Routine): number {
  if (a.params.length !== b.params.length) return a.params.length - b.params.length;
  if (a.description !== b.description) {
    if (a.description === undefined) return -1;
    if (b.description === undefined) return 1;
    return cmp(a.description, b.description);
  }
  for (let i = 0; i < a.params.length; i++) {
    const p = a.params[i]!;
    const q = b.params[i]!;
    const c = cmp(p.name, q.name) || cmp(p.type, q.type) || cmp(p.required, q.required) || cmp(p.variadic, q.variadic);
    if (c) return c;
  }
  return cmp(a.setof, b.setof) || cmp(a.returns, b.returns) || VOLATILITY_ORDER[a.volatility] - VOLATILITY_ORDER[b.volatility];
}

export interface InDbConfig {
  aggregatesEnabled: boolean;
  planEnabled: boolean;
  maxRows: number | undefined;
}

export interface SchemaCache {
  tables: Map<string, Table>;
  /** Keyed by origin table, relationships whose foreign table is in the same schema. */
  relationships: Map<string, Relationship[]>;
  routines: Map<string, Routine[]>;
  roleSettings: Map<string, [string, string][]>;
  timezones: Set<string>;
  config: InDbConfig;
  hasGeoJson: boolean;
}

// ---------------------------------------------------------------------------------------------

const TABLES_SQL = `
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name, c.relkind::text as kind,
  c.relispartition as is_partition,
  case when c.relkind in ('r','p') then 28 else pg_catalog.pg_relation_is_updatable(c.oid, true) end as updatable_mask,
  coalesce((select json_agg(json_build_object(
      'name', a.attname,
      'type', pg_catalog.format_type(a.atttypid, -1),
      'nominal', t.typname,
      'nullable', not a.attnotnull,
      'default', coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid),
        case when a.attidentity in ('a','d') then 'nextval(' || quote_literal(pg_catalog.pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname)) || '::regclass)' end)
    ) order by a.attnum)
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_type t on t.oid = a.atttypid
    left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]')::text as columns,
  coalesce((select json_agg(a.attname order by k.ord)::text
    from pg_catalog.pg_constraint pk
    cross join lateral unnest(pk.conkey) with ordinality as k(attnum, ord)
    join pg_catalog.pg_attribute a on a.attrelid = pk.conrelid and a.attnum = k.attnum
    where pk.conrelid = c.oid and pk.contype = 'p'), '[]') as pk
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r','v','m','f','p') and n.nspname = any($1::text[])
`;

const CONSTRAINTS_SQL = `
select con.contype::text as type, con.conname as name, con.conrelid::int8::text as rel, con.confrelid::int8::text as frel,
  (select json_agg(a.attname order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
     join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum)::text as cols,
  (select json_agg(a.attname order by k.ord) from unnest(con.confkey) with ordinality k(attnum, ord)
     join pg_catalog.pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum)::text as fcols,
  n.nspname as schema, c.relname as relname, fn.nspname as fschema, fc.relname as frelname, c.relispartition as is_partition
from pg_catalog.pg_constraint con
join pg_catalog.pg_class c on c.oid = con.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_class fc on fc.oid = con.confrelid
left join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace
where con.contype in ('f','p','u') and n.nspname not in ('pg_catalog', 'information_schema')
order by con.conname
`;

const VIEWS_SQL = `
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name, r.ev_action::text as action
from pg_catalog.pg_rewrite r
join pg_catalog.pg_class c on c.oid = r.ev_class
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v','m') and r.rulename = '_RETURN' and n.nspname not in ('pg_catalog', 'information_schema')
`;

const ROUTINES_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile::text as volatility, p.proretset as setof,
  p.pronargs as nargs, p.pronargdefaults as ndefaults,
  coalesce(p.proargnames, '{}') as argnames,
  coalesce(p.proargmodes::text[], '{}') as argmodes,
  coalesce((select array_agg(pg_catalog.format_type(u.t, -1) order by u.o)
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as u(t, o)), '{}') as argtypes,
  coalesce((select array_agg(u.t::int8::text order by u.o)
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as u(t, o)), '{}') as argtypeoids,
  t.typname as rettype, t.typtype::text as rettyptype, coalesce(rc.relkind::text, '') as retrelkind,
  coalesce(rn.nspname, '') as retrelschema, coalesce(rc.relname, '') as retrelname,
  p.prorows::float8 as rows, coalesce(p.proconfig, '{}') as config,
  pg_catalog.obj_description(p.oid, 'pg_proc') as description
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_type t on t.oid = p.prorettype
left join pg_catalog.pg_class rc on rc.oid = t.typrelid
left join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any($1::text[]) and p.prokind = 'f'
`;

const TYPES_SQL = `
select t.oid::int8::text as oid, t.typrelid::int8::text as relid from pg_catalog.pg_type t where t.typrelid <> 0 and t.typtype = 'c'
`;

const ROLE_SETTINGS_SQL = `
select r.rolname as role, s.setdatabase <> 0 as dbspecific, s.setconfig as config
from pg_catalog.pg_db_role_setting s
join pg_catalog.pg_roles r on r.oid = s.setrole
where s.setdatabase in (0, (select oid from pg_catalog.pg_database where datname = current_database()))
`;

interface TableRow {
  oid: string;
  schema: string;
  name: string;
  kind: string;
  is_partition: boolean;
  updatable_mask: number | string;
  columns: string;
  pk: string;
}

/** Where a view's output column comes from: (relation oid, column number) of its top-level target list. */
export function parseViewTargetList(action: string): { resname: string; tbl: string; col: number }[] {
  // Find ":targetList" directly inside the first QUERY node, skipping nested nodes and escapes.
  let depth = 0;
  let i = 0;
  let start = -1;
  for (; i < action.length; i++) {
    const c = action[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') {
      depth--;
      if (depth < 2) break;
    } else if (depth === 2 && c === ':' && action.startsWith(':targetList ', i)) {
      start = i + ':targetList '.length;
      break;
    }
  }
  if (start < 0) return [];
  const out: { resname: string; tbl: string; col: number }[] = [];
  // The list: ( {TARGETENTRY ...} {TARGETENTRY ...} )
  let d = 0;
  let entry = '';
  for (let j = start; j < action.length; j++) {
    const c = action[j]!;
    if (c === '\\') {
      if (d === 2) entry += c + (action[j + 1] ?? '');
      j++;
      continue;
    }
    if (c === '(' || c === '{') {
      d++;
      if (d === 2 && c === '{') entry = '';
      continue;
    }
    if (c === ')' || c === '}') {
      d--;
      if (d === 1 && c === '}') {
        const resname = /:resname ((?:\\.|[^\s\\])+)/.exec(entry)?.[1];
        const tbl = /:resorigtbl (\d+)/.exec(entry)?.[1];
        const col = /:resorigcol (\d+)/.exec(entry)?.[1];
        const junk = /:resjunk true/.test(entry);
        if (resname && tbl && col && !junk) out.push({ resname: resname.replace(/\\(.)/g, '$1'), tbl, col: Number(col) });
      }
      if (d <= 0) break;
      continue;
    }
    if (d === 2) entry += c;
  }
  return out;
}

function parseSettings(config: string[] | null): [string, string][] {
  return (config ?? []).map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), kv.slice(i + 1)] as [string, string];
  });
}

let timezoneCache: Set<string> | undefined;

export async function loadSchemaCache(db: Database, schemas: string[]): Promise<SchemaCache> {
  return db.transaction(async (tx) => {
    // An empty search_path makes format_type() qualify every type outside pg_catalog.
    await tx.query("select set_config('search_path', '', true)");
    return readCatalog(tx, schemas);
  });
}

async function readCatalog(tx: Queryable, schemas: string[]): Promise<SchemaCache> {
  const tableRows = (await tx.query<TableRow>(TABLES_SQL, [schemas])).rows;
  const constraintRows = (
    await tx.query<{
      type: string;
      name: string;
      rel: string;
      frel: string;
      cols: string;
      fcols: string | null;
      schema: string;
      relname: string;
      fschema: string | null;
      frelname: string | null;
      is_partition: boolean;
    }>(CONSTRAINTS_SQL)
  ).rows;
  const viewRows = (await tx.query<{ oid: string; schema: string; name: string; action: string }>(VIEWS_SQL)).rows;
  const routineRows = (
    await tx.query<{
      schema: string;
      name: string;
      volatility: string;
      setof: boolean;
      nargs: number;
      ndefaults: number;
      argnames: string[];
      argmodes: string[];
      argtypes: string[];
      argtypeoids: string[];
      rettype: string;
      rettyptype: string;
      retrelkind: string;
      retrelschema: string;
      retrelname: string;
      rows: number;
      config: string[];
      description: string | null;
    }>(ROUTINES_SQL, [schemas])
  ).rows;
  const typeRows = (await tx.query<{ oid: string; relid: string }>(TYPES_SQL)).rows;
  const roleRows = (await tx.query<{ role: string; dbspecific: boolean; config: string[] }>(ROLE_SETTINGS_SQL)).rows;
  const geo = (await tx.query<{ n: string }>("select count(*)::int8::text as n from pg_catalog.pg_proc where proname = 'st_asgeojson'")).rows[0];
  if (!timezoneCache) {
    timezoneCache = new Set((await tx.query<{ name: string }>('select name from pg_catalog.pg_timezone_names')).rows.map((r) => r.name));
  }

  // Tables ------------------------------------------------------------------------------------
  const tables = new Map<string, Table>();
  const byOid = new Map<string, Table>();
  for (const r of tableRows) {
    const cols = JSON.parse(r.columns) as { name: string; type: string; nominal: string; nullable: boolean; default: string | null }[];
    const columnList: Column[] = cols.map((c) => ({
      name: c.name,
      type: c.type,
      nominalType: c.nominal,
      nullable: c.nullable,
      default: c.default,
    }));
    const mask = Number(r.updatable_mask);
    const isView = r.kind === 'v' || r.kind === 'm';
    const t: Table = {
      schema: r.schema,
      name: r.name,
      isView,
      insertable: r.kind === 'm' ? false : (mask & 8) !== 0,
      updatable: r.kind === 'm' ? false : (mask & 4) !== 0,
      deletable: r.kind === 'm' ? false : (mask & 16) !== 0,
      pk: JSON.parse(r.pk) as string[],
      columns: new Map(columnList.map((c) => [c.name, c])),
      columnList,
    };
    tables.set(qiKey(r.schema, r.name), t);
    byOid.set(r.oid, t);
  }

  // View column origins, followed through chains of views --------------------------------------
  const viewTargets = new Map<string, { schema: string; name: string; cols: { resname: string; tbl: string; col: number }[] }>();
  for (const v of viewRows) viewTargets.set(v.oid, { schema: v.schema, name: v.name, cols: parseViewTargetList(v.action) });

  // Column names by (relation oid, attnum) are needed to resolve resorigcol.
  const attnames = new Map<string, string[]>();
  if (viewRows.length) {
    const oids = [...new Set(viewRows.flatMap((v) => viewTargets.get(v.oid)!.cols.map((c) => c.tbl)))];
    if (oids.length) {
      const rows = (
        await tx.query<{ rel: string; attnum: number; attname: string }>(
          'select attrelid::int8::text as rel, attnum, attname from pg_catalog.pg_attribute where attrelid = any($1::oid[]) and attnum > 0',
          [`{${oids.join(',')}}`],
        )
      ).rows;
      for (const r of rows) {
        const arr = attnames.get(r.rel) ?? [];
        arr[r.attnum] = r.attname;
        attnames.set(r.rel, arr);
      }
    }
  }
  /** base relation oid + column → list of [view oid, view column] that expose it (recursively). */
  const exposedBy = new Map<string, [string, string][]>();
  const resolveToBase = (viewOid: string, seen: Set<string>): { viewCol: string; baseOid: string; baseCol: string }[] => {
    const v = viewTargets.get(viewOid);
    if (!v || seen.has(viewOid)) return [];
    seen.add(viewOid);
    const out: { viewCol: string; baseOid: string; baseCol: string }[] = [];
    for (const c of v.cols) {
      const colName = attnames.get(c.tbl)?.[c.col];
      if (!colName) continue;
      if (viewTargets.has(c.tbl)) {
        for (const inner of resolveToBase(c.tbl, new Set(seen))) {
          if (inner.viewCol === colName) out.push({ viewCol: c.resname, baseOid: inner.baseOid, baseCol: inner.baseCol });
        }
      } else out.push({ viewCol: c.resname, baseOid: c.tbl, baseCol: colName });
    }
    return out;
  };
  for (const viewOid of viewTargets.keys()) {
    for (const m of resolveToBase(viewOid, new Set())) {
      const key = `${m.baseOid}\u0000${m.baseCol}`;
      const arr = exposedBy.get(key) ?? [];
      arr.push([viewOid, m.viewCol]);
      exposedBy.set(key, arr);
    }
  }

  /** The relations (the table itself and views over it) that expose all of `cols` of `oid`. */
  const carriers = (oid: string, cols: string[]): { table: Table; cols: string[] }[] => {
    const out: { table: Table; cols: string[] }[] = [];
    const self = byOid.get(oid);
    if (self) out.push({ table: self, cols });
    const views = new Map<string, string[]>();
    for (const [i, col] of cols.entries()) {
      for (const [viewOid, viewCol] of exposedBy.get(`${oid}\u0000${col}`) ?? []) {
        const arr = views.get(viewOid) ?? new Array<string>(cols.length);
        if (arr[i] === undefined) arr[i] = viewCol;
        views.set(viewOid, arr);
      }
    }
    for (const [viewOid, arr] of views) {
      const t = byOid.get(viewOid);
      if (t && arr.length === cols.length && arr.every((x) => x !== undefined)) out.push({ table: t, cols: arr });
    }
    return out;
  };

  // Unique column sets per relation, for one-to-one detection.
  const uniques = new Map<string, string[][]>();
  for (const c of constraintRows) {
    if (c.type !== 'p' && c.type !== 'u') continue;
    const arr = uniques.get(c.rel) ?? [];
    arr.push(JSON.parse(c.cols) as string[]);
    uniques.set(c.rel, arr);
  }
  const isUnique = (oid: string, cols: string[]) =>
    (uniques.get(oid) ?? []).some((u) => u.length === cols.length && u.every((x) => cols.includes(x)));

  const relationships = new Map<string, Relationship[]>();
  const addRel = (r: Relationship) => {
    if (r.foreignTable.schema !== r.table.schema) return;
    const k = qiKey(r.table.schema, r.table.name);
    const arr = relationships.get(k) ?? [];
    arr.push(r);
    relationships.set(k, arr);
  };
  const qi = (t: Table): QI => ({ schema: t.schema, name: t.name });
  const same = (a: QI, b: QI) => a.schema === b.schema && a.name === b.name;

  const m2oRels: Extract<Relationship, { kind: 'fk' }>[] = [];
  for (const c of constraintRows) {
    if (c.type !== 'f' || c.is_partition) continue;
    const cols = JSON.parse(c.cols) as string[];
    const fcols = JSON.parse(c.fcols ?? '[]') as string[];
    const oneToOne = isUnique(c.rel, cols);
    for (const origin of carriers(c.rel, cols)) {
      for (const target of carriers(c.frel, fcols)) {
        const pairs = origin.cols.map((oc, i) => [oc, target.cols[i]!] as [string, string]);
        const reverse = pairs.map(([a, b]) => [b, a] as [string, string]);
        const o = qi(origin.table);
        const f = qi(target.table);
        const isSelf = same(o, f);
        const fwd: Extract<Relationship, { kind: 'fk' }> = {
          kind: 'fk',
          table: o,
          foreignTable: f,
          isSelf,
          tableIsView: origin.table.isView,
          foreignTableIsView: target.table.isView,
          card: oneToOne ? { kind: 'O2O', constraint: c.name, columns: pairs, isParent: false } : { kind: 'M2O', constraint: c.name, columns: pairs },
        };
        addRel(fwd);
        if (!origin.table.isView) m2oRels.push(fwd);
        addRel({
          kind: 'fk',
          table: f,
          foreignTable: o,
          isSelf,
          tableIsView: target.table.isView,
          foreignTableIsView: origin.table.isView,
          card: oneToOne ? { kind: 'O2O', constraint: c.name, columns: reverse, isParent: true } : { kind: 'O2M', constraint: c.name, columns: reverse },
        });
      }
    }
  }

  // Many-to-many: a table with two foreign keys whose columns are all part of its primary key.
  const byJunction = new Map<string, Extract<Relationship, { kind: 'fk' }>[]>();
  for (const r of m2oRels) {
    const k = qiKey(r.table.schema, r.table.name);
    const arr = byJunction.get(k) ?? [];
    arr.push(r);
    byJunction.set(k, arr);
  }
  for (const [k, rels] of byJunction) {
    const junction = tables.get(k);
    if (!junction || junction.pk.length === 0) continue;
    const inPk = (r: Extract<Relationship, { kind: 'fk' }>) =>
      r.card.kind !== 'M2M' && r.card.columns.every(([jc]) => junction.pk.includes(jc));
    for (const r1 of rels) {
      for (const r2 of rels) {
        if (r1 === r2 || r1.card.kind === 'M2M' || r2.card.kind === 'M2M') continue;
        if (r1.card.constraint === r2.card.constraint) continue;
        if (same(r1.foreignTable, r2.foreignTable)) continue;
        if (!inPk(r1) || !inPk(r2)) continue;
        addRel({
          kind: 'fk',
          table: r1.foreignTable,
          foreignTable: r2.foreignTable,
          isSelf: false,
          tableIsView: r1.foreignTableIsView,
          foreignTableIsView: r2.foreignTableIsView,
          card: {
            kind: 'M2M',
            junction: r1.table,
            constraint1: r1.card.constraint,
            constraint2: r2.card.constraint,
            sourceColumns: r1.card.columns.map(([jc, oc]) => [oc, jc] as [string, string]),
            targetColumns: r2.card.columns.map(([jc, tc]) => [tc, jc] as [string, string]),
          },
        });
      }
    }
  }

  // Functions -----------------------------------------------------------------------------------
  const typeRel = new Map(typeRows.map((t) => [t.oid, t.relid]));
  const routines = new Map<string, Routine[]>();
  for (const r of routineRows) {
    const modes = r.argmodes.length ? r.argmodes : r.argtypes.map(() => 'i');
    const inputs: { name: string; type: string; variadic: boolean; typeOid: string }[] = [];
    let hasOut = false;
    modes.forEach((m, i) => {
      if (m === 'i' || m === 'b' || m === 'v') {
        inputs.push({ name: r.argnames[i] ?? '', type: r.argtypes[i] ?? 'text', variadic: m === 'v', typeOid: r.argtypeoids[i] ?? '' });
      }
      if (m === 'o' || m === 'b' || m === 't') hasOut = true;
    });
    const firstOptional = inputs.length - r.ndefaults;
    const params: RoutineParam[] = inputs.map((p, i) => ({ name: p.name, type: p.type, required: i < firstOptional, variadic: p.variadic }));
    let returns: Routine['returns'];
    let tableName: string | undefined;
    if (r.rettype === 'void' && r.rettyptype === 'p') returns = 'void';
    else if (r.rettyptype === 'c') {
      returns = 'composite';
      if (['r', 'v', 'm', 'f', 'p'].includes(r.retrelkind) && r.retrelschema === r.schema) tableName = r.retrelname;
    } else if (r.rettype === 'record' && (hasOut || r.setof)) returns = 'composite';
    else returns = 'scalar';
    const routine: Routine = {
      schema: r.schema,
      name: r.name,
      params,
      returns,
      setof: r.setof,
      tableName,
      volatility: r.volatility as Routine['volatility'],
      settings: parseSettings(r.config),
      description: r.description ?? undefined,
    };
    // Functions PostgREST does not expose are left out of the RPC map; they can still be
    // computed relationships below.
    if (isCallable(params, r.argnames.length === 0)) {
      const k = qiKey(r.schema, r.name);
      const arr = routines.get(k) ?? [];
      arr.push(routine);
      routines.set(k, arr);
    }

    // Computed relationship: f(table_row) returning rows of another table.
    if (inputs.length === 1 && returns === 'composite' && tableName) {
      const argRel = typeRel.get(inputs[0]!.typeOid);
      const argTable = argRel ? byOid.get(argRel) : undefined;
      const target = tables.get(qiKey(r.schema, tableName));
      if (argTable && target && argTable.schema === r.schema) {
        addRel({
          kind: 'computed',
          fn: { schema: r.schema, name: r.name },
          table: qi(argTable),
          foreignTable: qi(target),
          toOne: !r.setof || r.rows === 1,
          isSelf: same(qi(argTable), qi(target)),
        });
      }
    }
  }

  for (const overloads of routines.values()) overloads.sort(compareRoutines);

  // Role settings and PostgREST's in-database configuration ------------------------------------
  const roleSettings = new Map<string, [string, string][]>();
  const sortedRoles = [...roleRows].sort((a, b) => Number(a.dbspecific) - Number(b.dbspecific));
  for (const r of sortedRoles) {
    const cur = new Map(roleSettings.get(r.role) ?? []);
    for (const [k, v] of parseSettings(r.config)) cur.set(k, v);
    roleSettings.set(r.role, [...cur]);
  }
  const pgrst = new Map<string, string>();
  for (const role of ['postgres', 'authenticator']) {
    for (const [k, v] of roleSettings.get(role) ?? []) if (k.startsWith('pgrst.')) pgrst.set(k.slice(6), v);
  }
  const bool = (v: string | undefined) => v !== undefined && ['true', 'on', '1', 'yes'].includes(v.toLowerCase());
  const maxRowsRaw = pgrst.get('db_max_rows');
  const config: InDbConfig = {
    aggregatesEnabled: bool(pgrst.get('db_aggregates_enabled')),
    planEnabled: bool(pgrst.get('db_plan_enabled')),
    maxRows: maxRowsRaw && /^\d+$/.test(maxRowsRaw) ? Number(maxRowsRaw) : undefined,
  };
  // Only API-role settings are applied per request; pgrst.* is configuration, not a GUC to set.
  for (const [role, settings] of roleSettings) roleSettings.set(role, settings.filter(([k]) => !k.startsWith('pgrst.')));

  return {
    tables,
    relationships,
    routines,
    roleSettings,
    timezones: timezoneCache,
    config,
    hasGeoJson: Number(geo?.n ?? 0) > 0,
  };
}
