/**
 * The read plan (PostgREST's Plan/ReadPlan): the select tree resolved against the schema cache —
 * relationships, aliases, filters, orders and ranges on each node. Plain data; the query builder
 * renders it to SQL.
 */
import { ApiError, errors } from '../errors.ts';
import { fuzzyBest, fuzzyMatches } from '../fuzzy.ts';
import type {
  AggregateFunction,
  Field,
  Filter,
  JoinType,
  JsonOperation,
  LogicTree,
  OpExpr,
  OrderTerm,
  QueryParams,
  SelectItem,
} from '../query-params.ts';
import { ALL_RANGE, type RowRange, hasLimitZero, restrictRange } from '../range.ts';
import { type QI, type Relationship, type SchemaCache, type Table, qiKey, relIsToOne } from '../schema-cache.ts';

export const SOURCE_CTE = 'pgrst_source';

export interface CField {
  name: string;
  jsonPath: JsonOperation[];
  toJson: boolean;
  /** Set for full-text filters on non-tsvector columns: wrap the column in to_tsvector(lang, …). */
  toTsVector?: { lang: string | undefined } | undefined;
  irType: string;
  fullRow: boolean;
}

export interface CSelect {
  field: CField;
  aggregate?: AggregateFunction | undefined;
  aggregateCast?: string | undefined;
  cast?: string | undefined;
  alias?: string | undefined;
}

export type CFilter = { kind: 'filter'; field: CField; expr: OpExpr } | { kind: 'nullEmbed'; negated: boolean; aggAlias: string };
export type CLogic = { type: 'stmt'; filter: CFilter } | { type: 'expr'; negated: boolean; op: 'and' | 'or'; children: CLogic[] };
export type COrder =
  | { type: 'field'; field: CField; direction?: 'asc' | 'desc' | undefined; nulls?: 'first' | 'last' | undefined }
  | { type: 'relation'; relation: string; field: Field; direction?: 'asc' | 'desc' | undefined; nulls?: 'first' | 'last' | undefined };

export type RelSelect =
  | { kind: 'embed'; name: string; aggAlias: string; toOne: boolean; empty: boolean }
  | { kind: 'spread'; aggAlias: string; toOne: boolean; fields: SpreadField[] };

export interface SpreadField {
  name: string;
  aggregate?: AggregateFunction | undefined;
  aggregateCast?: string | undefined;
  alias?: string | undefined;
}

/** A column of a relation in the query: `schema` '' means `name` is an alias. */
export interface ColumnRef {
  rel: QI;
  column: string;
}

export interface JoinCond {
  left: ColumnRef;
  right: ColumnRef;
}

export interface ReadNode {
  select: CSelect[];
  from: QI;
  fromAlias: string | undefined;
  where: CLogic[];
  order: COrder[];
  range: RowRange;
  relName: string;
  relAlias: string | undefined;
  relHint: string | undefined;
  joinType: JoinType | undefined;
  isSpread: boolean;
  rel: Relationship | undefined;
  aggAlias: string;
  joinConds: JoinCond[];
  /** For computed relationships: the parent row (alias or table name) passed to the function. */
  parentRef: string | undefined;
  depth: number;
  children: ReadNode[];
  relSelect: RelSelect[];
}

export interface ReadPlanContext {
  cache: SchemaCache;
  schema: string;
  /** Mutations and RPC read from the `pgrst_source` CTE instead of the table. */
  fromSource: boolean;
  isMutation: boolean;
  maxRows: number | undefined;
  aggregatesEnabled: boolean;
  /** Ranges per embed path (`''` = root) already combined with the Range header. */
  ranges: Map<string, RowRange>;
}

// ---------------------------------------------------------------------------------------------
// Field resolution

function tableOf(ctx: ReadPlanContext, node: Pick<ReadNode, 'from' | 'fromAlias'>): Table | undefined {
  if (node.from.schema === '' && node.from.name === SOURCE_CTE && node.fromAlias) return ctx.cache.tables.get(qiKey(ctx.schema, node.fromAlias));
  return ctx.cache.tables.get(qiKey(node.from.schema, node.from.name));
}

export function resolveField(table: Table | undefined, f: Field, fts?: { lang: string | undefined }): CField {
  const col = table?.columns.get(f.name);
  const irType = col?.nominalType ?? '';
  if (irType === 'json' || irType === 'jsonb') return { name: f.name, jsonPath: f.jsonPath, toJson: false, toTsVector: fts, irType, fullRow: false };
  if (irType === 'tsvector') return { name: f.name, jsonPath: f.jsonPath, toJson: true, toTsVector: undefined, irType, fullRow: false };
  return { name: f.name, jsonPath: f.jsonPath, toJson: true, toTsVector: fts, irType, fullRow: false };
}

function resolveFilter(table: Table | undefined, f: Filter): CFilter {
  const expr = f.expr as OpExpr;
  const fts = expr.operation.kind === 'fts' ? { lang: expr.operation.language } : undefined;
  return { kind: 'filter', field: resolveField(table, f.field, fts), expr };
}

function resolveLogic(table: Table | undefined, t: LogicTree): CLogic {
  if (t.type === 'stmt') return { type: 'stmt', filter: resolveFilter(table, t.filter) };
  return { type: 'expr', negated: t.negated, op: t.op, children: t.children.map((c) => resolveLogic(table, c)) };
}

// ---------------------------------------------------------------------------------------------
// Building the tree

function newNode(from: QI, relName: string, depth: number): ReadNode {
  return {
    select: [],
    from,
    fromAlias: undefined,
    where: [],
    order: [],
    range: ALL_RANGE,
    relName,
    relAlias: undefined,
    relHint: undefined,
    joinType: undefined,
    isSpread: false,
    rel: undefined,
    aggAlias: '',
    joinConds: [],
    parentRef: undefined,
    depth,
    children: [],
    relSelect: [],
  };
}

type FieldItem = Extract<SelectItem, { type: 'field' }>;
/** Each node's select fields, resolved once the node's table is known. */
type PendingFields = Map<ReadNode, FieldItem[]>;

function initTree(root: ReadNode, items: SelectItem[], pending: PendingFields): void {
  const fields: FieldItem[] = [];
  for (const item of items) {
    if (item.type === 'field') fields.push(item);
    else {
      const child = newNode({ schema: root.from.schema, name: item.name }, item.name, root.depth + 1);
      if (item.type === 'relation') child.relAlias = item.alias;
      child.relHint = item.hint;
      child.joinType = item.joinType;
      child.isSpread = item.type === 'spread';
      initTree(child, item.children, pending);
      root.children.push(child);
    }
  }
  pending.set(root, fields);
}

function findChild(node: ReadNode, name: string): ReadNode | undefined {
  return node.children.find((c) => c.relName === name || c.relAlias === name);
}

function nodeAt(root: ReadNode, path: string[]): ReadNode {
  let n = root;
  for (const p of path) {
    const c = findChild(n, p);
    if (!c) throw errors.notEmbedded(p);
    n = c;
  }
  return n;
}

function relationshipDescription(r: Relationship): Record<string, string> {
  if (r.kind === 'computed') return {};
  const els = (xs: string[]) => `(${xs.join(', ')})`;
  const base = { embedding: `${r.table.name} with ${r.foreignTable.name}` };
  const c = r.card;
  if (c.kind === 'M2M') {
    return {
      ...base,
      cardinality: 'many-to-many',
      relationship: `${c.junction.name} using ${c.constraint1}${els(c.sourceColumns.map((x) => x[1]))} and ${c.constraint2}${els(c.targetColumns.map((x) => x[1]))}`,
    };
  }
  const cardinality = c.kind === 'M2O' ? 'many-to-one' : c.kind === 'O2M' ? 'one-to-many' : 'one-to-one';
  return {
    ...base,
    cardinality,
    relationship: `${c.constraint} using ${r.table.name}${els(c.columns.map((x) => x[0]))} and ${r.foreignTable.name}${els(c.columns.map((x) => x[1]))}`,
  };
}

function relHintName(r: Relationship): string {
  if (r.kind === 'computed') return '';
  const c = r.card;
  return `'${r.foreignTable.name}!${c.kind === 'M2M' ? c.junction.name : c.constraint}'`;
}

function findRel(cache: SchemaCache, schema: string, origin: string, target: string, hint: string | undefined): Relationship {
  const all = (cache.relationships.get(qiKey(schema, origin)) ?? []).filter((r) => r.foreignTable.schema === schema);
  const singleCol = (r: Relationship, i: 0 | 1) =>
    r.kind === 'fk' && r.card.kind !== 'M2M' && r.card.columns.length === 1 ? r.card.columns[0]![i] : undefined;
  const constraint = (r: Relationship) => (r.kind === 'fk' && r.card.kind !== 'M2M' ? r.card.constraint : undefined);
  const matches = all.filter((r) => {
    if (r.kind === 'computed') return target === r.fn.name;
    if (r.isSelf) {
      if (hint === undefined) {
        return (target === r.foreignTable.name && r.card.kind === 'O2M') || (singleCol(r, 0) === target && r.card.kind === 'M2O');
      }
      return target === r.foreignTable.name && r.card.kind === 'O2M' && singleCol(r, 1) === hint;
    }
    if (hint === undefined) {
      return (
        target === r.foreignTable.name ||
        (constraint(r) === target && !r.foreignTableIsView) ||
        (singleCol(r, 0) === target && !r.foreignTableIsView)
      );
    }
    return (
      target === r.foreignTable.name &&
      (constraint(r) === hint || singleCol(r, 0) === hint || singleCol(r, 1) === hint || (r.card.kind === 'M2M' && r.card.junction.name === hint))
    );
  });
  // A computed relationship overrides a detected one with the same name.
  const computed = matches.filter((r) => r.kind === 'computed');
  const rels = computed.length ? computed : matches;
  if (rels.length === 1) return rels[0]!;
  if (rels.length === 0) {
    const originsInSchema = [...cache.relationships.keys()].filter((k) => k.startsWith(`${schema}\u0000`)).map((k) => k.slice(schema.length + 1));
    let suggestion: string | undefined;
    if (cache.relationships.has(qiKey(schema, origin))) {
      const children = all.map((r) => r.foreignTable.name);
      const best = fuzzyMatches(children, target, 0.33).find(([score]) => score < 1);
      if (best) suggestion = `Perhaps you meant '${best[1]}' instead of '${target}'.`;
    } else {
      const best = fuzzyBest(originsInSchema, origin, 0.33);
      if (best) suggestion = `Perhaps you meant '${best}' instead of '${origin}'.`;
    }
    throw new ApiError(
      400,
      'PGRST200',
      `Could not find a relationship between '${origin}' and '${target}' in the schema cache`,
      `Searched for a foreign key relationship between '${origin}' and '${target}${hint !== undefined ? `' using the hint '${hint}` : ''}' in the schema '${schema}', but no matches were found.`,
      suggestion ?? null,
    );
  }
  throw new ApiError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${origin}' and '${target}'`,
    rels.map(relationshipDescription),
    `Try changing '${target}' to one of the following: ${rels.map(relHintName).join(', ')}. Find the desired relationship in the 'details' key.`,
  );
}

function joinConditions(rel: Relationship, childAlias: string, parent: QI, schema: string): JoinCond[] {
  if (rel.kind === 'computed') return [];
  const c = rel.card;
  const child: QI = { schema: '', name: childAlias };
  if (c.kind === 'M2M') {
    const j: QI = { schema, name: c.junction.name };
    return [
      ...c.targetColumns.map(([tc, jc]) => ({ left: { rel: j, column: jc }, right: { rel: child, column: tc } })),
      ...c.sourceColumns.map(([sc, jc]) => ({ left: { rel: j, column: jc }, right: { rel: parent, column: sc } })),
    ];
  }
  return c.columns.map(([col, fcol]) => ({ left: { rel: child, column: fcol }, right: { rel: parent, column: col } }));
}

/** How a node's rows are referred to: its alias, or the schema-qualified table. */
export function nodeRel(node: Pick<ReadNode, 'from' | 'fromAlias'>): QI {
  return node.fromAlias !== undefined ? { schema: '', name: node.fromAlias } : node.from;
}

function addRels(ctx: ReadPlanContext, node: ReadNode, parent: ReadNode | undefined): void {
  if (parent) {
    const origin = node.depth === 1 ? (parent.fromAlias ?? parent.from.name) : parent.from.name;
    const rel = findRel(ctx.cache, ctx.schema, origin, node.relName, node.relHint);
    node.rel = rel;
    node.from = rel.foreignTable;
    node.fromAlias = `${rel.foreignTable.name}_${node.depth}`;
    node.aggAlias = `${rel.table.name}_${node.relAlias ?? node.relName}_${node.depth}`;
    node.joinConds = joinConditions(rel, node.fromAlias, nodeRel(parent), ctx.schema);
    node.parentRef = parent.fromAlias ?? parent.from.name;
  } else if (ctx.fromSource) {
    node.fromAlias = node.from.name;
    node.from = { schema: '', name: SOURCE_CTE };
  }
  for (const c of node.children) addRels(ctx, c, node);
}

function resolveSelects(ctx: ReadPlanContext, node: ReadNode, pending: PendingFields): void {
  const table = tableOf(ctx, node);
  node.select = (pending.get(node) ?? []).map((item) => ({
    field: resolveField(table, item.field),
    aggregate: item.aggregate,
    aggregateCast: item.aggregateCast,
    cast: item.cast,
    alias: item.alias,
  }));
  for (const c of node.children) resolveSelects(ctx, c, pending);
}

function addAliases(node: ReadNode): void {
  for (const s of node.select) {
    if (s.alias !== undefined) continue;
    if (s.aggregate) {
      if (s.field.fullRow) s.alias = 'count';
      continue;
    }
    const jp = s.field.jsonPath;
    if (jp.length) {
      const last = jp[jp.length - 1]!;
      if (!last.index) s.alias = last.key;
      else s.alias = [...jp].reverse().find((j) => !j.index)?.key ?? s.field.name;
    }
  }
  node.children.forEach(addAliases);
}

function expandStars(ctx: ReadPlanContext, node: ReadNode, parentHasAgg: boolean): void {
  const hasAgg = parentHasAgg || node.select.some((s) => s.aggregate);
  const table = tableOf(ctx, node);
  if (hasAgg && table && node.select.some((s) => s.field.name === '*' && !s.aggregate && s.field.jsonPath.length === 0)) {
    node.select = node.select.flatMap((s) =>
      s.field.name === '*' && !s.aggregate && s.field.jsonPath.length === 0
        ? table.columnList.map((c) => ({ ...s, field: resolveField(table, { name: c.name, jsonPath: [] }) }))
        : [s],
    );
  }
  if (node.isSpread) {
    for (const s of node.select) if (s.field.name === '*' && s.aggregate === 'count') s.field = { ...s.field, fullRow: true };
  }
  node.children.forEach((c) => expandStars(ctx, c, hasAgg));
}

function addRelatedOrders(node: ReadNode): void {
  node.order = node.order.map((o) => {
    if (o.type !== 'relation') return o;
    const found = node.children.find((c) => o.relation === (c.relAlias ?? c.relName));
    if (!found) throw errors.notEmbedded(o.relation);
    if (!found.rel || !relIsToOne(found.rel)) throw errors.relatedOrderNotToOne(node.from.name === SOURCE_CTE ? (node.fromAlias ?? '') : node.from.name, found.relAlias ?? found.relName);
    return { ...o, relation: found.aggAlias };
  });
  node.children.forEach(addRelatedOrders);
}

function addNullEmbedFilters(node: ReadNode): void {
  const convert = (l: CLogic): CLogic => {
    if (l.type === 'expr') return { ...l, children: l.children.map(convert) };
    const f = l.filter;
    if (f.kind !== 'filter' || f.field.jsonPath.length) return l;
    const found = node.children.find((c) => f.field.name === (c.relAlias ?? c.relName));
    if (found && f.expr.operation.kind === 'is' && f.expr.operation.value === 'null') {
      return { type: 'stmt', filter: { kind: 'nullEmbed', negated: f.expr.negated, aggAlias: found.aggAlias } };
    }
    return l;
  };
  node.where = node.where.map(convert);
  node.children.forEach(addNullEmbedFilters);
}

function spreadFields(node: ReadNode): SpreadField[] {
  return [
    ...node.select.map((s) => ({ name: s.alias ?? s.field.name })),
    ...node.relSelect.flatMap((r): SpreadField[] => (r.kind === 'embed' ? (r.empty ? [] : [{ name: r.name }]) : r.fields)),
  ];
}

function isEmptyEmbed(node: ReadNode): boolean {
  return node.select.length === 0 && node.children.every(isEmptyEmbed);
}

function addRelSelects(node: ReadNode): void {
  node.children.forEach(addRelSelects);
  node.relSelect = node.children.map((c): RelSelect => {
    const toOne = c.rel ? relIsToOne(c.rel) : true;
    if (c.isSpread) return { kind: 'spread', aggAlias: c.aggAlias, toOne, fields: spreadFields(c) };
    return { kind: 'embed', name: c.relAlias ?? c.relName, aggAlias: c.aggAlias, toOne, empty: c.select.length === 0 && c.children.every(isEmptyEmbed) };
  });
}

/** Postgres's limit on a target list; past it the query would fail with 54011 (a 500). */
export const MAX_SELECT_ENTRIES = 1664;

function validateWidth(node: ReadNode): void {
  const entries = node.select.length + node.relSelect.length;
  if (entries > MAX_SELECT_ENTRIES) {
    throw errors.queryParam('Select list too long', `A select list can have at most ${MAX_SELECT_ENTRIES} entries; this one has ${entries}.`);
  }
  node.children.forEach(validateWidth);
}

function validateAggregates(ctx: ReadPlanContext, node: ReadNode): void {
  if (!ctx.aggregatesEnabled && node.select.some((s) => s.aggregate)) throw errors.aggregatesNotAllowed();
  node.children.forEach((c) => validateAggregates(ctx, c));
}

/** Aggregates inside to-one spreads apply at the level that receives the spread columns. */
function hoistSpreadAggregates(node: ReadNode): { aggAlias: string; name: string; fn: AggregateFunction; cast: string | undefined; alias: string | undefined }[] {
  const childHoisted = node.children.map(hoistSpreadAggregates);
  let mine: { aggAlias: string; name: string; fn: AggregateFunction; cast: string | undefined; alias: string | undefined }[] = [];
  if (node.depth > 0 && node.isSpread && node.rel && relIsToOne(node.rel)) {
    for (const s of node.select) {
      if (!s.aggregate) continue;
      mine.push({ aggAlias: node.aggAlias, name: s.alias ?? s.field.name, fn: s.aggregate, cast: s.aggregateCast, alias: s.alias });
      s.aggregate = undefined;
      s.aggregateCast = undefined;
    }
    mine = [...mine, ...childHoisted.flat().map((h) => ({ ...h, aggAlias: node.aggAlias }))];
    return mine;
  }
  const all = childHoisted.flat();
  if (all.length) {
    for (const r of node.relSelect) {
      if (r.kind !== 'spread') continue;
      for (const f of r.fields) {
        const h = all.find((x) => x.aggAlias === r.aggAlias && x.name === f.name);
        if (h) {
          f.aggregate = h.fn;
          f.aggregateCast = h.cast;
          f.alias = h.alias;
        }
      }
    }
  }
  return [];
}

function restrictRanges(ctx: ReadPlanContext, node: ReadNode): void {
  if (!ctx.isMutation) {
    const restricted = restrictRange(ctx.maxRows, node.range);
    node.range = hasLimitZero(node.range) ? node.range : restricted;
  }
  node.children.forEach((c) => restrictRanges(ctx, c));
}

/**
 * Builds the read plan for `table` (or the function's result) from the parsed query string.
 * `rootFilters` is false for mutations, whose root filters go to the mutation's WHERE.
 */
export function buildReadPlan(ctx: ReadPlanContext, rootName: string, qp: QueryParams, rootFilters: boolean): ReadNode {
  const root = newNode({ schema: ctx.schema, name: rootName }, rootName, 0);
  const pending: PendingFields = new Map();
  initTree(root, qp.select, pending);

  // Filters, orders, ranges and logic trees attach to the node named by their embed path; their
  // columns are resolved against the node's table once relationships are known.
  const pendingFilters: [ReadNode, Filter][] = [];
  for (const { path, filter } of qp.filters) {
    if (path.length === 0 && !rootFilters) continue;
    pendingFilters.push([nodeAt(root, path), filter]);
  }
  const pendingOrders: [ReadNode, OrderTerm[]][] = [];
  if (!ctx.isMutation) for (const { path, terms } of qp.order) pendingOrders.push([nodeAt(root, path), terms]);
  if (!ctx.isMutation) {
    for (const [key, range] of ctx.ranges) {
      const path = key === '' ? [] : key.split('.');
      nodeAt(root, path).range = range;
    }
  }
  const pendingLogic: [ReadNode, LogicTree][] = [];
  for (const { path, tree } of qp.logic) pendingLogic.push([nodeAt(root, path), tree]);

  addRels(ctx, root, undefined);
  resolveSelects(ctx, root, pending);
  for (const [n, f] of pendingFilters) n.where.push({ type: 'stmt', filter: resolveFilter(tableOf(ctx, n), f) });
  for (const [n, t] of pendingLogic) n.where.push(resolveLogic(tableOf(ctx, n), t));
  for (const [n, terms] of pendingOrders) {
    const table = tableOf(ctx, n);
    n.order = terms.map((t): COrder =>
      t.type === 'relation'
        ? { type: 'relation', relation: t.relation, field: t.field, direction: t.direction, nulls: t.nulls }
        : { type: 'field', field: resolveField(table, t.field), direction: t.direction, nulls: t.nulls },
    );
  }
  expandStars(ctx, root, false);
  addAliases(root);
  addRelatedOrders(root);
  addNullEmbedFilters(root);
  addRelSelects(root);
  validateWidth(root);
  validateAggregates(ctx, root);
  hoistSpreadAggregates(root);
  restrictRanges(ctx, root);
  return root;
}

/** The columns a mutation or call must return for the select and its embeds to work. */
export function returningColumns(root: ReadNode, pkCols: string[]): string[] {
  const names = root.select.map((s) => s.field.name);
  if (names.includes('*')) return ['*'];
  if (root.children.some((c) => c.rel?.kind === 'computed')) return ['*'];
  const fkCols = root.children.flatMap((c) => {
    const r = c.rel;
    if (!r || r.kind === 'computed') return [];
    if (r.card.kind === 'M2M') return r.card.sourceColumns.map((x) => x[0]);
    return r.card.columns.map((x) => x[0]);
  });
  return [...new Set([...names, ...fkCols, ...pkCols])].sort();
}
