/**
 * A `postgres_changes` binding as Realtime reads it: event, schema, table, the PostgREST-style
 * filter string (`col=op.value`, comma = AND, `not.` prefix, double-quoted values) and an
 * optional column selection; error texts are Realtime's, since clients show them.
 */

export const FILTER_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike', 'is', 'match', 'imatch', 'isdistinct'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export type ChangeAction = 'INSERT' | 'UPDATE' | 'DELETE';

export interface ColumnFilter {
  column: string;
  op: FilterOp;
  /** For `in`, a Postgres array literal (`{a,b}`); otherwise the unquoted value. */
  value: string;
  negate: boolean;
}

export interface SubscriptionParams {
  action: '*' | ChangeAction;
  /** `*` matches every schema (or table) in the publication. */
  schema: string;
  table: string;
  filters: ColumnFilter[];
  select: string[] | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How Elixir's `inspect` prints decoded JSON, for messages that echo the client's params. */
export function inspectElixir(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inspectElixir).join(', ')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `%{${keys.map((k) => `${JSON.stringify(k)} => ${inspectElixir(value[k])}`).join(', ')}}`;
  }
  return String(value);
}

function actionFilter(params: Record<string, unknown>): SubscriptionParams['action'] {
  const event = params.event;
  if (typeof event !== 'string') return '*';
  const upper = event.toUpperCase();
  return upper === 'INSERT' || upper === 'UPDATE' || upper === 'DELETE' ? upper : '*';
}

/** Splits on commas outside parentheses and outside a double quote opened after `.`, `(` or `,`. */
export function splitTopLevel(filter: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  let prev = '';
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i]!;
    if (quoted) {
      if (ch === '\\' && i + 1 < filter.length) {
        current += ch + filter[i + 1]!;
        prev = filter[i + 1]!;
        i++;
      } else {
        current += ch;
        if (ch === '"') quoted = false;
        prev = ch;
      }
      continue;
    }
    if (ch === '"' && (prev === '.' || prev === '(' || prev === ',')) {
      quoted = true;
      current += ch;
    } else if (ch === '(') {
      depth++;
      current += ch;
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
      current += ch;
    } else if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
      prev = '';
      continue;
    } else {
      current += ch;
    }
    prev = ch;
  }
  parts.push(current);
  return parts;
}

/** `"a\"b"` → `a"b`; a value that is not one well-formed quoted string stays as written. */
function unquoteValue(value: string): string {
  if (!value.startsWith('"')) return value;
  let out = '';
  for (let i = 1; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      out += value[i + 1]!;
      i++;
    } else if (ch === '"') {
      return i === value.length - 1 ? out : value;
    } else {
      out += ch;
    }
  }
  return value;
}

function splitOnce(s: string, sep: string): string[] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + sep.length)];
}

function parseSegment(segment: string): Parsed<ColumnFilter> {
  const trimmed = segment.trim();
  if (trimmed === '') return { ok: false, message: 'filter must not contain empty segments (check for extra commas)' };
  const colRest = splitOnce(trimmed, '=');
  if (colRest.length !== 2) return { ok: false, message: inspectElixir(colRest) };
  const [column, rest] = colRest as [string, string];
  const negate = rest.startsWith('not.');
  const opValue = splitOnce(negate ? rest.slice(4) : rest, '.');
  if (opValue.length !== 2) return { ok: false, message: inspectElixir(opValue) };
  const [op, value] = opValue as [string, string];
  if (!(FILTER_OPS as readonly string[]).includes(op)) return { ok: false, message: inspectElixir(opValue) };
  if (op === 'in') {
    if (value.length < 2 || !value.startsWith('(') || !value.endsWith(')')) {
      return { ok: false, message: '`in` filter value must be wrapped by parentheses' };
    }
    return { ok: true, value: { column, op, value: `{${value.slice(1, -1)}}`, negate } };
  }
  return { ok: true, value: { column, op: op as FilterOp, value: unquoteValue(value), negate } };
}

export function parseFilters(filter: string): Parsed<ColumnFilter[]> {
  const trimmed = filter.trim();
  if (trimmed === '') return { ok: true, value: [] };
  const out: ColumnFilter[] = [];
  for (const segment of splitTopLevel(trimmed)) {
    const parsed = parseSegment(segment);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return { ok: true, value: out };
}

function parseSelect(params: Record<string, unknown>): Parsed<string[] | null> {
  const select = params.select;
  if (Array.isArray(select)) {
    const cols = select.filter((c): c is string => typeof c === 'string');
    return { ok: true, value: cols.length ? cols : null };
  }
  if (typeof select === 'string') {
    return { ok: false, message: 'Error parsing `select` params: expected a list of column name strings, e.g. select: ["col1", "col2"]' };
  }
  return { ok: true, value: null };
}

export function parseSubscriptionParams(params: unknown): Parsed<SubscriptionParams> {
  if (!isRecord(params)) {
    return { ok: false, message: `No subscription params provided. Please provide at least a \`schema\` or \`table\` to subscribe to: ${inspectElixir(params)}` };
  }
  const action = actionFilter(params);
  const select = parseSelect(params);
  if (!select.ok) return select;
  const { schema, table, filter } = params;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(params, k);
  let result: { schema: string; table: string; filters: ColumnFilter[] };
  if (typeof schema === 'string' && typeof table === 'string' && typeof filter === 'string') {
    const filters = parseFilters(filter);
    if (!filters.ok) return { ok: false, message: `Error parsing \`filter\` params: ${filters.message}` };
    result = { schema, table, filters: filters.value };
  } else if (typeof schema === 'string' && typeof table === 'string' && !has('filter')) {
    result = { schema, table, filters: [] };
  } else if (typeof schema === 'string' && !has('table') && !has('filter')) {
    result = { schema, table: '*', filters: [] };
  } else if (typeof table === 'string' && !has('schema') && !has('filter')) {
    result = { schema: 'public', table, filters: [] };
  } else {
    const shown = has('user_token') || has('auth_token') ? '<redacted>' : inspectElixir(params);
    return { ok: false, message: `No subscription params provided. Please provide at least a \`schema\` or \`table\` to subscribe to: ${shown}` };
  }
  if (select.value && (result.schema === '*' || result.table === '*')) {
    return { ok: false, message: 'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.' };
  }
  return { ok: true, value: { action, ...result, select: select.value } };
}

/** The parameters as Realtime logs them in subscription errors. */
export function describeParams(p: SubscriptionParams): string {
  const filters = `[${p.filters.map((f) => `{${JSON.stringify(f.column)}, ${JSON.stringify(f.op)}, ${JSON.stringify(f.value)}, ${f.negate}}`).join(', ')}]`;
  return `event: ${p.action}, schema: ${p.schema}, table: ${p.table}, filters: ${filters}, select: ${inspectElixir(p.select)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The binding id Realtime replies with: a 27-bit hash of the params map (Erlang's phash2 range),
 * so identical bindings get identical ids.
 */
export function bindingId(params: unknown): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(canonicalJson(params), 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7ffffff;
}

const COMPARISON: Partial<Record<FilterOp, string>> = {
  eq: '=',
  neq: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
};

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The SQL test of one filter against row alias `r`, comparing in the column's own type as
 * Realtime's `check_equality_op` does. `param` registers a text parameter and returns `$n`.
 */
export function filterPredicate(f: ColumnFilter, regtype: string, param: (value: string) => string): string {
  const col = `r.${quoteIdent(f.column)}`;
  let expr: string;
  if (f.op === 'in') expr = `${col} = any(${param(f.value)}::${regtype}[])`;
  else if (f.op === 'is') {
    const keyword = f.value.toLowerCase();
    if (!['null', 'true', 'false', 'unknown'].includes(keyword)) throw new Error(`invalid value for is filter: ${f.value}`);
    expr = `${col} is ${keyword}`;
  } else if (f.op === 'isdistinct') expr = `${col} is distinct from ${param(f.value)}::${regtype}`;
  else expr = `${col} ${COMPARISON[f.op]!} ${param(f.value)}::${regtype}`;
  return f.negate ? `not (${expr})` : expr;
}
