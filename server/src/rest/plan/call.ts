/**
 * The call plan (PostgREST's Plan/CallPlan): which overload of a function a request calls and
 * how its arguments arrive. Plain data; the query builder renders it to SQL.
 */
import type { ApiRequest } from '../api-request.ts';
import { ApiError } from '../errors.ts';
import { fuzzyBest, fuzzyMatches } from '../fuzzy.ts';
import { type Routine, type RoutineParam, type SchemaCache, qiKey } from '../schema-cache.ts';
import type { JsonBody } from './mutate.ts';

export type CallArgs =
  /** GET/HEAD query parameters or a form body: one text value per named parameter. */
  | { kind: 'values'; values: { param: RoutineParam; value: string | null }[] }
  /** The body as the single (unnamed or single-object) parameter. */
  | { kind: 'single'; param: RoutineParam; value: string }
  /** A JSON object or array whose keys name the parameters. */
  | { kind: 'json'; params: RoutineParam[]; body: JsonBody }
  | { kind: 'none' };

export interface CallPlan {
  routine: Routine;
  args: CallArgs;
}

/** The argument names a request supplies: body keys (POST) or query parameters (GET/HEAD). */
export function callKeys(req: ApiRequest): string[] {
  return req.method === 'POST' ? req.columns : [...new Set(req.qp.rpcArgs.map(([k]) => k))];
}

/** The overload of `schema.name` that takes exactly these argument names, or PGRST202/PGRST203. */
export function findRoutine(cache: SchemaCache, req: ApiRequest, schema: string, name: string, keys: string[], isPost: boolean): Routine {
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
      const required = params.filter((p) => p.required).map((p) => p.name);
      const optional = new Set(params.filter((p) => !p.required).map((p) => p.name));
      const rest = [...keySet].filter((k) => !optional.has(k));
      ok = rest.length === required.length && required.every((k) => keySet.has(k));
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
      const best = fuzzyBest([...new Set(names)], name);
      if (best) hint = `Perhaps you meant to call the function ${schema}.${best}`;
    } else {
      const lists = candidates.map((c) => `(${c.params.map((p) => p.name).sort().join(', ')})`);
      const best = fuzzyMatches(lists, `(${prms})`)[0]?.[1];
      if (best) hint = `Perhaps you meant to call the function ${schema}.${name}${best}`;
    }
  }
  throw new ApiError(404, 'PGRST202', message, `Searched for the function ${func}${detail}, but no matches were found in the schema cache.`, hint);
}

const arrayLiteralOf = (values: string[]) => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** How `routine`'s arguments come from the request whose argument names are `keys`. */
export function callPlan(req: ApiRequest, routine: Routine, keys: string[]): CallPlan {
  const specified = routine.params.filter((p) => keys.includes(p.name));
  const only = routine.params.length === 1 ? routine.params[0]! : undefined;
  const positional = only !== undefined && (only.name === '' || (req.prefs.params === 'single-object' && !keys.includes(only.name)));
  const payload = req.payload;

  if (req.method === 'GET' || req.method === 'HEAD' || payload?.kind === 'urlencoded') {
    const given = payload?.kind === 'urlencoded' ? payload.params : req.qp.rpcArgs;
    const values = specified.map((param) => {
      const all = given.filter(([k]) => k === param.name).map(([, v]) => v);
      return { param, value: param.variadic ? arrayLiteralOf(all) : (all[all.length - 1] ?? null) };
    });
    return { routine, args: { kind: 'values', values } };
  }
  if (positional && only) {
    let value: string;
    if (payload?.kind === 'raw') value = only.type === 'bytea' ? `\\x${payload.body.toString('hex')}` : payload.body.toString('utf8');
    else value = payload?.kind === 'json' ? payload.raw : '{}';
    return { routine, args: { kind: 'single', param: only, value } };
  }
  if (specified.length === 0) return { routine, args: { kind: 'none' } };
  const body: JsonBody = { raw: payload?.kind === 'json' ? payload.raw : '{}', isObject: payload?.kind === 'json' ? payload.isObject : true };
  return { routine, args: { kind: 'json', params: specified, body } };
}
