/**
 * SQL for a plan (PostgREST's Query/QueryBuilder): the read tree as lateral joins, filters,
 * orders and ranges. Identifiers are quoted and values bound as parameters.
 */
import type { AggregateFunction, JsonOperation } from './query-params.ts';
import { type CField, type CFilter, type CLogic, type COrder, type CSelect, type ColumnRef, type ReadNode, nodeRel } from './plan/read.ts';
import { type RowRange, isAllRange, rangeLimit } from './range.ts';
import { type Params, arrayLiteral, ident, qualified, safeCast } from './sql.ts';

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
