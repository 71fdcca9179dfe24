/**
 * Plans and runs one API request: the mutation/call SQL around the read plan, the single
 * per-request transaction (one set_config statement, one main statement), and PostgREST's
 * response status, headers and body rules.
 */
import type { ServerConfig } from '../config.ts';
import type { Database } from '../db/types.ts';
import type { ApiResponse } from '../http/types.ts';
import { ApiError, errors } from './errors.ts';
import { fuzzyBest, fuzzyMatches } from './fuzzy.ts';
import { type MediaType, contentType, preferenceApplied, toMime } from './negotiation.ts';
import type { OpExpr, OrderTerm } from './query-params.ts';
import { SOURCE_CTE, buildReadPlan, resolveField, returningColumns } from './plan/read.ts';
import { fmtField, fmtLogic, readPlanToCountQuery, readPlanToQuery } from './query-builder.ts';
import { type RowRange, contentRange, rangeNotSatisfiable, rangeStatus } from './range.ts';
import type { ApiRequest } from './api-request.ts';
import { type Routine, type SchemaCache, type Table, qiKey } from './schema-cache.ts';
import { Params, ident, qualified } from './sql.ts';

export interface AuthInfo {
  role: string;
  claims: Record<string, unknown>;
}

export interface EngineContext {
  db: Database;
  cache: SchemaCache;
  config: ServerConfig;
}

type Handler =
  | { kind: 'json'; strip: boolean }
  | { kind: 'single'; strip: boolean }
  | { kind: 'csv' }
  | { kind: 'geojson' }
  | { kind: 'none' };

interface Negotiated {
  handler: Handler;
  media: MediaType;
  plan: Extract<MediaType, { kind: 'plan' }> | undefined;
}

class RollbackWith<T> {
  constructor(readonly value: T) {}
}

interface MainRow {
  total_result_set: string | number | null;
  page_total: string | number;
  body: string | null;
  response_headers: string | null;
  response_status: string | null;
  location?: string | null;
  response_inserted?: string | number | null;
}

interface Outcome {
  row: MainRow;
  tableTotal: number | undefined;
  plan: string | undefined;
}

// ---------------------------------------------------------------------------------------------

function tableNotFound(cache: SchemaCache, schema: string, name: string): ApiError {
  const candidates = [...cache.tables.values()].filter((t) => t.schema === schema).map((t) => t.name);
  const best = fuzzyBest(candidates, name, 0.75);
  return new ApiError(404, 'PGRST205', `Could not find the table '${schema}.${name}' in the schema cache`, null, best ? `Perhaps you meant the table '${schema}.${best}'` : null);
}

function negotiate(ctx: EngineContext, req: ApiRequest): Negotiated {
  const handlerFor = (mt: MediaType): { handler: Handler; media: MediaType } | undefined => {
    switch (mt.kind) {
      case 'object':
        return { handler: { kind: 'single', strip: mt.strip }, media: mt };
      case 'array-strip':
        return { handler: { kind: 'json', strip: true }, media: mt };
      case 'json':
      case 'any':
        return { handler: { kind: 'json', strip: false }, media: { kind: 'json' } };
      case 'csv':
        return { handler: { kind: 'csv' }, media: mt };
      case 'geojson':
        return ctx.cache.hasGeoJson ? { handler: { kind: 'geojson' }, media: mt } : undefined;
      default:
        return undefined;
    }
  };
  for (const mt of req.accept) {
    let found: Negotiated | undefined;
    if (mt.kind === 'plan') {
      if (!ctx.cache.config.planEnabled) continue;
      const inner = handlerFor(mt.for);
      if (inner) found = { handler: inner.handler, media: mt, plan: mt };
    } else {
      const h = handlerFor(mt);
      if (h) found = { ...h, plan: undefined };
    }
    if (!found) continue;
    const isMutation = req.action === 'create' || req.action === 'update' || req.action === 'delete' || req.action === 'upsert';
    if (isMutation && req.prefs.representation !== 'representation') found.handler = { kind: 'none' };
    if (req.headersOnly) found.handler = { kind: 'none' };
    return found;
  }
  throw errors.mediaType(req.accept.map(toMime));
}

function checkStrictPrefs(req: ApiRequest): void {
  if (req.prefs.handling === 'strict' && req.prefs.invalid.length) throw errors.invalidPreferences(req.prefs.invalid);
}

function bodyExpression(h: Handler, routine: Routine | undefined): string {
  const scalar = routine !== undefined && (routine.returns === 'scalar' || routine.returns === 'void');
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

function explainWrap(plan: Negotiated['plan'], sql: string): string {
  if (!plan) return sql;
  const opts = [`FORMAT ${plan.format.toUpperCase()}`, ...plan.options.map((o) => o.toUpperCase())];
  return `EXPLAIN (${opts.join(', ')}) ${sql}`;
}

/** The JSON body columns of a mutation: `json_to_record(set)`, with column defaults when asked. */
function fromJsonBody(
  params: Params,
  raw: string,
  cols: { name: string; type: string; default: string | null }[],
  isObject: boolean,
  includeSelect: boolean,
  limitOne: boolean,
  applyDefaults: boolean,
): string {
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

function setConfigStatement(
  ctx: EngineContext,
  req: ApiRequest,
  auth: AuthInfo,
  fnSettings: [string, string][],
): { sql: string; params: string[] } {
  const params: string[] = [];
  const p = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };
  const searchPath = [req.schema, ...ctx.config.extraSearchPath].map(ident).join(', ');
  const parts = [`set_config('search_path', ${p(searchPath)}, true)`];
  for (const [k, v] of ctx.cache.roleSettings.get(auth.role) ?? []) parts.push(`set_config(${p(k)}, ${p(v)}, true)`);
  parts.push(`set_config('role', ${p(auth.role)}, true)`);
  parts.push(`set_config('request.jwt.claims', ${p(JSON.stringify(auth.claims))}, true)`);
  parts.push(`set_config('request.method', ${p(req.method)}, true)`);
  parts.push(`set_config('request.path', ${p(req.path)}, true)`);
  parts.push(`set_config('request.headers', ${p(JSON.stringify(req.headers))}, true)`);
  parts.push(`set_config('request.cookies', ${p(JSON.stringify(req.cookies))}, true)`);
  if (req.prefs.timezone) parts.push(`set_config('timezone', ${p(req.prefs.timezone)}, true)`);
  for (const [k, v] of fnSettings) parts.push(`set_config(${p(k)}, ${p(v)}, true)`);
  return { sql: `select ${parts.join(', ')}`, params };
}

function planRows(value: unknown): number | undefined {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  const rows = (v as { Plan?: { 'Plan Rows'?: number } }[] | undefined)?.[0]?.Plan?.['Plan Rows'];
  return typeof rows === 'number' ? rows : undefined;
}

function mediaHeaders(req: ApiRequest, media: MediaType): Record<string, string> {
  const out: Record<string, string> = { 'content-type': contentType(media) };
  if (req.negotiatedByProfile) out['content-profile'] = req.schema;
  return out;
}

/** `response.status` / `response.headers` set by the query override PostgREST's own. */
function applyGucOverrides(row: MainRow, status: number, headers: Record<string, string>): { status: number; headers: Record<string, string> } {
  let outStatus = status;
  const out = { ...headers };
  if (row.response_status !== null && row.response_status !== undefined) {
    const n = Number(row.response_status);
    if (!/^\d+$/.test(String(row.response_status).trim()) || n < 100 || n > 599) {
      throw new ApiError(500, 'PGRST112', 'response.status guc must be a valid status code');
    }
    outStatus = n;
  }
  if (row.response_headers !== null && row.response_headers !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.response_headers);
    } catch {
      parsed = undefined;
    }
    const valid =
      Array.isArray(parsed) &&
      parsed.every((o) => o && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).length === 1 && typeof Object.values(o)[0] === 'string');
    if (!valid) throw new ApiError(500, 'PGRST111', 'response.headers guc must be a JSON array composed of objects with a single key and a string value');
    for (const o of parsed as Record<string, string>[]) {
      const [k, v] = Object.entries(o)[0]!;
      out[k.toLowerCase()] = v;
    }
  }
  return { status: outStatus, headers: out };
}

// ---------------------------------------------------------------------------------------------
// Functions

function findRoutine(cache: SchemaCache, req: ApiRequest, schema: string, name: string, keys: string[], isPost: boolean): Routine {
  const candidates = cache.routines.get(qiKey(schema, name)) ?? [];
  const keySet = new Set(keys);
  const ct = req.contentType.kind;
  const matches: Routine[] = [];
  const fallbacks: Routine[] = [];
  for (const r of candidates) {
    const params = r.params;
    let ok: boolean;
    if (params.length === 0) ok = keySet.size === 0 && !(isPost && ['octet', 'text', 'xml'].includes(ct));
    else {
      const req_ = params.filter((p) => p.required).map((p) => p.name);
      const opt = new Set(params.filter((p) => !p.required).map((p) => p.name));
      const rest = [...keySet].filter((k) => !opt.has(k));
      ok = rest.length === req_.length && req_.every((k) => keySet.has(k));
    }
    if (ok) matches.push(r);
    else if (params.length === 1 && isPost) {
      const t = params[0]!.type;
      const single =
        ((ct === 'json' || ct === 'any') && (t === 'json' || t === 'jsonb') && (params[0]!.name === '' || req.prefs.params === 'single-object')) ||
        (ct === 'text' && t === 'text') ||
        (ct === 'xml' && t === 'xml') ||
        (ct === 'octet' && t === 'bytea');
      if (single) fallbacks.push(r);
    }
  }
  if (matches.length === 1) return matches[0]!;
  const ambiguous = (rs: Routine[]) =>
    new ApiError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${rs.map((r) => `${r.schema}.${r.name}(${r.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`).join(', ')}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    );
  if (matches.length > 1) throw ambiguous(matches);
  if (fallbacks.length === 1) return fallbacks[0]!;
  if (fallbacks.length > 1) throw ambiguous(fallbacks);

  const sorted = [...keySet].sort();
  const onlySingle = isPost && ['text', 'xml', 'octet'].includes(ct);
  const func = `${schema}.${name}`;
  const prms = sorted.join(', ');
  const fmt = (p: string) => (sorted.length === 0 ? ' without parameters' : p);
  const message = `Could not find the function ${func}${onlySingle ? '' : fmt(`(${prms})`)} in the schema cache`;
  const prmsDet = ` with parameter${sorted.length > 1 ? 's' : ''} ${prms}`;
  let detail: string;
  if (isPost && ct === 'text') detail = ' with a single unnamed text parameter';
  else if (isPost && ct === 'xml') detail = ' with a single unnamed xml parameter';
  else if (isPost && ct === 'octet') detail = ' with a single unnamed bytea parameter';
  else if (isPost && (ct === 'json' || ct === 'any')) detail = `${fmt(prmsDet)} or with a single unnamed json/jsonb parameter`;
  else detail = fmt(prmsDet);
  let hint: string | null = null;
  if (!onlySingle) {
    if (candidates.length === 0) {
      const names = [...cache.routines.values()].flat().filter((r) => r.schema === schema).map((r) => r.name);
      const best = fuzzyBest([...new Set(names)], name, 0.75);
      if (best) hint = `Perhaps you meant to call the function ${schema}.${best}`;
    } else {
      const lists = candidates.map((c) => `(${c.params.map((p) => p.name).sort().join(', ')})`);
      const best = fuzzyMatches(lists, `(${prms})`, 0.33)[0]?.[1];
      if (best) hint = `Perhaps you meant to call the function ${schema}.${name}${best}`;
    }
  }
  throw new ApiError(404, 'PGRST202', message, `Searched for the function ${func}${detail}, but no matches were found in the schema cache.`, hint);
}

function callSql(params: Params, routine: Routine, req: ApiRequest, keys: string[], returnings: string[]): string {
  const fn = qualified(routine.schema, routine.name);
  const scalar = routine.returns === 'scalar' || routine.returns === 'void';
  const callIt = (args: string) => (scalar ? `(SELECT ${fn}(${args}) pgrst_scalar) pgrst_call` : `${fn}(${args}) pgrst_call`);
  const select = scalar
    ? 'pgrst_call.pgrst_scalar'
    : returnings.length === 0 || returnings.includes('*')
      ? '"pgrst_call".*'
      : returnings.map((c) => `"pgrst_call".${ident(c)}`).join(', ');
  const specified = routine.params.filter((p) => keys.includes(p.name));
  const positional = routine.params.length === 1 && (routine.params[0]!.name === '' || (req.prefs.params === 'single-object' && !keys.includes(routine.params[0]!.name)));

  if (req.method === 'GET' || req.method === 'HEAD' || req.payload?.kind === 'urlencoded') {
    const args = req.payload?.kind === 'urlencoded' ? req.payload.params : req.qp.rpcArgs;
    const fmt = specified.map((p) => {
      const values = args.filter(([k]) => k === p.name).map(([, v]) => v);
      const value = p.variadic ? `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}` : (values[values.length - 1] ?? null);
      return `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := ${params.add(value)}::${p.type}`;
    });
    return `SELECT ${select} FROM ${callIt(fmt.join(', '))}`;
  }
  const payload = req.payload;
  if (positional && routine.params.length === 1) {
    const p = routine.params[0]!;
    const body = payload?.kind === 'json' ? payload.raw : payload?.kind === 'raw' ? payload.body.toString(p.type === 'bytea' ? 'binary' : 'utf8') : '{}';
    if (p.type === 'bytea' && payload?.kind === 'raw') return `SELECT ${select} FROM ${callIt(`${params.add(`\\x${payload.body.toString('hex')}`)}::bytea`)}`;
    return `SELECT ${select} FROM ${callIt(`${params.add(body)}::${p.type}`)}`;
  }
  if (specified.length === 0) return `SELECT ${select} FROM ${callIt('')}`;
  const raw = payload?.kind === 'json' ? payload.raw : '{}';
  const isObject = payload?.kind === 'json' ? payload.isObject : true;
  const body = fromJsonBody(
    params,
    raw,
    specified.map((p) => ({ name: p.name, type: p.type, default: null })),
    isObject,
    false,
    true,
    false,
  );
  const args = specified.map((p) => `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := pgrst_body.${ident(p.name)}`).join(', ');
  return `SELECT ${select} ${body}, LATERAL ${callIt(args)}`;
}

// ---------------------------------------------------------------------------------------------

export interface Prepared {
  sql: string;
  params: (string | null)[];
  countSql?: { sql: string; params: (string | null)[] } | undefined;
  readOnly: boolean;
  fnSettings: [string, string][];
  respond: (o: Outcome) => ApiResponse;
  /** Checks that abort the transaction (singular object, max-affected, PUT key match). */
  check: (o: Outcome) => void;
}

function planContext(ctx: EngineContext, req: ApiRequest, fromSource: boolean, isMutation: boolean) {
  return {
    cache: ctx.cache,
    schema: req.schema,
    fromSource,
    isMutation,
    maxRows: ctx.cache.config.maxRows ?? ctx.config.maxRows,
    aggregatesEnabled: ctx.cache.config.aggregatesEnabled,
    ranges: req.ranges,
  };
}

function singularCheck(neg: Negotiated) {
  return (o: Outcome) => {
    if (neg.plan) return;
    const n = Number(o.row.page_total);
    if (neg.media.kind === 'object' && n !== 1) throw errors.singularity(n);
  };
}

export function prepare(ctx: EngineContext, req: ApiRequest): Prepared {
  const { cache } = ctx;
  const prefs = req.prefs;

  if (req.resource.kind === 'routine') return prepareCall(ctx, req, req.resource.name);
  if (req.resource.kind === 'schema') throw new Error('the root is answered without the database');

  const tableName = req.resource.name;
  const table = cache.tables.get(qiKey(req.schema, tableName));
  if (!table) throw tableNotFound(cache, req.schema, tableName);

  if (req.action === 'read') {
    const root = buildReadPlan(planContext(ctx, req, false, false), tableName, req.qp, true);
    const neg = negotiate(ctx, req);
    checkStrictPrefs(req);
    const params = new Params();
    const q = readPlanToQuery(params, root, req.schema);
    const countMode = prefs.count;
    let countCte = '';
    let countResult = 'null::bigint';
    const maxRows = ctx.cache.config.maxRows ?? ctx.config.maxRows;
    if (countMode === 'exact' || countMode === 'estimated') {
      const cq = readPlanToCountQuery(params, root, req.schema);
      countCte = `, pgrst_source_count AS (${cq}${countMode === 'estimated' && maxRows !== undefined ? ` LIMIT ${maxRows + 1}` : ''})`;
      countResult = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
    }
    const sql = explainWrap(
      neg.plan,
      `WITH pgrst_source AS ( ${q} )${countCte} SELECT ${countResult} AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ${bodyExpression(neg.handler, undefined)} AS body, ${GUC_COLUMNS} FROM ( SELECT * FROM pgrst_source ) _postgrest_t`,
    );
    let countSql: Prepared['countSql'];
    if (countMode === 'planned' || countMode === 'estimated') {
      const cp = new Params();
      countSql = { sql: `EXPLAIN (FORMAT JSON) ${readPlanToCountQuery(cp, root, req.schema)}`, params: cp.values };
    }
    return {
      sql,
      params: params.values,
      countSql,
      readOnly: true,
      fnSettings: [],
      check: singularCheck(neg),
      respond: (o) => {
        if (o.plan !== undefined) return { status: 200, headers: mediaHeaders(req, neg.media), body: o.plan };
        const pageTotal = Number(o.row.page_total);
        const { status, range } = rangeStatus(req.topRange, pageTotal, o.tableTotal);
        const headers: Record<string, string> = {
          'content-range': range,
          'content-location': `/${tableName}${req.qp.canonical ? `?${req.qp.canonical}` : ''}`,
          ...mediaHeaders(req, neg.media),
        };
        const applied = preferenceApplied({ count: prefs.count, tx: prefs.tx, handling: prefs.handling, timezone: prefs.timezone });
        if (applied) headers['preference-applied'] = applied;
        const over = applyGucOverrides(o.row, status, headers);
        let body: string = o.row.body ?? '';
        if (status === 416) {
          body = rangeNotSatisfiable(req.topRange.lower, o.tableTotal);
        } else if (req.headersOnly) body = '';
        return { status: over.status, headers: over.headers, body };
      },
    };
  }

  if (req.action === 'info') throw new Error('info is answered without the database');
  return prepareMutation(ctx, req, table);
}

function prepareMutation(ctx: EngineContext, req: ApiRequest, table: Table): Prepared {
  const prefs = req.prefs;
  const tableName = table.name;
  const root = buildReadPlan(planContext(ctx, req, true, true), tableName, req.qp, false);
  const pkCols = table.pk;
  const returnings = prefs.representation === undefined || prefs.representation === 'minimal' ? [] : returningColumns(root, pkCols);
  const params = new Params();
  const mainQi = qualified(table.schema, table.name);
  const rootFilters = req.qp.filters.filter((f) => f.path.length === 0);
  const rootLogic = req.qp.logic.filter((l) => l.path.length === 0);
  const whereParts = (p: Params, ref: string) => [
    ...rootFilters.map((f) =>
      fmtLogic(p, ref, { type: 'stmt', filter: { kind: 'filter', field: resolveField(table, f.filter.field), expr: f.filter.expr as OpExpr } }),
    ),
    ...rootLogic.map((l) => {
      const resolve = (t: typeof l.tree): Parameters<typeof fmtLogic>[2] =>
        t.type === 'stmt'
          ? { type: 'stmt', filter: { kind: 'filter', field: resolveField(table, t.filter.field), expr: t.filter.expr as OpExpr } }
          : { type: 'expr', negated: t.negated, op: t.op, children: t.children.map(resolve) };
      return fmtLogic(p, ref, resolve(l.tree));
    }),
  ];
  const returning = returnings.length === 0 ? 'RETURNING 1' : `RETURNING ${returnings.map((c) => (c === '*' ? `${mainQi}.*` : `${mainQi}.${ident(c)}`)).join(', ')}`;

  const typedColumns = () =>
    req.columns.map((c) => {
      const col = table.columns.get(c);
      if (!col) throw errors.columnNotFound(tableName, c);
      return { name: c, type: col.type, default: col.default };
    });

  let mutation: string;
  let isInsert = false;
  let mergeDuplicates = false;
  let resolutionApplied: typeof prefs.resolution;
  const payload = req.payload;
  const raw = payload?.kind === 'json' ? payload.raw : '{}';
  const isObject = payload?.kind === 'json' ? payload.isObject : true;
  const applyDefaults = prefs.missing === 'default';

  if (req.action === 'create' || req.action === 'upsert') {
    isInsert = true;
    const cols = typedColumns();
    let onConflict: { mode: 'merge-duplicates' | 'ignore-duplicates'; cols: string[] } | undefined;
    let putConditions: string[] = [];
    if (req.action === 'upsert') {
      const filterFields = new Set(req.qp.filters.map((f) => f.filter.field.name));
      const okFilters =
        req.qp.logic.length === 0 &&
        pkCols.length > 0 &&
        filterFields.size === pkCols.length &&
        pkCols.every((c) => filterFields.has(c)) &&
        rootFilters.every((f) => {
          const e = f.filter.expr as OpExpr;
          return !e.negated && e.operation.kind === 'quant' && e.operation.op === 'eq' && !e.operation.quantifier;
        });
      if (!okFilters) throw errors.invalidFilters();
      onConflict = { mode: 'merge-duplicates', cols: pkCols };
      putConditions = rootFilters.map((f) =>
        fmtLogic(params, '"pgrst_body"', { type: 'stmt', filter: { kind: 'filter', field: resolveField(table, f.filter.field), expr: f.filter.expr as OpExpr } }),
      );
      mergeDuplicates = true;
    } else if (prefs.resolution && (pkCols.length > 0 || req.qp.onConflict)) {
      onConflict = { mode: prefs.resolution, cols: req.qp.onConflict ?? pkCols };
      resolutionApplied = prefs.resolution;
      mergeDuplicates = prefs.resolution === 'merge-duplicates';
    }
    const counter = (add: boolean) =>
      `set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) ${add ? '+' : '-'} 1)::text, true) <> '${add ? '0' : '-1'}'`;
    mutation =
      `INSERT INTO ${mainQi}${cols.length ? `(${cols.map((c) => ident(c.name)).join(', ')})` : ''} ` +
      fromJsonBody(params, raw, cols, isObject, true, false, applyDefaults) +
      (putConditions.length ? `WHERE ${counter(true)} AND ${putConditions.join(' AND ')}` : mergeDuplicates ? `WHERE ${counter(true)}` : '');
    if (onConflict && onConflict.cols.length) {
      mutation += ` ON CONFLICT(${onConflict.cols.map(ident).join(', ')}) `;
      if (onConflict.mode === 'ignore-duplicates' || cols.length === 0) mutation += 'DO NOTHING';
      else {
        mutation += `DO UPDATE SET ${cols.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`).join(', ')}`;
        if (mergeDuplicates) mutation += ` WHERE ${counter(false)}`;
      }
    }
    mutation += ` ${returning}`;
  } else if (req.action === 'update') {
    const cols = typedColumns();
    const where = cols.length === 0 ? [] : whereParts(params, mainQi);
    const range = req.ranges.get('') ?? { lower: 0, upper: undefined };
    const hasRange = range.lower !== 0 || range.upper !== undefined;
    const order = req.qp.order.find((o) => o.path.length === 0)?.terms ?? [];
    if (cols.length === 0) {
      const cs = returnings.length === 0 ? 'NULL' : returnings.map((c) => (c === '*' ? `${ident(tableName)}.*` : `${ident(tableName)}.${ident(c)}`)).join(', ');
      mutation = `SELECT ${cs} FROM ${mainQi} WHERE false`;
    } else if (!hasRange && order.length === 0) {
      mutation =
        `UPDATE ${mainQi} SET ${cols.map((c) => `${ident(c.name)} = "pgrst_body".${ident(c.name)}`).join(', ')} ` +
        fromJsonBody(params, raw, cols, isObject, false, false, applyDefaults) +
        (where.length ? `WHERE ${where.join(' AND ')} ` : '') +
        returning;
    } else {
      mutation =
        `WITH pgrst_update_body AS (${fromJsonBody(params, raw, cols, isObject, true, true, applyDefaults)}), ` +
        `pgrst_affected_rows AS (SELECT ${mainQi}.ctid FROM ${mainQi}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${orderSql(params, mainQi, table, order)}${limitSql(params, range)}) ` +
        `UPDATE ${mainQi} SET ${cols.map((c) => `${ident(c.name)} = (SELECT ${ident(c.name)} FROM pgrst_update_body)`).join(', ')} ` +
        `FROM pgrst_affected_rows WHERE ${mainQi}.ctid = pgrst_affected_rows.ctid ${returning}`;
    }
  } else {
    const where = whereParts(params, mainQi);
    const range = req.ranges.get('') ?? { lower: 0, upper: undefined };
    const hasRange = range.lower !== 0 || range.upper !== undefined;
    const order = req.qp.order.find((o) => o.path.length === 0)?.terms ?? [];
    if (!hasRange && order.length === 0) mutation = `DELETE FROM ${mainQi} ${where.length ? `WHERE ${where.join(' AND ')} ` : ''}${returning}`;
    else {
      mutation =
        `WITH pgrst_affected_rows AS (SELECT ${mainQi}.ctid FROM ${mainQi}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${orderSql(params, mainQi, table, order)}${limitSql(params, range)}) ` +
        `DELETE FROM ${mainQi} USING pgrst_affected_rows WHERE ${mainQi}.ctid = pgrst_affected_rows.ctid ${returning}`;
    }
  }

  const neg = negotiate(ctx, req);
  checkStrictPrefs(req);
  const selectSql = neg.handler.kind === 'none' ? `SELECT * FROM ${SOURCE_CTE}` : readPlanToQuery(params, root, req.schema);
  const headersOnlyLocation = isInsert && prefs.representation === 'headers-only' && pkCols.length > 0;
  const locationSql = headersOnlyLocation
    ? `CASE WHEN pg_catalog.count(_postgrest_t) = 1 THEN (WITH data AS (SELECT row_to_json(_) AS row FROM ${SOURCE_CTE} AS _ LIMIT 1) SELECT json_agg(json_build_array(json_data.key, coalesce('eq.' || json_data.value, 'is.null')))::text FROM data CROSS JOIN json_each_text(data.row) AS json_data WHERE json_data.key = ANY(${params.add(`{${pkCols.map((c) => `"${c.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`)}::text[])) END`
    : 'NULL::text';
  const insertedSql = isInsert && mergeDuplicates ? "nullif(current_setting('pgrst.inserted', true),'')::int8" : 'NULL::int8';
  const sql = explainWrap(
    neg.plan,
    `WITH ${SOURCE_CTE} AS (${mutation}) SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ${locationSql} AS location, ${bodyExpression(neg.handler, undefined)} AS body, ${GUC_COLUMNS}, ${insertedSql} AS response_inserted FROM (${selectSql}) _postgrest_t`,
  );

  const maxAffectedCheck = (n: number) => {
    if ((req.action === 'update' || req.action === 'delete') && prefs.maxAffected !== undefined && prefs.handling === 'strict' && n > prefs.maxAffected) {
      throw errors.maxAffected(n);
    }
  };

  return {
    sql,
    params: params.values,
    readOnly: false,
    fnSettings: [],
    check: (o) => {
      if (neg.plan) return;
      const n = Number(o.row.page_total);
      if (req.action === 'upsert') {
        if (n !== 1) throw errors.putMatchingPk();
        return;
      }
      singularCheck(neg)(o);
      maxAffectedCheck(n);
    },
    respond: (o) => {
      if (o.plan !== undefined) return { status: 200, headers: mediaHeaders(req, neg.media), body: o.plan };
      const n = Number(o.row.page_total);
      const counted = prefs.count === 'exact' || prefs.count === 'estimated';
      const full = prefs.representation === 'representation';
      const headers: Record<string, string> = {};
      let status: number;
      if (req.action === 'create') {
        if (o.row.location) {
          const pairs = JSON.parse(o.row.location) as [string, string][];
          const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          headers.location = `/${tableName}?${qs}`;
        }
        headers['content-range'] = contentRange(1, 0, counted ? n : undefined);
        const applied = preferenceApplied({
          resolution: resolutionApplied,
          representation: prefs.representation,
          count: prefs.count,
          tx: prefs.tx,
          missing: prefs.missing,
          handling: prefs.handling,
          timezone: prefs.timezone,
        });
        if (applied) headers['preference-applied'] = applied;
        const inserted = o.row.response_inserted === null || o.row.response_inserted === undefined ? undefined : Number(o.row.response_inserted);
        status = inserted !== undefined && inserted <= 0 && mergeDuplicates ? 200 : 201;
      } else if (req.action === 'upsert') {
        const applied = preferenceApplied({ representation: prefs.representation, count: prefs.count, tx: prefs.tx, handling: prefs.handling, timezone: prefs.timezone });
        if (applied) headers['preference-applied'] = applied;
        const inserted = Number(o.row.response_inserted ?? 0);
        status = full ? (inserted > 0 ? 201 : 200) : 204;
      } else {
        headers['content-range'] = req.action === 'update' ? contentRange(0, n - 1, counted ? n : undefined) : contentRange(1, 0, counted ? n : undefined);
        const applied = preferenceApplied({
          representation: prefs.representation,
          count: prefs.count,
          tx: prefs.tx,
          missing: req.action === 'update' ? prefs.missing : undefined,
          handling: prefs.handling,
          timezone: prefs.timezone,
          maxAffected: prefs.maxAffected,
        });
        if (applied) headers['preference-applied'] = applied;
        status = full ? 200 : 204;
      }
      if (full) Object.assign(headers, mediaHeaders(req, neg.media));
      const over = applyGucOverrides(o.row, status, headers);
      return { status: over.status, headers: over.headers, body: full ? (o.row.body ?? '') : '' };
    },
  };
}

function orderSql(params: Params, ref: string, table: Table, terms: OrderTerm[]): string {
  const parts = terms
    .filter((t) => t.type === 'field')
    .map((t) => {
      const f = resolveField(table, t.field);
      const col = fmtField(params, ref, f);
      return `${col}${t.direction ? ` ${t.direction.toUpperCase()}` : ''}${t.nulls ? ` NULLS ${t.nulls.toUpperCase()}` : ''}`;
    });
  return parts.length ? ` ORDER BY ${parts.join(', ')}` : '';
}

function limitSql(params: Params, range: RowRange): string {
  const limit = range.upper === undefined ? undefined : range.upper - range.lower + 1;
  return `${limit === undefined ? '' : ` LIMIT ${params.add(String(limit))}`} OFFSET ${params.add(String(range.lower))}`;
}

function prepareCall(ctx: EngineContext, req: ApiRequest, name: string): Prepared {
  const { cache } = ctx;
  const prefs = req.prefs;
  const isPost = req.method === 'POST';
  const keys = isPost ? req.columns : [...new Set(req.qp.rpcArgs.map(([k]) => k))];
  const routine = findRoutine(cache, req, req.schema, name, keys, isPost);
  if (req.action === 'info') throw new Error('info is answered without the database');
  if (prefs.maxAffected !== undefined && prefs.handling === 'strict' && !routine.setof) throw errors.maxAffectedRpc();
  const relName = routine.tableName ?? routine.name;
  const root = buildReadPlan(planContext(ctx, req, true, false), relName, req.qp, true);
  const neg = negotiate(ctx, req);
  checkStrictPrefs(req);
  const params = new Params();
  // Every column of the result stays available so filters and orders may use unselected ones.
  const call = callSql(params, routine, req, keys, ['*']);
  const readQuery = readPlanToQuery(params, root, req.schema);
  let countCte = '';
  let countResult = 'null::bigint';
  if (prefs.count === 'exact' || prefs.count === 'estimated') {
    countCte = `, pgrst_source_count AS (${readPlanToCountQuery(params, root, req.schema)})`;
    countResult = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
  }
  const single = !routine.setof;
  const sql = explainWrap(
    neg.plan,
    `WITH ${SOURCE_CTE} AS (${call})${countCte} SELECT ${countResult} AS total_result_set, ${single ? '1' : 'pg_catalog.count(_postgrest_t)'} AS page_total, ${bodyExpression(neg.handler, routine)} AS body, ${GUC_COLUMNS} FROM (${readQuery}) _postgrest_t`,
  );
  const readOnly = !isPost || routine.volatility !== 'v';
  return {
    sql,
    params: params.values,
    readOnly,
    fnSettings: routine.settings,
    check: (o) => {
      if (neg.plan) return;
      singularCheck(neg)(o);
      const n = Number(o.row.page_total);
      if (prefs.maxAffected !== undefined && prefs.handling === 'strict' && n > prefs.maxAffected) throw errors.maxAffected(n);
    },
    respond: (o) => {
      if (o.plan !== undefined) return { status: 200, headers: mediaHeaders(req, neg.media), body: o.plan };
      const pageTotal = Number(o.row.page_total);
      const { status, range } = rangeStatus(req.topRange, pageTotal, o.tableTotal);
      const headers: Record<string, string> = { 'content-range': range };
      const applied = preferenceApplied({ count: prefs.count, tx: prefs.tx, handling: prefs.handling, timezone: prefs.timezone, maxAffected: prefs.maxAffected });
      if (applied) headers['preference-applied'] = applied;
      let outStatus = status;
      let body = o.row.body ?? '';
      if (routine.returns === 'void') {
        outStatus = 204;
        body = '';
      } else {
        Object.assign(headers, mediaHeaders(req, neg.media));
        if (status === 416) {
          body = rangeNotSatisfiable(req.topRange.lower, o.tableTotal);
        } else if (req.headersOnly) body = '';
      }
      const over = applyGucOverrides(o.row, outStatus, headers);
      return { status: over.status, headers: over.headers, body };
    },
  };
}

/** OPTIONS: the methods a resource allows, answered from the schema cache. */
export function optionsResponse(ctx: EngineContext, req: ApiRequest): ApiResponse {
  const allow = (v: string): ApiResponse => ({ status: 200, headers: { 'access-control-allow-origin': '*', allow: v }, body: '' });
  if (req.resource.kind === 'schema') return allow('OPTIONS,GET,HEAD');
  if (req.resource.kind === 'routine') {
    const keys = [...new Set(req.qp.rpcArgs.map(([k]) => k))];
    const candidates = ctx.cache.routines.get(qiKey(req.schema, req.resource.name)) ?? [];
    const r = candidates.length === 1 ? candidates[0]! : findRoutine(ctx.cache, req, req.schema, req.resource.name, keys, false);
    return allow(r.volatility === 'v' ? 'OPTIONS,POST' : 'OPTIONS,GET,HEAD,POST');
  }
  const t = ctx.cache.tables.get(qiKey(req.schema, req.resource.name));
  if (!t) throw tableNotFound(ctx.cache, req.schema, req.resource.name);
  const methods = ['OPTIONS,GET,HEAD'];
  if (t.insertable) methods.push('POST');
  if (t.insertable && t.updatable && t.pk.length) methods.push('PUT');
  if (t.updatable) methods.push('PATCH');
  if (t.deletable) methods.push('DELETE');
  return allow(methods.join(','));
}

/** Runs the prepared statement in one transaction: set_config, the main statement, checks. */
export async function run(ctx: EngineContext, req: ApiRequest, auth: AuthInfo, prepared: Prepared): Promise<ApiResponse> {
  const setConfig = setConfigStatement(ctx, req, auth, prepared.fnSettings);
  const maxRows = ctx.cache.config.maxRows ?? ctx.config.maxRows;
  let outcome: Outcome;
  try {
    outcome = await ctx.db.transaction(
      async (tx) => {
        await tx.query(setConfig.sql, setConfig.params);
        const res = await tx.query<MainRow & { 'QUERY PLAN'?: unknown }>(prepared.sql, prepared.params);
        let o: Outcome;
        if (prepared.sql.startsWith('EXPLAIN')) {
          const lines = res.rows.map((r) => {
            const v = Object.values(r)[0];
            return typeof v === 'string' ? v : JSON.stringify(v);
          });
          o = { row: { total_result_set: null, page_total: 0, body: null, response_headers: null, response_status: null }, tableTotal: undefined, plan: lines.join('\n') };
        } else {
          const row = res.rows[0] ?? { total_result_set: null, page_total: 0, body: null, response_headers: null, response_status: null };
          let tableTotal = row.total_result_set === null || row.total_result_set === '' ? undefined : Number(row.total_result_set);
          if (prepared.countSql && (req.prefs.count === 'planned' || (req.prefs.count === 'estimated' && maxRows !== undefined && (tableTotal ?? 0) > maxRows))) {
            const ex = await tx.query(prepared.countSql.sql, prepared.countSql.params);
            const rows = planRows(Object.values(ex.rows[0] ?? {})[0]);
            if (rows !== undefined) tableTotal = req.prefs.count === 'planned' ? rows : Math.max(tableTotal ?? 0, rows);
          }
          o = { row, tableTotal, plan: undefined };
        }
        prepared.check(o);
        if (req.prefs.tx === 'rollback') {
          await tx.exec('SET CONSTRAINTS ALL IMMEDIATE');
          throw new RollbackWith(o);
        }
        return o;
      },
      { readOnly: prepared.readOnly },
    );
  } catch (e) {
    if (e instanceof RollbackWith) outcome = e.value as Outcome;
    else throw e;
  }
  return prepared.respond(outcome);
}


const OPENAPI_TYPES: Record<string, string> = { int2: 'integer', int4: 'integer', int8: 'integer', float4: 'number', float8: 'number', numeric: 'number', bool: 'boolean' };

/** `GET /`: a Swagger 2.0 description of the exposed schema's tables, views and functions. */
export function openApiResponse(ctx: EngineContext, req: ApiRequest): ApiResponse {
  if (!req.accept.some((m) => m.kind === 'openapi' || m.kind === 'json' || m.kind === 'any')) throw errors.mediaType(req.accept.map(toMime));
  const tables = [...ctx.cache.tables.values()].filter((t) => t.schema === req.schema).sort((a, b) => a.name.localeCompare(b.name));
  const routines = [...ctx.cache.routines.values()].flat().filter((r) => r.schema === req.schema);
  const paths: Record<string, unknown> = { '/': { get: { produces: ['application/openapi+json', 'application/json'], responses: { '200': { description: 'OK' } }, summary: 'OpenAPI description (this document)', tags: ['Introspection'] } } };
  const definitions: Record<string, unknown> = {};
  for (const t of tables) {
    const ops: Record<string, unknown> = { get: { tags: [t.name], responses: { '200': { description: 'OK' }, '206': { description: 'Partial Content' } } } };
    if (t.insertable) ops.post = { tags: [t.name], responses: { '201': { description: 'Created' } } };
    if (t.updatable) ops.patch = { tags: [t.name], responses: { '204': { description: 'No Content' } } };
    if (t.deletable) ops.delete = { tags: [t.name], responses: { '204': { description: 'No Content' } } };
    paths[`/${t.name}`] = ops;
    definitions[t.name] = {
      type: 'object',
      required: t.columnList.filter((c) => !c.nullable && c.default === null).map((c) => c.name),
      properties: Object.fromEntries(
        t.columnList.map((c) => {
          const type = OPENAPI_TYPES[c.nominalType] ?? (c.type.endsWith('[]') ? 'array' : 'string');
          return [c.name, { type, format: c.type, ...(t.pk.includes(c.name) ? { description: 'Note:\nThis is a Primary Key.<pk/>' } : {}) }];
        }),
      ),
    };
  }
  for (const r of routines) {
    paths[`/rpc/${r.name}`] = {
      ...(r.volatility === 'v' ? {} : { get: { tags: ['(rpc) ' + r.name], responses: { '200': { description: 'OK' } } } }),
      post: {
        tags: ['(rpc) ' + r.name],
        parameters: [{ in: 'body', name: 'args', required: true, schema: { type: 'object', required: r.params.filter((p) => p.required).map((p) => p.name), properties: Object.fromEntries(r.params.map((p) => [p.name, { format: p.type, type: 'string' }])) } }],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  const body = JSON.stringify({
    swagger: '2.0',
    info: { description: '', title: 'standard public schema', version: '13.0.0' },
    host: ctx.config.siteUrl.replace(/^https?:\/\//, ''),
    basePath: '/',
    schemes: [ctx.config.siteUrl.startsWith('https') ? 'https' : 'http'],
    consumes: ['application/json', 'application/vnd.pgrst.object+json;nulls=stripped', 'application/vnd.pgrst.object+json', 'text/csv'],
    produces: ['application/json', 'application/vnd.pgrst.object+json;nulls=stripped', 'application/vnd.pgrst.object+json', 'text/csv'],
    paths,
    definitions,
  });
  const headers: Record<string, string> = { 'content-type': 'application/openapi+json; charset=utf-8' };
  if (req.negotiatedByProfile) headers['content-profile'] = req.schema;
  return { status: 200, headers, body: req.headersOnly ? '' : body };
}
