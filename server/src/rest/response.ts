/**
 * The HTTP answer (PostgREST's Response): status, Content-Range, Location, Content-Location,
 * Preference-Applied and Content-Profile for each action, the `response.status` /
 * `response.headers` overrides set by the query, and OPTIONS from the schema cache.
 */
import type { ApiResponse } from '../http/types.ts';
import type { ApiRequest } from './api-request.ts';
import { ApiError } from './errors.ts';
import type { TxResult } from './main-tx.ts';
import { type MediaType, contentType, preferenceApplied } from './negotiation.ts';
import { callKeys, findRoutine } from './plan/call.ts';
import { type ActionPlan, tableNotFound } from './plan/index.ts';
import { contentRange, rangeNotSatisfiable, rangeStatus } from './range.ts';
import { type SchemaCache, qiKey } from './schema-cache.ts';

/**
 * Longest Location / Content-Location sent. They echo the request's query or the new row's key;
 * past this they are left out rather than make an answer Node's and browsers' HTTP clients
 * refuse (Node reads at most 16 KB of headers).
 */
export const MAX_ECHOED_HEADER = 4096;

function mediaHeaders(req: ApiRequest, media: MediaType): Record<string, string> {
  const out: Record<string, string> = { 'content-type': contentType(media) };
  if (req.negotiatedByProfile) out['content-profile'] = req.schema;
  return out;
}

/** `response.status` / `response.headers` set by the query override PostgREST's own. */
function applyGucOverrides(row: TxResult['row'], status: number, headers: Record<string, string>): { status: number; headers: Record<string, string> } {
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

const withOverrides = (result: TxResult, status: number, headers: Record<string, string>, body: string): ApiResponse => {
  const over = applyGucOverrides(result.row, status, headers);
  return { status: over.status, headers: over.headers, body };
};

function readResponse(req: ApiRequest, plan: Extract<ActionPlan, { kind: 'read' }>, result: TxResult): ApiResponse {
  const prefs = req.prefs;
  const { status, range } = rangeStatus(req.topRange, Number(result.row.page_total), result.tableTotal);
  const location = `/${plan.table.name}${req.qp.canonical ? `?${req.qp.canonical}` : ''}`;
  const headers: Record<string, string> = {
    'content-range': range,
    ...(location.length <= MAX_ECHOED_HEADER ? { 'content-location': location } : {}),
    ...mediaHeaders(req, plan.negotiated.media),
  };
  const applied = preferenceApplied({ count: prefs.count, tx: prefs.tx, handling: prefs.handling, timezone: prefs.timezone });
  if (applied) headers['preference-applied'] = applied;
  let body = result.row.body ?? '';
  if (status === 416) body = rangeNotSatisfiable(req.topRange.lower, result.tableTotal);
  else if (req.headersOnly) body = '';
  return withOverrides(result, status, headers, body);
}

function mutateResponse(req: ApiRequest, plan: Extract<ActionPlan, { kind: 'mutate' }>, result: TxResult): ApiResponse {
  const prefs = req.prefs;
  const row = result.row;
  const n = Number(row.page_total);
  const counted = prefs.count === 'exact' || prefs.count === 'estimated';
  const full = prefs.representation === 'representation';
  const headers: Record<string, string> = {};
  const mutate = plan.mutate;
  let status: number;
  if (req.action === 'create' && mutate.kind === 'insert') {
    if (row.location) {
      const pairs = JSON.parse(row.location) as [string, string][];
      const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      const location = `/${plan.table.name}?${qs}`;
      if (location.length <= MAX_ECHOED_HEADER) headers.location = location;
    }
    headers['content-range'] = contentRange(1, 0, counted ? n : undefined);
    const applied = preferenceApplied({
      resolution: mutate.onConflict?.resolution,
      representation: prefs.representation,
      count: prefs.count,
      tx: prefs.tx,
      missing: prefs.missing,
      handling: prefs.handling,
      timezone: prefs.timezone,
    });
    if (applied) headers['preference-applied'] = applied;
    const inserted = row.response_inserted === null || row.response_inserted === undefined ? undefined : Number(row.response_inserted);
    status = inserted !== undefined && inserted <= 0 && mutate.countInserted ? 200 : 201;
  } else if (req.action === 'upsert') {
    const applied = preferenceApplied({ representation: prefs.representation, count: prefs.count, tx: prefs.tx, handling: prefs.handling, timezone: prefs.timezone });
    if (applied) headers['preference-applied'] = applied;
    const inserted = Number(row.response_inserted ?? 0);
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
  if (full) Object.assign(headers, mediaHeaders(req, plan.negotiated.media));
  return withOverrides(result, status, headers, full ? (row.body ?? '') : '');
}

function callResponse(req: ApiRequest, plan: Extract<ActionPlan, { kind: 'call' }>, result: TxResult): ApiResponse {
  const prefs = req.prefs;
  const { status, range } = rangeStatus(req.topRange, Number(result.row.page_total), result.tableTotal);
  const headers: Record<string, string> = { 'content-range': range };
  const applied = preferenceApplied({ count: prefs.count, tx: prefs.tx, handling: prefs.handling, timezone: prefs.timezone, maxAffected: prefs.maxAffected });
  if (applied) headers['preference-applied'] = applied;
  let outStatus = status;
  let body = result.row.body ?? '';
  if (plan.call.routine.returns === 'void') {
    outStatus = 204;
    body = '';
  } else {
    Object.assign(headers, mediaHeaders(req, plan.negotiated.media));
    if (status === 416) body = rangeNotSatisfiable(req.topRange.lower, result.tableTotal);
    else if (req.headersOnly) body = '';
  }
  return withOverrides(result, outStatus, headers, body);
}

/** The answer to a request that ran in the database. */
export function actionResponse(req: ApiRequest, plan: ActionPlan, result: TxResult): ApiResponse {
  if (result.plan !== undefined) return { status: 200, headers: mediaHeaders(req, plan.negotiated.media), body: result.plan };
  switch (plan.kind) {
    case 'read':
      return readResponse(req, plan, result);
    case 'mutate':
      return mutateResponse(req, plan, result);
    case 'call':
      return callResponse(req, plan, result);
  }
}

/** OPTIONS: the methods a resource allows, answered from the schema cache. */
export function optionsResponse(cache: SchemaCache, req: ApiRequest): ApiResponse {
  const allow = (v: string): ApiResponse => ({ status: 200, headers: { 'access-control-allow-origin': '*', allow: v }, body: '' });
  if (req.resource.kind === 'schema') return allow('OPTIONS,GET,HEAD');
  if (req.resource.kind === 'routine') {
    const candidates = cache.routines.get(qiKey(req.schema, req.resource.name)) ?? [];
    const r = candidates.length === 1 ? candidates[0]! : findRoutine(cache, req, req.schema, req.resource.name, callKeys(req), false);
    return allow(r.volatility === 'v' ? 'OPTIONS,POST' : 'OPTIONS,GET,HEAD,POST');
  }
  const t = cache.tables.get(qiKey(req.schema, req.resource.name));
  if (!t) throw tableNotFound(cache, req.schema, req.resource.name);
  const methods = ['OPTIONS,GET,HEAD'];
  if (t.insertable) methods.push('POST');
  if (t.insertable && t.updatable && t.pk.length) methods.push('PUT');
  if (t.updatable) methods.push('PATCH');
  if (t.deletable) methods.push('DELETE');
  return allow(methods.join(','));
}
