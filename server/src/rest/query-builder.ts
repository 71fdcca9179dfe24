/**
 * SQL for a plan (PostgREST's Query/QueryBuilder and Statements): the read tree as lateral joins,
 * the mutation or function call it reads from, the main statement around them, and the
 * set_config statement before it. Identifiers are quoted and values bound as parameters.
 */
import type { AggregateFunction, JsonOperation } from './query-params.ts';
import type { CallPlan } from './plan/call.ts';
import type { JsonBody, MutatePlan, TypedColumn } from './plan/mutate.ts';
import { type CField, type CFilter, type CLogic, type COrder, type CSelect, type ColumnRef, type ReadNode, SOURCE_CTE, nodeRel } from './plan/read.ts';
import { type RowRange, isAllRange, rangeLimit } from './range.ts';
import type { Routine, RoutineParam } from './schema-cache.ts';
import { Params, arrayLiteral, ident, qualified, safeCast } from './sql.ts';

export function fmtJsonPath(params: Params, path: JsonOperation[]): string {
  return path.map((j) => `${j.arrow}${j.index ? `${params.add(j.key)}::int` : params.add(j.key)}`).join('');
}

export function fmtColumn(ref: string, name: string): string {
  return name === '*' ? `${ref}.*` : `${ref}.${ident(name)}`;
}

export function fmtField(params: Params, ref: string, f: CField): string {
  let out: string;
  if (f.fullRow) out = ref;
  else if (f.jsonPath.length === 0) out = fmtColumn(ref, f.name);
  else if (f.toJson) out = `to_jsonb(${fmtColumn(ref, f.name)})${fmtJsonPath(params, f.jsonPath)}`;
  else out = `${fmtColumn(ref, f.name)}${fmtJsonPath(params, f.jsonPath)}`;
  if (f.toTsVector) out = `to_tsvector(${f.toTsVector.lang !== undefined ? `${params.add(f.toTsVector.lang)}, ` : ''}${out})`;
  return out;
}

const applyCast = (cast: string | undefined, sql: string) => (cast === undefined ? sql : `CAST( ${sql} AS ${safeCast(cast)} )`);
const applyAgg = (agg: AggregateFunction | undefined, cast: string | undefined, sql: string) =>
  agg === undefined ? sql : applyCast(cast, `${agg.toUpperCase()}(${sql})`);
const fmtAs = (alias: string | undefined) => (alias === undefined ? '' : ` AS ${ident(alias)}`);

function fmtSelectItem(params: Params, ref: string, s: CSelect): string {
  const inner = s.aggregate === 'count' && s.field.name === '*' && !s.field.fullRow ? '*' : fmtField(params, ref, s.field);
  return applyAgg(s.aggregate, s.aggregateCast, applyCast(s.cast, inner)) + fmtAs(s.alias);
}

const SIMPLE_SQL: Record<string, string> = { neq: '<>', cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-' };
const QUANT_SQL: Record<string, string> = { eq: '=', gte: '>=', gt: '>', lte: '<=', lt: '<', like: 'like', ilike: 'ilike', match: '~', imatch: '~*' };
const FTS_SQL: Record<string, string> = { fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' };

export function fmtFilter(params: Params, ref: string, f: CFilter): string {
  if (f.kind === 'nullEmbed') return `${ident(f.aggAlias)} IS ${f.negated ? '' : 'NOT '}DISTINCT FROM NULL`;
  const field = fmtField(params, ref, f.field);
  const not = f.expr.negated ? 'NOT ' : '';
  const op = f.expr.operation;
  switch (op.kind) {
    case 'simple':
      return `${not}${field} ${SIMPLE_SQL[op.op]} ${params.add(op.value)}`;
    case 'quant': {
      const value = op.op === 'like' || op.op === 'ilike' ? op.value.replace(/\*/g, '%') : op.value;
      const p = params.add(value);
      const rhs = op.quantifier === 'any' ? `ANY(${p})` : op.quantifier === 'all' ? `ALL(${p})` : p;
      return `${not}${field} ${QUANT_SQL[op.op]} ${rhs}`;
    }
    case 'is':
      return `${not}${field} IS ${{ null: 'NULL', not_null: 'NOT NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' }[op.value]}`;
    case 'isdistinct':
      return `${not}${field} IS DISTINCT FROM ${params.add(op.value)}`;
    case 'in':
      if (op.values.length === 1 && op.values[0] === '') return `${not}${field} = ANY('{}')`;
      return `${not}${field} = ANY (${params.add(arrayLiteral(op.values))})`;
    case 'fts':
      return `${not}${field} @@ ${FTS_SQL[op.op]}(${op.language !== undefined ? `${params.add(op.language)}, ` : ''}${params.add(op.value)})`;
  }
}

export function fmtLogic(params: Params, ref: string, l: CLogic): string {
  if (l.type === 'stmt') return fmtFilter(params, ref, l.filter);
  return `${l.negated ? 'NOT ' : ''}(${l.children.map((c) => fmtLogic(params, ref, c)).join(l.op === 'and' ? ' AND ' : ' OR ')})`;
}

function fmtOrder(params: Params, ref: string, terms: COrder[]): string {
  if (!terms.length) return '';
  return ` ORDER BY ${terms
    .map((t) => {
      const f =
        t.type === 'relation'
          ? fmtField(params, ident(t.relation), { name: t.field.name, jsonPath: t.field.jsonPath, toJson: false, irType: '', fullRow: false })
          : fmtField(params, ref, t.field);
      return `${f}${t.direction ? ` ${t.direction.toUpperCase()}` : ''}${t.nulls ? ` NULLS ${t.nulls.toUpperCase()}` : ''}`;
    })
    .join(', ')}`;
}

export function fmtRange(params: Params, r: RowRange): string {
  if (isAllRange(r)) return '';
  const limit = rangeLimit(r);
  return ` LIMIT ${limit === undefined ? 'ALL' : params.add(String(limit))} OFFSET ${params.add(String(r.lower))}`;
}

const fmtRel = (r: { schema: string; name: string }) => qualified(r.schema, r.name);
const fmtColumnRef = (c: ColumnRef) => `${fmtRel(c.rel)}.${ident(c.column)}`;
const fmtJoin = (node: ReadNode) => node.joinConds.map((j) => `${fmtColumnRef(j.left)} = ${fmtColumnRef(j.right)}`);

function fromClause(node: ReadNode, schema: string): string {
  let from: string;
  const rel = node.rel;
  if (rel?.kind === 'computed') {
    from = `${qualified(rel.fn.schema, rel.fn.name)}(${ident(node.parentRef ?? rel.table.name)}::${qualified(rel.table.schema, rel.table.name)})`;
  } else from = qualified(node.from.schema, node.from.name);
  if (node.fromAlias !== undefined) from += ` AS ${ident(node.fromAlias)}`;
  if (rel?.kind === 'fk' && rel.card.kind === 'M2M') from += `, ${qualified(schema, rel.card.junction.name)}`;
  return ` FROM ${from}`;
}

function groupBy(params: Params, ref: string, node: ReadNode): string {
  const anyAgg = node.select.some((s) => s.aggregate) || node.relSelect.some((r) => r.kind === 'spread' && r.fields.some((f) => f.aggregate));
  if (!anyAgg) return '';
  const terms: string[] = [];
  for (const s of node.select) {
    if (s.aggregate) continue;
    terms.push(s.alias !== undefined ? ident(s.alias) : fmtField(params, ref, s.field));
  }
  for (const r of node.relSelect) {
    if (r.kind === 'embed') {
      if (!r.empty) terms.push(ident(r.name));
    } else for (const f of r.fields) if (!f.aggregate) terms.push(`${ident(r.aggAlias)}.${ident(f.alias ?? f.name)}`);
  }
  return terms.length ? ` GROUP BY ${terms.join(', ')}` : '';
}

/** The SELECT for a node and, through lateral joins, all its embeds. */
export function readPlanToQuery(params: Params, node: ReadNode, schema: string): string {
  const ref = fmtRel(nodeRel(node));
  const sel = node.select.length === 0 && node.children.length === 0 ? [`${ref}.*`] : node.select.map((s) => fmtSelectItem(params, ref, s));
  const joinSelects: string[] = [];
  const joins: string[] = [];
  for (const r of node.relSelect) {
    const child = node.children.find((c) => c.aggAlias === r.aggAlias)!;
    const agg = ident(r.aggAlias);
    const sub = readPlanToQuery(params, child, schema);
    const joinKw = child.joinType === 'inner' ? 'INNER' : 'LEFT';
    if (r.kind === 'embed') {
      if (r.toOne) {
        if (!r.empty) joinSelects.push(`row_to_json(${agg}.*)::jsonb AS ${ident(r.name)}`);
        joins.push(` ${joinKw} JOIN LATERAL ( ${sub} ) AS ${agg} ON TRUE`);
      } else {
        if (!r.empty) joinSelects.push(`COALESCE( ${agg}.${agg}, '[]') AS ${ident(r.name)}`);
        joins.push(
          ` ${joinKw} JOIN LATERAL ( SELECT json_agg(${agg})::jsonb AS ${agg} FROM (${sub} ) AS ${agg} ) AS ${agg} ON ${child.joinType === 'inner' ? `${agg} IS NOT NULL` : 'TRUE'}`,
        );
      }
    } else if (r.toOne) {
      for (const f of r.fields) joinSelects.push(applyAgg(f.aggregate, f.aggregateCast, `${agg}.${ident(f.name)}`) + fmtAs(f.alias));
      joins.push(` ${joinKw} JOIN LATERAL ( ${sub} ) AS ${agg} ON TRUE`);
    } else {
      // A to-many spread turns each spread column into an array, correlated by row order.
      for (const f of r.fields) joinSelects.push(`COALESCE(${agg}.${ident(f.name)}, '[]') AS ${ident(f.name)}`);
      const aggs = r.fields.map((f) => `json_agg(${agg}.${ident(f.name)})::jsonb AS ${ident(f.name)}`);
      joins.push(
        ` ${joinKw} JOIN LATERAL ( SELECT ${aggs.length ? aggs.join(', ') : 'NULL'} FROM (${sub} ) AS ${agg} HAVING ${child.joinType === 'inner' ? 'count(*) > 0' : 'TRUE'} ) AS ${agg} ON TRUE`,
      );
    }
  }
  const where = [...node.where.map((l) => fmtLogic(params, ref, l)), ...fmtJoin(node)];
  return (
    `SELECT ${[...sel, ...joinSelects].join(', ')}` +
    fromClause(node, schema) +
    joins.join('') +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    groupBy(params, ref, node) +
    fmtOrder(params, ref, node.order) +
    fmtRange(params, node.range)
  );
}

/** The root's rows without LIMIT/OFFSET (and with EXISTS for inner joins), for counting. */
export function readPlanToCountQuery(params: Params, node: ReadNode, schema: string): string {
  const ref = fmtRel(nodeRel(node));
  const fmtCountLogic = (l: CLogic): string => {
    if (l.type === 'expr') return `${l.negated ? 'NOT ' : ''}(${l.children.map(fmtCountLogic).join(l.op === 'and' ? ' AND ' : ' OR ')})`;
    const f = l.filter;
    if (f.kind === 'nullEmbed') {
      const child = node.children.find((c) => c.aggAlias === f.aggAlias);
      return child ? `${f.negated ? '' : 'NOT '}EXISTS (${readPlanToCountQuery(params, child, schema)})` : 'TRUE';
    }
    return fmtFilter(params, ref, f);
  };
  const conds = [
    ...node.where.map(fmtCountLogic),
    ...fmtJoin(node),
    ...node.children.filter((c) => c.joinType === 'inner').map((c) => `EXISTS (${readPlanToCountQuery(params, c, schema)} )`),
  ];
  return `SELECT 1${fromClause(node, schema)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Mutations and calls

/** The JSON body columns of a mutation: `json_to_record(set)`, with column defaults when asked. */
function fromJsonBody(params: Params, body: JsonBody, cols: TypedColumn[], includeSelect: boolean, limitOne: boolean, applyDefaults: boolean): string {
  const { raw, isObject } = body;
  const jsonParam = `${params.add(raw)}::${applyDefaults ? 'jsonb' : 'json'}`;
  const named = cols.map((c) => `"pgrst_body".${ident(c.name)}`).join(', ');
  const parsed = cols.map((c) => ident(c.name)).join(', ');
  const typed = cols.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  const defaults = () =>
    `jsonb_build_object(${cols
      .filter((c) => c.default !== null)
      .map((c) => `${params.add(c.name)}::text, ${c.default}`)
      .join(', ')})`;
  const finalBody = applyDefaults ? 'pgrst_json_defs.val' : 'pgrst_payload.json_data';
  const toRecord = applyDefaults ? (isObject ? 'jsonb_to_record' : 'jsonb_to_recordset') : isObject ? 'json_to_record' : 'json_to_recordset';
  const elements = applyDefaults ? 'jsonb_array_elements' : 'json_array_elements';
  let out = includeSelect ? `SELECT ${named} ` : '';
  out += `FROM (SELECT ${jsonParam} AS json_data) pgrst_payload, `;
  if (applyDefaults) {
    out += isObject
      ? `LATERAL (SELECT ${defaults()} || pgrst_payload.json_data AS val) pgrst_json_defs, `
      : `LATERAL (SELECT jsonb_agg(${defaults()} || elem) AS val from jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, `;
  }
  out += `LATERAL (SELECT ${parsed} FROM `;
  if (cols.length === 0) out += isObject ? '(values(1)) _ ' : `${elements}(${finalBody}) _ `;
  else out += `${toRecord}(${finalBody}) AS _(${typed}) ${limitOne ? 'LIMIT 1' : ''}`;
  out += ') pgrst_body ';
  return out;
}

/** ORDER BY for a limited update or delete (field terms only). */
function mutationOrder(params: Params, ref: string, terms: COrder[]): string {
  return fmtOrder(
    params,
    ref,
    terms.filter((t) => t.type === 'field'),
  );
}

function mutationLimit(params: Params, range: RowRange): string {
  const limit = rangeLimit(range);
  return `${limit === undefined ? '' : ` LIMIT ${params.add(String(limit))}`} OFFSET ${params.add(String(range.lower))}`;
}

/** The upsert counter: `pgrst.inserted` goes up for each row inserted and down for each updated. */
const insertedCounter = (add: boolean) =>
  `set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) ${add ? '+' : '-'} 1)::text, true) <> '${add ? '0' : '-1'}'`;

/** INSERT / UPDATE / DELETE … RETURNING for a mutation plan. */
export function mutateQuery(params: Params, plan: MutatePlan): string {
  const mainQi = qualified(plan.table.schema, plan.table.name);
  const returning =
    plan.returning.length === 0 ? 'RETURNING 1' : `RETURNING ${plan.returning.map((c) => (c === '*' ? `${mainQi}.*` : `${mainQi}.${ident(c)}`)).join(', ')}`;
  const whereOf = (where: CLogic[]) => where.map((l) => fmtLogic(params, mainQi, l));

  if (plan.kind === 'insert') {
    const cols = plan.columns;
    const putConditions = plan.putConditions.map((l) => fmtLogic(params, '"pgrst_body"', l));
    let sql =
      `INSERT INTO ${mainQi}${cols.length ? `(${cols.map((c) => ident(c.name)).join(', ')})` : ''} ` +
      fromJsonBody(params, plan.body, cols, true, false, plan.applyDefaults) +
      (putConditions.length ? `WHERE ${insertedCounter(true)} AND ${putConditions.join(' AND ')}` : plan.countInserted ? `WHERE ${insertedCounter(true)}` : '');
    const conflict = plan.onConflict;
    if (conflict && conflict.columns.length) {
      sql += ` ON CONFLICT(${conflict.columns.map(ident).join(', ')}) `;
      if (conflict.resolution === 'ignore-duplicates' || cols.length === 0) sql += 'DO NOTHING';
      else {
        sql += `DO UPDATE SET ${cols.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`).join(', ')}`;
        if (plan.countInserted) sql += ` WHERE ${insertedCounter(false)}`;
      }
    }
    return `${sql} ${returning}`;
  }

  const where = whereOf(plan.where);
  const limited = !isAllRange(plan.range) || plan.order.length > 0;
  const affectedRows = () =>
    `pgrst_affected_rows AS (SELECT ${mainQi}.ctid FROM ${mainQi}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${mutationOrder(params, mainQi, plan.order)}${mutationLimit(params, plan.range)}) `;
  if (plan.kind === 'update') {
    const cols = plan.columns;
    if (cols.length === 0) {
      const name = ident(plan.table.name);
      const cs = plan.returning.length === 0 ? 'NULL' : plan.returning.map((c) => (c === '*' ? `${name}.*` : `${name}.${ident(c)}`)).join(', ');
      return `SELECT ${cs} FROM ${mainQi} WHERE false`;
    }
    if (!limited) {
      return (
        `UPDATE ${mainQi} SET ${cols.map((c) => `${ident(c.name)} = "pgrst_body".${ident(c.name)}`).join(', ')} ` +
        fromJsonBody(params, plan.body, cols, false, false, plan.applyDefaults) +
        (where.length ? `WHERE ${where.join(' AND ')} ` : '') +
        returning
      );
    }
    const body = fromJsonBody(params, plan.body, cols, true, true, plan.applyDefaults);
    return (
      `WITH pgrst_update_body AS (${body}), ` +
      affectedRows() +
      `UPDATE ${mainQi} SET ${cols.map((c) => `${ident(c.name)} = (SELECT ${ident(c.name)} FROM pgrst_update_body)`).join(', ')} ` +
      `FROM pgrst_affected_rows WHERE ${mainQi}.ctid = pgrst_affected_rows.ctid ${returning}`
    );
  }
  if (!limited) return `DELETE FROM ${mainQi} ${where.length ? `WHERE ${where.join(' AND ')} ` : ''}${returning}`;
  return `WITH ${affectedRows()}DELETE FROM ${mainQi} USING pgrst_affected_rows WHERE ${mainQi}.ctid = pgrst_affected_rows.ctid ${returning}`;
}

const isScalar = (r: Routine) => r.returns === 'scalar' || r.returns === 'void';

/** `SELECT … FROM fn(args)` for a call plan; scalar results become the column `pgrst_scalar`. */
export function callQuery(params: Params, plan: CallPlan): string {
  const { routine, args } = plan;
  const fn = qualified(routine.schema, routine.name);
  const scalar = isScalar(routine);
  const callIt = (a: string) => (scalar ? `(SELECT ${fn}(${a}) pgrst_scalar) pgrst_call` : `${fn}(${a}) pgrst_call`);
  // Every column of the result stays available so filters and orders may use unselected ones.
  const select = scalar ? 'pgrst_call.pgrst_scalar' : '"pgrst_call".*';
  const named = (p: RoutineParam, value: string) => `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := ${value}`;
  switch (args.kind) {
    case 'values':
      return `SELECT ${select} FROM ${callIt(args.values.map(({ param, value }) => named(param, `${params.add(value)}::${param.type}`)).join(', '))}`;
    case 'single':
      return `SELECT ${select} FROM ${callIt(`${params.add(args.value)}::${args.param.type}`)}`;
    case 'none':
      return `SELECT ${select} FROM ${callIt('')}`;
    case 'json': {
      const body = fromJsonBody(
        params,
        args.body,
        args.params.map((p) => ({ name: p.name, type: p.type, default: null })),
        false,
        true,
        false,
      );
      return `SELECT ${select} ${body}, LATERAL ${callIt(args.params.map((p) => named(p, `pgrst_body.${ident(p.name)}`)).join(', '))}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The main statement: one row with the counts, the body and the response GUCs

/** How the rows become the response body. */
export type BodyShape =
  | { kind: 'json'; strip: boolean }
  | { kind: 'single'; strip: boolean }
  | { kind: 'csv' }
  | { kind: 'geojson' }
  | { kind: 'none' };

export interface Explain {
  format: 'json' | 'text';
  options: string[];
}

export interface MainStatement {
  sql: string;
  params: (string | null)[];
  /** The statement is an EXPLAIN: its rows are the plan, not the result. */
  explain: boolean;
  /** EXPLAIN of the count query, for `count=planned` and large `count=estimated`. */
  countSql?: { sql: string; params: (string | null)[] } | undefined;
}

function bodyExpression(h: BodyShape, routine: Routine | undefined): string {
  const scalar = routine !== undefined && isScalar(routine);
  const singleComposite = routine !== undefined && routine.returns === 'composite' && !routine.setof;
  const strip = (s: string, on: boolean) => (on ? `json_strip_nulls(${s})` : s);
  switch (h.kind) {
    case 'none':
      return "''::text";
    case 'csv':
      return (
        "(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text as k FROM ( SELECT row_to_json(hh) as r from pgrst_source as hh limit 1) s) a)" +
        " || '\n' || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'), '')"
      );
    case 'geojson':
      return "json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(_postgrest_t)::json), '[]'))::text";
    case 'single':
      return scalar
        ? `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)->0', h.strip)}, 'null')::text`
        : `coalesce(${strip('json_agg(_postgrest_t)->0', h.strip)}, 'null')::text`;
    case 'json':
      if (singleComposite) return `coalesce(${strip('json_agg(_postgrest_t)->0', h.strip)}, 'null')::text`;
      if (scalar && !routine.setof) return `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)->0', h.strip)}, 'null')::text`;
      if (scalar) return `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)', h.strip)}, '[]')::text`;
      return `coalesce(${strip('json_agg(_postgrest_t)', h.strip)}, '[]')::text`;
  }
}

const GUC_COLUMNS =
  "nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status";

function explainWrap(explain: Explain | undefined, sql: string): string {
  if (!explain) return sql;
  const opts = [`FORMAT ${explain.format.toUpperCase()}`, ...explain.options.map((o) => o.toUpperCase())];
  return `EXPLAIN (${opts.join(', ')}) ${sql}`;
}

const statement = (explain: Explain | undefined, sql: string, params: Params, countSql?: MainStatement['countSql']): MainStatement => ({
  sql: explainWrap(explain, sql),
  params: params.values,
  explain: explain !== undefined,
  countSql,
});

type CountMode = 'exact' | 'planned' | 'estimated' | undefined;

/** EXPLAIN of the count query, for planned and estimated counts. */
function plannedCount(mode: CountMode, read: ReadNode, schema: string): MainStatement['countSql'] {
  if (mode !== 'planned' && mode !== 'estimated') return undefined;
  const cp = new Params();
  return { sql: `EXPLAIN (FORMAT JSON) ${readPlanToCountQuery(cp, read, schema)}`, params: cp.values };
}

export function readStatement(read: ReadNode, schema: string, shape: BodyShape, explain: Explain | undefined, count: CountMode, maxRows: number | undefined): MainStatement {
  const params = new Params();
  const q = readPlanToQuery(params, read, schema);
  let countCte = '';
  let countResult = 'null::bigint';
  if (count === 'exact' || count === 'estimated') {
    const cq = readPlanToCountQuery(params, read, schema);
    countCte = `, pgrst_source_count AS (${cq}${count === 'estimated' && maxRows !== undefined ? ` LIMIT ${maxRows + 1}` : ''})`;
    countResult = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
  }
  return statement(
    explain,
    `WITH ${SOURCE_CTE} AS ( ${q} )${countCte} SELECT ${countResult} AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ${bodyExpression(shape, undefined)} AS body, ${GUC_COLUMNS} FROM ( SELECT * FROM ${SOURCE_CTE} ) _postgrest_t`,
    params,
    plannedCount(count, read, schema),
  );
}

export function mutateStatement(plan: MutatePlan, read: ReadNode, schema: string, shape: BodyShape, explain: Explain | undefined): MainStatement {
  const params = new Params();
  const mutation = mutateQuery(params, plan);
  const selectSql = shape.kind === 'none' ? `SELECT * FROM ${SOURCE_CTE}` : readPlanToQuery(params, read, schema);
  const keys = plan.kind === 'insert' ? plan.locationKeys : undefined;
  const locationSql = keys
    ? `CASE WHEN pg_catalog.count(_postgrest_t) = 1 THEN (WITH data AS (SELECT row_to_json(_) AS row FROM ${SOURCE_CTE} AS _ LIMIT 1) SELECT json_agg(json_build_array(json_data.key, coalesce('eq.' || json_data.value, 'is.null')))::text FROM data CROSS JOIN json_each_text(data.row) AS json_data WHERE json_data.key = ANY(${params.add(arrayLiteral(keys))}::text[])) END`
    : 'NULL::text';
  const insertedSql = plan.kind === 'insert' && plan.countInserted ? "nullif(current_setting('pgrst.inserted', true),'')::int8" : 'NULL::int8';
  return statement(
    explain,
    `WITH ${SOURCE_CTE} AS (${mutation}) SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ${locationSql} AS location, ${bodyExpression(shape, undefined)} AS body, ${GUC_COLUMNS}, ${insertedSql} AS response_inserted FROM (${selectSql}) _postgrest_t`,
    params,
  );
}

export function callStatement(plan: CallPlan, read: ReadNode, schema: string, shape: BodyShape, explain: Explain | undefined, count: CountMode): MainStatement {
  const params = new Params();
  const call = callQuery(params, plan);
  const readQuery = readPlanToQuery(params, read, schema);
  let countCte = '';
  let countResult = 'null::bigint';
  if (count === 'exact' || count === 'estimated') {
    countCte = `, pgrst_source_count AS (${readPlanToCountQuery(params, read, schema)})`;
    countResult = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
  }
  const single = !plan.routine.setof;
  return statement(
    explain,
    `WITH ${SOURCE_CTE} AS (${call})${countCte} SELECT ${countResult} AS total_result_set, ${single ? '1' : 'pg_catalog.count(_postgrest_t)'} AS page_total, ${bodyExpression(shape, plan.routine)} AS body, ${GUC_COLUMNS} FROM (${readQuery}) _postgrest_t`,
    params,
  );
}

// ---------------------------------------------------------------------------------------------
// Before the main statement: role, claims and request GUCs (PostgREST's PreQuery)

export interface PreQueryInput {
  searchPath: string[];
  roleSettings: [string, string][];
  role: string;
  claims: Record<string, unknown>;
  method: string;
  path: string;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  timezone: string | undefined;
  fnSettings: [string, string][];
}

/** One `select set_config(…), …` with every transaction-local setting of the request. */
export function preQuery(input: PreQueryInput): { sql: string; params: string[] } {
  const params: string[] = [];
  const p = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts = [`set_config('search_path', ${p(input.searchPath.map(ident).join(', '))}, true)`];
  for (const [k, v] of input.roleSettings) parts.push(`set_config(${p(k)}, ${p(v)}, true)`);
  parts.push(`set_config('role', ${p(input.role)}, true)`);
  parts.push(`set_config('request.jwt.claims', ${p(JSON.stringify(input.claims))}, true)`);
  parts.push(`set_config('request.method', ${p(input.method)}, true)`);
  parts.push(`set_config('request.path', ${p(input.path)}, true)`);
  parts.push(`set_config('request.headers', ${p(JSON.stringify(input.headers))}, true)`);
  parts.push(`set_config('request.cookies', ${p(JSON.stringify(input.cookies))}, true)`);
  if (input.timezone) parts.push(`set_config('timezone', ${p(input.timezone)}, true)`);
  for (const [k, v] of input.fnSettings) parts.push(`set_config(${p(k)}, ${p(v)}, true)`);
  return { sql: `select ${parts.join(', ')}`, params };
}
