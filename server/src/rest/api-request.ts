/**
 * PostgREST's ApiRequest: an HttpRequest parsed into resource, action, schema, query parameters,
 * ranges, preferences, media types and payload. Nothing here looks at the schema cache beyond
 * the time zone names.
 */
import type { HttpRequest } from '../http/types.ts';
import { errors } from './errors.ts';
import { type MediaType, type Preferences, decodeMediaType, parseAccept, parsePreferences, toMime } from './negotiation.ts';
import { QueryParamError, type QueryParams, parseQueryString } from './query-params.ts';
import { ALL_RANGE, type RowRange, hasLimitZero, intersect, isEmptyRange, parseRangeHeader, rangesFromParams } from './range.ts';

export type Resource = { kind: 'relation'; name: string } | { kind: 'routine'; name: string } | { kind: 'schema' };
export type Action = 'read' | 'create' | 'update' | 'delete' | 'upsert' | 'call' | 'info';

export type Payload =
  | { kind: 'json'; raw: string; keys: string[]; isObject: boolean }
  | { kind: 'urlencoded'; params: [string, string][] }
  | { kind: 'raw'; body: Buffer };

export interface ApiRequest {
  method: string;
  /** Path below /rest/v1, for `request.path`. */
  path: string;
  resource: Resource;
  action: Action;
  /** HEAD, or HEAD on a function. */
  headersOnly: boolean;
  schema: string;
  negotiatedByProfile: boolean;
  qp: QueryParams;
  topRange: RowRange;
  ranges: Map<string, RowRange>;
  payload: Payload | undefined;
  /** Payload keys, or the `columns` parameter. */
  columns: string[];
  prefs: Preferences;
  accept: MediaType[];
  contentType: MediaType;
  /** Lower-cased request headers without Cookie, for `request.headers`. */
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

function getResource(path: string): Resource {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (segments.length === 0) return { kind: 'schema' };
  if (segments.length === 1) return { kind: 'relation', name: segments[0]! };
  if (segments.length === 2 && segments[0] === 'rpc') return { kind: 'routine', name: segments[1]! };
  throw errors.invalidPath();
}

function getAction(resource: Resource, method: string): { action: Action; headersOnly: boolean } {
  if (resource.kind === 'routine') {
    if (method === 'HEAD' || method === 'GET') return { action: 'call', headersOnly: method === 'HEAD' };
    if (method === 'POST') return { action: 'call', headersOnly: false };
    if (method === 'OPTIONS') return { action: 'info', headersOnly: false };
    throw errors.invalidRpcMethod(method);
  }
  if (resource.kind === 'relation') {
    switch (method) {
      case 'GET':
        return { action: 'read', headersOnly: false };
      case 'HEAD':
        return { action: 'read', headersOnly: true };
      case 'POST':
        return { action: 'create', headersOnly: false };
      case 'PUT':
        return { action: 'upsert', headersOnly: false };
      case 'PATCH':
        return { action: 'update', headersOnly: false };
      case 'DELETE':
        return { action: 'delete', headersOnly: false };
      case 'OPTIONS':
        return { action: 'info', headersOnly: false };
      default:
        throw errors.unsupportedMethod(method);
    }
  }
  if (method === 'GET' || method === 'HEAD') return { action: 'read', headersOnly: method === 'HEAD' };
  if (method === 'OPTIONS') return { action: 'info', headersOnly: false };
  throw errors.unsupportedMethod(method);
}

function parseCookies(h: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const part of h.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** RFC 4180 CSV with a header line; the text `NULL` becomes null. */
export function csvToJson(text: string): Record<string, string | null>[] | string {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const pushCell = () => {
    row.push(cell);
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      pushCell();
      i++;
    } else if (c === '\r' || c === '\n') {
      pushCell();
      rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) return 'parse error: unterminated quoted field';
  if (cell !== '' || row.length) {
    pushCell();
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header) return [];
  const out: Record<string, string | null>[] = [];
  for (const r of body) {
    if (r.length !== header.length) return 'All lines must have same number of fields';
    const o: Record<string, string | null> = {};
    header.forEach((h, j) => (o[h] = r[j] === 'NULL' ? null : r[j]!));
    out.push(o);
  }
  return out;
}

/**
 * Deepest JSON body accepted. Postgres's JSON functions recurse per level (PGlite fails past a
 * few thousand), and no document this API stores comes near it.
 */
export const MAX_JSON_DEPTH = 512;

/** Whether `text`'s arrays and objects nest deeper than `max`, by one scan that skips strings. */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function jsonPayload(raw: string, value: unknown): Payload | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'json', raw: '[]', keys: [], isObject: false };
    const first = value[0] as unknown;
    if (!first || typeof first !== 'object' || Array.isArray(first)) return undefined;
    const keys = Object.keys(first as object).sort();
    const uniform = value.every((v: unknown) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
      const k = Object.keys(v as object).sort();
      return k.length === keys.length && k.every((x, i) => x === keys[i]);
    });
    return uniform ? { kind: 'json', raw, keys: Object.keys(first as object), isObject: false } : undefined;
  }
  if (value && typeof value === 'object') return { kind: 'json', raw, keys: Object.keys(value as object), isObject: true };
  return { kind: 'json', raw: '[]', keys: [], isObject: false };
}

function getPayload(req: HttpRequest, contentType: MediaType, qp: QueryParams, action: Action, isProc: boolean): { payload: Payload | undefined; columns: string[] } {
  const shouldParse = action === 'create' || action === 'update' || action === 'upsert' || (action === 'call' && req.method === 'POST');
  if (!shouldParse) return { payload: undefined, columns: [] };
  const colsParam = action === 'create' || action === 'update' || action === 'call' ? qp.columns : undefined;
  const body = req.body.toString('utf8');
  switch (contentType.kind) {
    case 'json':
    case 'any': {
      if (jsonDeeperThan(body, MAX_JSON_DEPTH)) throw errors.invalidBody(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      if (colsParam) {
        const isObject = body.trimStart().startsWith('{');
        return { payload: { kind: 'json', raw: body, keys: colsParam, isObject }, columns: colsParam };
      }
      let value: unknown;
      if (body.trim() === '' && isProc) value = {};
      else {
        try {
          value = JSON.parse(body);
        } catch {
          throw errors.invalidBody('Empty or invalid json');
        }
      }
      const raw = body.trim() === '' && isProc ? '{}' : body;
      const p = jsonPayload(raw, value);
      if (!p) throw errors.invalidBody('All object keys must match');
      return { payload: p, columns: p.kind === 'json' ? p.keys : [] };
    }
    case 'csv': {
      const rows = csvToJson(body);
      if (typeof rows === 'string') throw errors.invalidBody(rows);
      const p = jsonPayload(JSON.stringify(rows), rows);
      if (!p) throw errors.invalidBody('All lines must have same number of fields');
      return { payload: p, columns: p.kind === 'json' ? p.keys : [] };
    }
    case 'urlencoded': {
      const params = [...new URLSearchParams(body)];
      if (isProc) return { payload: { kind: 'urlencoded', params }, columns: params.map(([k]) => k) };
      const obj = Object.fromEntries(params);
      return { payload: { kind: 'json', raw: JSON.stringify(obj), keys: Object.keys(obj), isObject: true }, columns: Object.keys(obj) };
    }
    case 'text':
    case 'xml':
    case 'octet':
      if (isProc) return { payload: { kind: 'raw', body: req.body }, columns: [] };
      break;
    default:
      break;
  }
  throw errors.invalidBody(`Content-Type not acceptable: ${toMime(contentType)}`);
}

export function userApiRequest(req: HttpRequest, schemas: string[], timezones: Set<string>): ApiRequest {
  const method = req.method;
  const resource = getResource(req.path);
  const h = req.headers;
  // Profile headers: Accept-Profile for reads, Content-Profile for writes.
  const profile = ['DELETE', 'PATCH', 'POST', 'PUT'].includes(method) ? h['content-profile'] : h['accept-profile'];
  let schema: string;
  let negotiatedByProfile: boolean;
  if (profile !== undefined) {
    if (!schemas.includes(profile)) throw errors.unacceptableSchema(profile, schemas);
    schema = profile;
    negotiatedByProfile = true;
  } else {
    schema = schemas[0]!;
    negotiatedByProfile = schemas.length !== 1;
  }
  const { action, headersOnly } = getAction(resource, method);
  const rpcRead = resource.kind === 'routine' && (method === 'GET' || method === 'HEAD');
  let qp: QueryParams;
  try {
    qp = parseQueryString(req.url.searchParams, rpcRead);
  } catch (e) {
    if (e instanceof QueryParamError) throw errors.queryParam(e.message, e.details);
    throw e;
  }

  // Ranges: the Range header (GET only) meets limit/offset; limit=0 bypasses the emptiness check.
  const ranges = rangesFromParams(qp);
  const headerRange = method === 'GET' ? parseRangeHeader(h.range) : ALL_RANGE;
  const limitRange = ranges.get('') ?? ALL_RANGE;
  const combined = intersect(headerRange, limitRange);
  const topRange = hasLimitZero(limitRange) ? { lower: 0, upper: -1 } : combined;
  ranges.set('', topRange);
  if (isEmptyRange(topRange) && !hasLimitZero(limitRange)) {
    throw errors.invalidRange(
      isEmptyRange(headerRange) ? 'The lower boundary must be lower than or equal to the upper boundary in the Range header.' : 'Limit should be greater than or equal to zero.',
    );
  }
  if (method === 'PUT' && (topRange.lower !== 0 || topRange.upper !== undefined)) throw errors.putLimit();

  const contentType = h['content-type'] ? decodeMediaType(h['content-type']) : { kind: 'json' as const };
  const { payload, columns } = getPayload(req, contentType, qp, action, resource.kind === 'routine');

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (k !== 'cookie') headers[k] = v;

  return {
    method,
    path: req.path,
    resource,
    action,
    headersOnly,
    schema,
    negotiatedByProfile,
    qp,
    topRange,
    ranges,
    payload,
    columns,
    prefs: parsePreferences(h.prefer, timezones),
    accept: parseAccept(h.accept),
    contentType,
    headers,
    cookies: parseCookies(h.cookie),
  };
}

