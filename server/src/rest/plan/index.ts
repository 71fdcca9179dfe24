/**
 * The action plan (PostgREST's Plan): for a parsed request, the read, mutation or call plan, the
 * negotiated media type and how rows become the body, and the checks the transaction applies.
 * Plain data throughout: the query builder, main transaction and response read it.
 */
import type { ServerConfig } from '../../config.ts';
import type { ApiRequest } from '../api-request.ts';
import { ApiError, errors } from '../errors.ts';
import { fuzzyBest } from '../fuzzy.ts';
import type { TxChecks } from '../main-tx.ts';
import { type MediaType, toMime } from '../negotiation.ts';
import type { BodyShape, Explain } from '../query-builder.ts';
import { type QI, type SchemaCache, type Table, qiKey } from '../schema-cache.ts';
import { type CallPlan, callKeys, callPlan, findRoutine } from './call.ts';
import { type MutatePlan, mutatePlan } from './mutate.ts';
import { type ReadNode, type ReadPlanContext, buildReadPlan } from './read.ts';

export interface PlanContext {
  cache: SchemaCache;
  config: ServerConfig;
}

export interface Negotiated {
  shape: BodyShape;
  media: MediaType;
  /** Set for the plan media type: the statement runs under EXPLAIN. */
  explain: Explain | undefined;
}

/** Privileges to test before a write Postgres would refuse while rewriting it (class 55, a 500). */
export interface PrivilegeCheck {
  table: QI;
  privileges: Privilege[];
}
export type Privilege = 'INSERT' | 'UPDATE' | 'DELETE';

interface Common {
  negotiated: Negotiated;
  /** Writes to views that are not automatically updatable: refused by privileges first (401/403). */
  privilegeCheck?: PrivilegeCheck | undefined;
  readOnly: boolean;
  /** Settings from the function's SET clauses, applied for the transaction. */
  fnSettings: [string, string][];
  checks: TxChecks;
  maxRows: number | undefined;
}

export type ActionPlan =
  | (Common & { kind: 'read'; table: Table; read: ReadNode })
  | (Common & { kind: 'mutate'; table: Table; read: ReadNode; mutate: MutatePlan })
  | (Common & { kind: 'call'; read: ReadNode; call: CallPlan });

export function maxRowsOf(ctx: PlanContext): number | undefined {
  return ctx.cache.config.maxRows ?? ctx.config.maxRows;
}

export function tableNotFound(cache: SchemaCache, schema: string, name: string): ApiError {
  const candidates = [...cache.tables.values()].filter((t) => t.schema === schema).map((t) => t.name);
  const best = fuzzyBest(candidates, name, 0.75);
  return new ApiError(404, 'PGRST205', `Could not find the table '${schema}.${name}' in the schema cache`, null, best ? `Perhaps you meant the table '${schema}.${best}'` : null);
}

/** The first acceptable media type of `Accept` that this action can produce, or PGRST107. */
function negotiate(ctx: PlanContext, req: ApiRequest): Negotiated {
  const shapeFor = (mt: MediaType): { shape: BodyShape; media: MediaType } | undefined => {
    switch (mt.kind) {
      case 'object':
        return { shape: { kind: 'single', strip: mt.strip }, media: mt };
      case 'array-strip':
        return { shape: { kind: 'json', strip: true }, media: mt };
      case 'json':
      case 'any':
        return { shape: { kind: 'json', strip: false }, media: { kind: 'json' } };
      case 'csv':
        return { shape: { kind: 'csv' }, media: mt };
      case 'geojson':
        return ctx.cache.hasGeoJson ? { shape: { kind: 'geojson' }, media: mt } : undefined;
      default:
        return undefined;
    }
  };
  for (const mt of req.accept) {
    let found: Negotiated | undefined;
    if (mt.kind === 'plan') {
      if (!ctx.cache.config.planEnabled) continue;
      const inner = shapeFor(mt.for);
      if (inner) found = { shape: inner.shape, media: mt, explain: { format: mt.format, options: mt.options } };
    } else {
      const h = shapeFor(mt);
      if (h) found = { ...h, explain: undefined };
    }
    if (!found) continue;
    const isMutation = req.action === 'create' || req.action === 'update' || req.action === 'delete' || req.action === 'upsert';
    if (isMutation && req.prefs.representation !== 'representation') found.shape = { kind: 'none' };
    if (req.headersOnly) found.shape = { kind: 'none' };
    return found;
  }
  throw errors.mediaType(req.accept.map(toMime));
}

function checkStrictPrefs(req: ApiRequest): void {
  if (req.prefs.handling === 'strict' && req.prefs.invalid.length) throw errors.invalidPreferences(req.prefs.invalid);
}

function readContext(ctx: PlanContext, req: ApiRequest, fromSource: boolean, isMutation: boolean): ReadPlanContext {
  return {
    cache: ctx.cache,
    schema: req.schema,
    fromSource,
    isMutation,
    maxRows: maxRowsOf(ctx),
    aggregatesEnabled: ctx.cache.config.aggregatesEnabled,
    ranges: req.ranges,
  };
}

const strictMaxAffected = (req: ApiRequest) => (req.prefs.handling === 'strict' ? req.prefs.maxAffected : undefined);

function callActionPlan(ctx: PlanContext, req: ApiRequest, name: string): ActionPlan {
  const isPost = req.method === 'POST';
  const keys = callKeys(req);
  const routine = findRoutine(ctx.cache, req, req.schema, name, keys, isPost);
  if (strictMaxAffected(req) !== undefined && !routine.setof) throw errors.maxAffectedRpc();
  const read = buildReadPlan(readContext(ctx, req, true, false), routine.tableName ?? routine.name, req.qp, true);
  const negotiated = negotiate(ctx, req);
  checkStrictPrefs(req);
  const explaining = negotiated.explain !== undefined;
  return {
    kind: 'call',
    read,
    call: callPlan(req, routine, keys),
    negotiated,
    readOnly: !isPost || routine.volatility !== 'v',
    fnSettings: routine.settings,
    checks: { singleObject: !explaining && negotiated.media.kind === 'object', maxAffected: explaining ? undefined : strictMaxAffected(req), putWritesOne: false },
    maxRows: maxRowsOf(ctx),
  };
}

/** Plans a request that runs in the database (not OPTIONS, not the OpenAPI root). */
export function actionPlan(ctx: PlanContext, req: ApiRequest): ActionPlan {
  if (req.action === 'info' || req.resource.kind === 'schema') throw new Error('answered without the database');
  if (req.resource.kind === 'routine') return callActionPlan(ctx, req, req.resource.name);

  const table = ctx.cache.tables.get(qiKey(req.schema, req.resource.name));
  if (!table) throw tableNotFound(ctx.cache, req.schema, req.resource.name);
  const maxRows = maxRowsOf(ctx);

  if (req.action === 'read') {
    const read = buildReadPlan(readContext(ctx, req, false, false), table.name, req.qp, true);
    const negotiated = negotiate(ctx, req);
    checkStrictPrefs(req);
    const checks: TxChecks = { singleObject: !negotiated.explain && negotiated.media.kind === 'object', maxAffected: undefined, putWritesOne: false };
    return { kind: 'read', table, read, negotiated, readOnly: true, fnSettings: [], checks, maxRows };
  }

  const read = buildReadPlan(readContext(ctx, req, true, true), table.name, req.qp, false);
  const mutate = mutatePlan(req, table, read);
  const negotiated = negotiate(ctx, req);
  checkStrictPrefs(req);
  const explaining = negotiated.explain !== undefined;
  const limitsAffected = req.action === 'update' || req.action === 'delete';
  const checks: TxChecks = {
    singleObject: !explaining && req.action !== 'upsert' && negotiated.media.kind === 'object',
    maxAffected: !explaining && limitsAffected ? strictMaxAffected(req) : undefined,
    putWritesOne: !explaining && req.action === 'upsert',
  };
  return { kind: 'mutate', table, read, mutate, negotiated, readOnly: false, fnSettings: [], checks, maxRows, privilegeCheck: viewPrivileges(req, table) };
}

/**
 * The privileges a write to a view needs when the view cannot take that write at all: Postgres
 * rewrites the statement before it checks privileges, so without this a view whose write
 * privileges were revoked still answers "cannot insert into view" (55000, a 500).
 */
function viewPrivileges(req: ApiRequest, table: Table): PrivilegeCheck | undefined {
  if (!table.isView) return undefined;
  const mergeDuplicates = req.action === 'upsert' || (req.action === 'create' && req.prefs.resolution === 'merge-duplicates');
  const needed: [Privilege, boolean][] =
    req.action === 'create' || req.action === 'upsert'
      ? [
          ['INSERT', table.insertable],
          ...(mergeDuplicates ? ([['UPDATE', table.updatable]] as [Privilege, boolean][]) : []),
        ]
      : req.action === 'update'
        ? [['UPDATE', table.updatable]]
        : [['DELETE', table.deletable]];
  if (needed.every(([, supported]) => supported)) return undefined;
  return { table: { schema: table.schema, name: table.name }, privileges: needed.map(([p]) => p) };
}
