/**
 * The PostgREST query-string grammar (select, filters, order, logic trees, columns, on_conflict)
 * as a backtracking recursive-descent parser producing an AST. Error texts follow PostgREST's
 * Parsec output: message `"failed to parse <what> (<input>)" (line 1, column N)` and details
 * `unexpected … expecting …`.
 */

export type JsonArrow = '->' | '->>';
export interface JsonOperation {
  arrow: JsonArrow;
  /** Key text, or a signed index such as `+1` / `-2` when `index` is true. */
  key: string;
  index: boolean;
}
export interface Field {
  name: string;
  jsonPath: JsonOperation[];
}

export type AggregateFunction = 'sum' | 'avg' | 'count' | 'max' | 'min';
export type JoinType = 'inner' | 'left';

export interface SelectField {
  type: 'field';
  field: Field;
  alias?: string;
  cast?: string;
  aggregate?: AggregateFunction;
  aggregateCast?: string;
}
export interface SelectRelation {
  type: 'relation';
  name: string;
  alias?: string;
  hint?: string;
  joinType?: JoinType;
  children: SelectItem[];
}
export interface SelectSpread {
  type: 'spread';
  name: string;
  hint?: string;
  joinType?: JoinType;
  children: SelectItem[];
}
export type SelectItem = SelectField | SelectRelation | SelectSpread;

export type SimpleOperator = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj';
export type QuantOperator = 'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'like' | 'ilike' | 'match' | 'imatch';
export type FtsOperator = 'fts' | 'plfts' | 'phfts' | 'wfts';
export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type Operation =
  | { kind: 'simple'; op: SimpleOperator; value: string }
  | { kind: 'quant'; op: QuantOperator; quantifier?: 'any' | 'all'; value: string }
  | { kind: 'in'; values: string[] }
  | { kind: 'is'; value: IsValue }
  | { kind: 'isdistinct'; value: string }
  | { kind: 'fts'; op: FtsOperator; language?: string; value: string };

export interface OpExpr {
  negated: boolean;
  operation: Operation;
}
export interface Filter {
  field: Field;
  /** `noOp` only for RPC GET arguments, whose values carry no operator. */
  expr: OpExpr | { noOp: string };
}
export type LogicTree =
  | { type: 'stmt'; filter: Filter }
  | { type: 'expr'; negated: boolean; op: 'and' | 'or'; children: LogicTree[] };

export type OrderTerm =
  | { type: 'field'; field: Field; direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' }
  | { type: 'relation'; relation: string; field: Field; direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' };

export class QueryParamError extends Error {
  constructor(
    message: string,
    readonly details: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Parser machinery

const FAIL = Symbol('fail');
type R<T> = T | typeof FAIL;

class Parser {
  pos = 0;
  private errPos = -1;
  private expected = new Set<string>();
  private unexpectedMsg: string | undefined;

  constructor(readonly s: string) {}

  expect(label: string, at = this.pos): typeof FAIL {
    if (at > this.errPos) {
      this.errPos = at;
      this.expected = new Set([label]);
      this.unexpectedMsg = undefined;
    } else if (at === this.errPos) {
      this.expected.add(label);
    }
    return FAIL;
  }

  /** A failure that names what was found (Parsec's `unexpected`), e.g. a bad `is` value. */
  unexpected(msg: string, at = this.pos): typeof FAIL {
    if (at >= this.errPos) {
      if (at > this.errPos) this.expected = new Set();
      this.errPos = at;
      this.unexpectedMsg = msg;
    }
    return FAIL;
  }

  peek(n = 0): string | undefined {
    return this.s[this.pos + n];
  }

  eof(): boolean {
    return this.pos >= this.s.length;
  }

  str(lit: string, label = JSON.stringify(lit)): R<string> {
    if (this.s.startsWith(lit, this.pos)) {
      this.pos += lit.length;
      return lit;
    }
    return this.expect(label);
  }

  char(c: string, label = JSON.stringify(c)): R<string> {
    if (this.s[this.pos] === c) {
      this.pos++;
      return c;
    }
    return this.expect(label);
  }

  /** Runs `fn`, restoring the position when it fails (Parsec's `try`). */
  attempt<T>(fn: () => R<T>): R<T> {
    const start = this.pos;
    const r = fn();
    if (r === FAIL) this.pos = start;
    return r;
  }

  lookAhead(lit: string): boolean {
    return this.s.startsWith(lit, this.pos);
  }

  ws(): void {
    while (this.s[this.pos] === ' ' || this.s[this.pos] === '\t') this.pos++;
  }

  error(what: string): QueryParamError {
    const at = this.errPos < 0 ? this.pos : this.errPos;
    const message = `${JSON.stringify(what)} (line 1, column ${at + 1})`;
    const parts: string[] = [];
    if (this.unexpectedMsg) parts.push(`unexpected ${this.unexpectedMsg}`);
    else parts.push(at >= this.s.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(this.s[at])}`);
    const exp = [...this.expected];
    if (exp.length > 0) {
      const list = exp.length === 1 ? exp[0]! : `${exp.slice(0, -1).join(', ')} or ${exp[exp.length - 1]!}`;
      parts.push(`expecting ${list}`);
    }
    return new QueryParamError(message, parts.join(' '));
  }
}

/**
 * Deepest nesting of select embeds and logic trees accepted. The parser recurses per level, and so
 * do the plan, the SQL and Postgres's own parser; real requests nest a handful of levels.
 */
export const MAX_NESTING = 64;

/** Fails fast, before any recursion, on a value nested deeper than MAX_NESTING parentheses. */
function checkNesting(value: string, what: string): void {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') {
      depth++;
      if (depth > MAX_NESTING) {
        throw new QueryParamError(`${JSON.stringify(`failed to parse ${what}`)} (line 1, column ${i + 1})`, `nesting deeper than ${MAX_NESTING} levels`);
      }
    } else if (c === ')') depth--;
  }
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isIdentChar = (c: string | undefined): boolean => c !== undefined && (isLetter(c) || c === '_' || c === ' ' || c === '$');

function pQuotedValue(p: Parser): R<string> {
  if (p.peek() !== '"') return p.expect('"\\""');
  p.pos++;
  let out = '';
  for (;;) {
    const c = p.peek();
    if (c === undefined) return p.expect('"\\""');
    if (c === '"') {
      p.pos++;
      return out;
    }
    if (c === '\\') {
      const next = p.peek(1);
      if (next === undefined) {
        p.pos++;
        return p.expect('any character');
      }
      out += next;
      p.pos += 2;
      continue;
    }
    out += c;
    p.pos++;
  }
}

function pIdentifier(p: Parser, label = 'letter or digit'): R<string> {
  const start = p.pos;
  while (isIdentChar(p.peek())) p.pos++;
  if (p.pos === start) return p.expect(label);
  return p.s.slice(start, p.pos).trim();
}

/** Identifiers joined by dashes that do not start an arrow (`a-b` but not `a->b`). */
function sepByDash(p: Parser, ident: () => R<string>): R<string> {
  const first = ident();
  if (first === FAIL) return FAIL;
  const parts = [first];
  for (;;) {
    if (p.peek() === '-' && p.peek(1) !== '>') {
      const save = p.pos;
      p.pos++;
      const next = ident();
      if (next === FAIL) {
        p.pos = save;
        break;
      }
      parts.push(next);
    } else {
      p.expect('"-"');
      break;
    }
  }
  return parts.join('-');
}

const FIELD_NAME = 'field name (* or [a..z0..9_$])';

function pFieldName(p: Parser): R<string> {
  if (p.peek() === '"') return pQuotedValue(p);
  const r = sepByDash(p, () => pIdentifier(p));
  if (r === FAIL) return p.expect(FIELD_NAME);
  return r;
}

function pJsonKeyName(p: Parser): R<string> {
  if (p.peek() === '"') return pQuotedValue(p);
  return sepByDash(p, () => {
    const start = p.pos;
    while (p.pos < p.s.length && !'(-:.,>)'.includes(p.s[p.pos]!)) p.pos++;
    if (p.pos === start) return p.expect('any non reserved character different from: .,>()');
    return p.s.slice(start, p.pos).trim();
  });
}

function pJsonPath(p: Parser): JsonOperation[] {
  const path: JsonOperation[] = [];
  for (;;) {
    let arrow: JsonArrow;
    if (p.lookAhead('->>')) arrow = '->>';
    else if (p.lookAhead('->')) arrow = '->';
    else {
      p.expect('"->>"');
      p.expect('"->"');
      return path;
    }
    const save = p.pos;
    p.pos += arrow.length;
    const idx = p.attempt(() => {
      let sign = '+';
      if (p.peek() === '-') {
        sign = '-';
        p.pos++;
      }
      const start = p.pos;
      while (p.peek() !== undefined && /[0-9]/.test(p.peek()!)) p.pos++;
      if (p.pos === start) return p.expect('digit');
      const digits = p.s.slice(start, p.pos);
      if (p.eof() || p.lookAhead('->') || p.lookAhead('::') || p.lookAhead('.') || p.lookAhead(',')) return sign + digits;
      return p.expect('digit');
    });
    if (idx !== FAIL) {
      path.push({ arrow, key: idx, index: true });
      continue;
    }
    const key = p.attempt(() => pJsonKeyName(p));
    if (key === FAIL) {
      p.pos = save;
      return path;
    }
    path.push({ arrow, key, index: false });
  }
}

function pField(p: Parser): R<Field> {
  p.ws();
  const name = pFieldName(p);
  if (name === FAIL) return FAIL;
  const jsonPath = pJsonPath(p);
  p.ws();
  return { name, jsonPath };
}

/** `::type`: a cast needs at least one letter or digit (`id:: ` is a parse error, not an empty cast). */
function pCast(p: Parser): R<string> {
  p.pos += 2;
  const at = p.pos;
  const c = pIdentifier(p);
  if (c === FAIL) return FAIL;
  if (c === '') {
    p.pos = at;
    while (p.peek() === ' ') p.pos++;
    return p.expect('letter or digit');
  }
  return c;
}

function aliasSeparator(p: Parser): R<string> {
  if (p.peek() === ':' && p.peek(1) !== ':') {
    p.pos++;
    return ':';
  }
  return p.expect('":"');
}

// ---------------------------------------------------------------------------------------------
// select=

function pEmbedParams(p: Parser): { hint?: string; joinType?: JoinType } {
  const out: { hint?: string; joinType?: JoinType } = {};
  for (let i = 0; i < 2; i++) {
    if (p.peek() !== '!') {
      p.expect('"!"');
      break;
    }
    const save = p.pos;
    p.pos++;
    let matched = false;
    for (const jt of ['left', 'inner'] as const) {
      // A hint may start with these words (e.g. `!inner_fk`); only the whole word is a join type.
      if (p.lookAhead(jt) && (p.s[p.pos + jt.length] === '(' || p.s[p.pos + jt.length] === '!')) {
        p.pos += jt.length;
        out.joinType ??= jt;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const hint = pFieldName(p);
    if (hint === FAIL) {
      p.pos = save;
      break;
    }
    out.hint ??= hint;
  }
  return out;
}

function pSelectEnd(p: Parser): boolean {
  if (p.eof() || p.peek() === ')' || p.peek() === ',') return true;
  p.expect('")"');
  p.expect('","');
  p.expect('end of input');
  return false;
}

const AGGREGATES: AggregateFunction[] = ['sum', 'avg', 'count', 'max', 'min'];

function pFieldSelect(p: Parser): R<SelectField> {
  p.ws();
  const star = p.attempt(() => {
    if (p.char('*') === FAIL) return FAIL;
    p.ws();
    return pSelectEnd(p) ? ('*' as const) : FAIL;
  });
  if (star !== FAIL) return { type: 'field', field: { name: '*', jsonPath: [] } };

  const countOnly = p.attempt((): R<SelectField> => {
    const alias = p.attempt(() => {
      const a = pFieldName(p);
      if (a === FAIL) return FAIL;
      return aliasSeparator(p) === FAIL ? FAIL : a;
    });
    if (p.str('count()') === FAIL) return FAIL;
    let aggregateCast: string | undefined;
    if (p.lookAhead('::')) {
      const c = pCast(p);
      if (c === FAIL) return FAIL;
      aggregateCast = c;
    }
    p.ws();
    if (!pSelectEnd(p)) return FAIL;
    const out: SelectField = { type: 'field', field: { name: '*', jsonPath: [] }, aggregate: 'count' };
    if (alias !== FAIL) out.alias = alias;
    if (aggregateCast !== undefined) out.aggregateCast = aggregateCast;
    return out;
  });
  if (countOnly !== FAIL) return countOnly;

  const alias = p.attempt(() => {
    const a = pFieldName(p);
    if (a === FAIL) return FAIL;
    return aliasSeparator(p) === FAIL ? FAIL : a;
  });
  const field = pField(p);
  if (field === FAIL) return FAIL;
  const out: SelectField = { type: 'field', field };
  if (alias !== FAIL) out.alias = alias;
  if (p.lookAhead('::')) {
    const c = pCast(p);
    if (c === FAIL) return FAIL;
    out.cast = c;
  } else p.expect('"::"');
  const agg = p.attempt((): R<AggregateFunction> => {
    if (p.char('.', '"."') === FAIL) return FAIL;
    for (const a of AGGREGATES) {
      if (p.lookAhead(`${a}()`)) {
        p.pos += a.length + 2;
        return a;
      }
    }
    return p.expect('aggregate function');
  });
  if (agg !== FAIL) {
    out.aggregate = agg;
    if (p.lookAhead('::')) {
      const c = pCast(p);
      if (c === FAIL) return FAIL;
      out.aggregateCast = c;
    }
  }
  p.ws();
  if (!pSelectEnd(p)) return FAIL;
  return out;
}

function pRelationHeader(p: Parser, spread: boolean): R<Omit<SelectRelation, 'children' | 'type'>> {
  p.ws();
  let alias: string | undefined;
  if (spread) {
    if (p.str('...') === FAIL) return FAIL;
  } else {
    const a = p.attempt(() => {
      const n = pFieldName(p);
      if (n === FAIL) return FAIL;
      return aliasSeparator(p) === FAIL ? FAIL : n;
    });
    if (a !== FAIL) alias = a;
  }
  const name = pFieldName(p);
  if (name === FAIL) return FAIL;
  if (!spread && name === 'count') return FAIL;
  const params = pEmbedParams(p);
  if (p.peek() !== '(') return p.expect('"("');
  const out: Omit<SelectRelation, 'children' | 'type'> = { name };
  if (alias !== undefined) out.alias = alias;
  if (params.hint !== undefined) out.hint = params.hint;
  if (params.joinType !== undefined) out.joinType = params.joinType;
  return out;
}

function pFieldForest(p: Parser): R<SelectItem[]> {
  const items: SelectItem[] = [];
  p.ws();
  if (p.eof() || p.peek() === ')') return items;
  for (;;) {
    const item = pFieldTree(p);
    if (item === FAIL) return FAIL;
    items.push(item);
    p.ws();
    if (p.peek() === ',') {
      p.pos++;
      p.ws();
      continue;
    }
    p.expect('","');
    return items;
  }
}

function pChildren(p: Parser): R<SelectItem[]> {
  if (p.char('(') === FAIL) return FAIL;
  const children = pFieldForest(p);
  if (children === FAIL) return FAIL;
  if (p.char(')') === FAIL) return FAIL;
  p.ws();
  return children;
}

function pFieldTree(p: Parser): R<SelectItem> {
  const spread = p.attempt(() => pRelationHeader(p, true));
  if (spread !== FAIL) {
    const children = pChildren(p);
    if (children === FAIL) return FAIL;
    const out: SelectSpread = { type: 'spread', name: spread.name, children };
    if (spread.hint !== undefined) out.hint = spread.hint;
    if (spread.joinType !== undefined) out.joinType = spread.joinType;
    return out;
  }
  const rel = p.attempt(() => pRelationHeader(p, false));
  if (rel !== FAIL) {
    const children = pChildren(p);
    if (children === FAIL) return FAIL;
    return { type: 'relation', ...rel, children };
  }
  return pFieldSelect(p);
}

export function parseSelect(input: string): SelectItem[] {
  checkNesting(input, `select parameter (${input})`);
  const p = new Parser(input);
  const r = pFieldForest(p);
  if (r === FAIL || !p.eof()) {
    if (r !== FAIL) p.expect('end of input');
    throw p.error(`failed to parse select parameter (${input})`);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Filters

function pListElement(p: Parser): string {
  const quoted = p.attempt(() => {
    const q = pQuotedValue(p);
    if (q === FAIL) return FAIL;
    p.ws();
    if (p.eof() || p.peek() === ',' || p.peek() === ')') return q;
    return p.expect('"," or ")"');
  });
  if (quoted !== FAIL) return quoted;
  const start = p.pos;
  while (p.pos < p.s.length && p.s[p.pos] !== ',' && p.s[p.pos] !== ')') p.pos++;
  return p.s.slice(start, p.pos);
}

function pListVal(p: Parser): R<string[]> {
  p.ws();
  if (p.char('(') === FAIL) return FAIL;
  p.ws();
  const out = [pListElement(p)];
  while (p.peek() === ',') {
    p.pos++;
    out.push(pListElement(p));
  }
  p.ws();
  if (p.char(')') === FAIL) return FAIL;
  p.ws();
  return out;
}

const SIMPLE_OPS: SimpleOperator[] = ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'];
const QUANT_OPS: QuantOperator[] = ['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch'];
const FTS_OPS: FtsOperator[] = ['fts', 'plfts', 'phfts', 'wfts'];
const OPERATOR = 'operator (eq, gt, ...)';

type ValueParser = (p: Parser) => string;

function pOpExpr(p: Parser, pValue: ValueParser): R<OpExpr> {
  let negated = false;
  if (p.lookAhead('not.')) {
    p.pos += 4;
    negated = true;
  } else p.expect('"not"');

  const start = p.pos;
  const delim = (): boolean => {
    if (p.peek() === '.') {
      p.pos++;
      return true;
    }
    p.expect('delimiter (.)');
    return false;
  };

  // in.(…)
  if (p.lookAhead('in.')) {
    p.pos += 3;
    const values = pListVal(p);
    if (values === FAIL) return FAIL;
    return { negated, operation: { kind: 'in', values } };
  }
  // is.<null|not_null|true|false|unknown>
  if (p.lookAhead('is.')) {
    p.pos += 3;
    for (const v of ['null', 'not_null', 'true', 'false', 'unknown'] as const) {
      if (p.s.slice(p.pos, p.pos + v.length).toLowerCase() === v) {
        p.pos += v.length;
        return { negated, operation: { kind: 'is', value: v } };
      }
    }
    return p.expect('isVal: (null, not_null, true, false, unknown)');
  }
  if (p.lookAhead('isdistinct.')) {
    p.pos += 'isdistinct.'.length;
    return { negated, operation: { kind: 'isdistinct', value: pValue(p) } };
  }
  for (const op of FTS_OPS) {
    if (!p.lookAhead(op)) continue;
    const save = p.pos;
    p.pos += op.length;
    let language: string | undefined;
    if (p.peek() === '(') {
      const lang = p.attempt(() => {
        p.pos++;
        const l = pIdentifier(p);
        if (l === FAIL) return FAIL;
        return p.char(')') === FAIL ? FAIL : l;
      });
      if (lang !== FAIL) language = lang;
    }
    if (!delim()) {
      p.pos = save;
      continue;
    }
    const operation: Operation = { kind: 'fts', op, value: pValue(p) };
    if (language !== undefined) operation.language = language;
    return { negated, operation };
  }
  for (const op of SIMPLE_OPS) {
    if (p.lookAhead(`${op}.`)) {
      p.pos += op.length + 1;
      return { negated, operation: { kind: 'simple', op, value: pValue(p) } };
    }
  }
  for (const op of QUANT_OPS) {
    if (!p.lookAhead(op)) continue;
    const save = p.pos;
    p.pos += op.length;
    let quantifier: 'any' | 'all' | undefined;
    if (p.lookAhead('(any)')) {
      quantifier = 'any';
      p.pos += 5;
    } else if (p.lookAhead('(all)')) {
      quantifier = 'all';
      p.pos += 5;
    }
    if (!delim()) {
      p.pos = save;
      continue;
    }
    const operation: Operation = { kind: 'quant', op, value: pValue(p) };
    if (quantifier) operation.quantifier = quantifier;
    return { negated, operation };
  }
  p.pos = start;
  return p.expect(OPERATOR);
}

const restOfInput: ValueParser = (p) => {
  const v = p.s.slice(p.pos);
  p.pos = p.s.length;
  return v;
};

/** A value inside `or=(…)`: a quoted value, a `{…}` array literal, or text up to `,` / `)`. */
const logicValue: ValueParser = (p) => {
  const quoted = p.attempt(() => {
    const q = pQuotedValue(p);
    if (q === FAIL) return FAIL;
    if (p.eof() || p.peek() === ',' || p.peek() === ')') return q;
    return FAIL;
  });
  if (quoted !== FAIL) return quoted;
  if (p.peek() === '{') {
    const end = p.s.indexOf('}', p.pos);
    const inner = end < 0 ? '' : p.s.slice(p.pos + 1, end);
    if (end >= 0 && !inner.includes('{')) {
      const v = p.s.slice(p.pos, end + 1);
      p.pos = end + 1;
      return v;
    }
  }
  const start = p.pos;
  while (p.pos < p.s.length && p.s[p.pos] !== ',' && p.s[p.pos] !== ')') p.pos++;
  return p.s.slice(start, p.pos);
};

/** Splits a filter key such as `actors.roles.name->x` into an embed path and the field. */
export function parseTreePath(key: string): { path: string[]; field: Field } {
  const p = new Parser(key);
  const names: string[] = [];
  for (;;) {
    const n = pFieldName(p);
    if (n === FAIL) throw p.error(`failed to parse tree path (${key})`);
    names.push(n);
    if (p.peek() === '.') {
      p.pos++;
      continue;
    }
    break;
  }
  const jsonPath = pJsonPath(p);
  if (!p.eof()) {
    p.expect('delimiter (.)');
    throw p.error(`failed to parse tree path (${key})`);
  }
  return { path: names.slice(0, -1), field: { name: names[names.length - 1]!, jsonPath } };
}

export function parseFilterValue(value: string, rpcRead: boolean): OpExpr | { noOp: string } {
  const p = new Parser(value);
  const r = pOpExpr(p, restOfInput);
  if (r === FAIL || !p.eof()) {
    if (rpcRead) return { noOp: value };
    if (r !== FAIL) p.expect('end of input');
    throw p.error(`failed to parse filter (${value})`);
  }
  return r;
}

export function parseFilter(key: string, value: string, rpcRead = false): { path: string[]; filter: Filter } {
  const { path, field } = parseTreePath(key);
  return { path, filter: { field, expr: parseFilterValue(value, rpcRead) } };
}

// ---------------------------------------------------------------------------------------------
// and= / or=

function pLogicTree(p: Parser): R<LogicTree> {
  const stmt = p.attempt((): R<LogicTree> => {
    const field = pField(p);
    if (field === FAIL) return FAIL;
    if (p.char('.', 'delimiter (.)') === FAIL) return FAIL;
    const expr = pOpExpr(p, logicValue);
    if (expr === FAIL) return FAIL;
    return { type: 'stmt', filter: { field, expr } };
  });
  if (stmt !== FAIL) return stmt;
  let negated = false;
  if (p.lookAhead('not.')) {
    p.pos += 4;
    negated = true;
  } else p.expect('negation operator (not)');
  let op: 'and' | 'or';
  if (p.lookAhead('and')) {
    op = 'and';
    p.pos += 3;
  } else if (p.lookAhead('or')) {
    op = 'or';
    p.pos += 2;
  } else return p.expect('logic operator (and, or)');
  p.ws();
  if (p.char('(') === FAIL) return FAIL;
  p.ws();
  const children: LogicTree[] = [];
  for (;;) {
    const child = pLogicTree(p);
    if (child === FAIL) return FAIL;
    children.push(child);
    p.ws();
    if (p.peek() === ',') {
      p.pos++;
      p.ws();
      continue;
    }
    break;
  }
  if (p.char(')') === FAIL) return FAIL;
  p.ws();
  return { type: 'expr', negated, op, children };
}

/** `or=(…)`, `a.b.not.and=(…)`: returns the embed path and the tree. */
export function parseLogic(key: string, value: string): { path: string[]; tree: LogicTree } {
  const kp = new Parser(key);
  const names: string[] = [];
  for (;;) {
    const n = pFieldName(kp);
    if (n === FAIL) throw kp.error(`failed to parse logic path (${key})`);
    names.push(n);
    if (kp.peek() === '.') {
      kp.pos++;
      continue;
    }
    break;
  }
  const op = names[names.length - 1]!;
  const negated = names.includes('not');
  const path = names.slice(0, -1).filter((n) => n !== 'not');
  checkNesting(value, `logic tree (${value})`);
  const text = `${negated ? 'not.' : ''}${op}${value}`;
  const p = new Parser(text);
  const tree = pLogicTree(p);
  if (tree === FAIL || !p.eof()) {
    if (tree !== FAIL) p.expect('end of input');
    throw p.error(`failed to parse logic tree (${value})`);
  }
  return { path, tree };
}

// ---------------------------------------------------------------------------------------------
// order=

function pOrderDirNulls(p: Parser): R<{ direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' }> {
  const out: { direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' } = {};
  const atEnd = () => p.eof() || p.peek() === ',';
  if (p.peek() === '.') {
    const save = p.pos;
    p.pos++;
    if (p.lookAhead('asc')) {
      out.direction = 'asc';
      p.pos += 3;
    } else if (p.lookAhead('desc')) {
      out.direction = 'desc';
      p.pos += 4;
    } else p.pos = save;
  }
  if (p.peek() === '.') {
    const save = p.pos;
    p.pos++;
    if (p.lookAhead('nullsfirst')) {
      out.nulls = 'first';
      p.pos += 10;
    } else if (p.lookAhead('nullslast')) {
      out.nulls = 'last';
      p.pos += 9;
    } else {
      p.pos = save + 1;
      if (out.direction) return p.expect('"nullsfirst" or "nullslast"');
      return p.expect('"asc", "desc", "nullsfirst" or "nullslast"');
    }
  }
  p.ws();
  if (!atEnd()) {
    if (!out.nulls) p.expect('delimiter (.)');
    p.expect('","');
    p.expect('end of input');
    return FAIL;
  }
  return out;
}

export function parseOrder(key: string, value: string): { path: string[]; terms: OrderTerm[] } {
  const { path } = parseTreePath(key);
  const p = new Parser(value);
  const terms: OrderTerm[] = [];
  for (;;) {
    p.ws();
    const rel = p.attempt((): R<OrderTerm> => {
      const relation = pFieldName(p);
      if (relation === FAIL) return FAIL;
      if (p.char('(') === FAIL) return FAIL;
      const field = pField(p);
      if (field === FAIL) return FAIL;
      if (p.char(')') === FAIL) return FAIL;
      const dn = pOrderDirNulls(p);
      if (dn === FAIL) return FAIL;
      return { type: 'relation', relation, field, ...dn };
    });
    let term: R<OrderTerm> = rel;
    if (term === FAIL) {
      term = p.attempt((): R<OrderTerm> => {
        const field = pField(p);
        if (field === FAIL) return FAIL;
        const dn = pOrderDirNulls(p);
        if (dn === FAIL) return FAIL;
        return { type: 'field', field, ...dn };
      });
    }
    if (term === FAIL) throw p.error(`failed to parse order (${value})`);
    terms.push(term);
    if (p.peek() === ',') {
      p.pos++;
      continue;
    }
    if (!p.eof()) throw p.error(`failed to parse order (${value})`);
    return { path, terms };
  }
}

// ---------------------------------------------------------------------------------------------
// columns= / on_conflict=

export function parseColumns(value: string, what: 'columns' | 'on_conflict'): string[] {
  const p = new Parser(value);
  const out: string[] = [];
  for (;;) {
    p.ws();
    const n = pFieldName(p);
    if (n === FAIL) throw p.error(`failed to parse ${what} parameter (${value})`);
    out.push(n);
    p.ws();
    if (p.peek() === ',') {
      p.pos++;
      continue;
    }
    if (!p.eof()) {
      p.expect('","');
      p.expect('end of input');
      throw p.error(`failed to parse ${what} parameter (${value})`);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// The whole query string

export interface Range {
  offset: number;
  /** Undefined for no upper bound. */
  limit: number | undefined;
}

export interface QueryParams {
  /** Canonical query string (sorted by key) for Content-Location. */
  canonical: string;
  select: SelectItem[];
  filters: { path: string[]; filter: Filter }[];
  logic: { path: string[]; tree: LogicTree }[];
  order: { path: string[]; terms: OrderTerm[] }[];
  /** Keyed by embed path joined with `.` ('' for the root). */
  ranges: Map<string, { limit?: number; offset?: number }>;
  columns: string[] | undefined;
  onConflict: string[] | undefined;
  /** RPC GET arguments: params without an operator. */
  rpcArgs: [string, string][];
}

const RESERVED = new Set(['select', 'columns', 'on_conflict']);
const RESERVED_EMBEDDABLE = new Set(['order', 'limit', 'offset', 'and', 'or']);

const lastWord = (key: string): string => {
  const i = key.lastIndexOf('.');
  return i < 0 ? key : key.slice(i + 1);
};

function parseInteger(raw: string): number | undefined {
  const t = raw.trim();
  if (!/^-?\d+$/.test(t)) return undefined;
  return Number(t);
}

const parsedCache = new Map<string, QueryParams>();
const PARSED_CACHE_SIZE = 1000;

/** Like `parseQueryParams`, memoised on the raw query string (the result is never mutated). */
export function parseQueryString(search: URLSearchParams, rpcRead: boolean): QueryParams {
  const key = `${rpcRead ? 'r' : 't'}${search.toString()}`;
  const hit = parsedCache.get(key);
  if (hit) return hit;
  const qp = parseQueryParams([...search], rpcRead);
  if (parsedCache.size >= PARSED_CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(key, qp);
  return qp;
}

/** Parses an already-decoded list of query parameters (`+` counts as a space). */
export function parseQueryParams(entries: [string, string][], rpcRead: boolean): QueryParams {
  const canonical = [...entries]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${encodeQs(k)}=${encodeQs(v)}`)
    .join('&');
  const lookup = (k: string) => {
    const e = entries.find(([key]) => key === k);
    return e ? e[1] : undefined;
  };
  const nonEmpty = entries.filter(([, v]) => v !== '');
  const selectRaw = lookup('select');
  const select = parseSelect(selectRaw ?? '*');
  const order = nonEmpty.filter(([k]) => lastWord(k) === 'order').map(([k, v]) => parseOrder(k, v));
  const logic = nonEmpty.filter(([k]) => lastWord(k) === 'and' || lastWord(k) === 'or').map(([k, v]) => parseLogic(k, v));
  const columnsRaw = lookup('columns');
  const columns = columnsRaw === undefined ? undefined : parseColumns(columnsRaw, 'columns');
  const onConflictRaw = lookup('on_conflict');
  const onConflict = onConflictRaw === undefined ? undefined : parseColumns(onConflictRaw, 'on_conflict');

  const ranges = new Map<string, { limit?: number; offset?: number }>();
  for (const [k, v] of nonEmpty) {
    const w = lastWord(k);
    if (w !== 'limit' && w !== 'offset') continue;
    const prefix = k === w ? '' : k.slice(0, k.length - w.length - 1);
    const r = ranges.get(prefix) ?? {};
    const n = parseInteger(v);
    if (n !== undefined) r[w] = n;
    ranges.set(prefix, r);
  }

  const filters: { path: string[]; filter: Filter }[] = [];
  const rpcArgs: [string, string][] = [];
  for (const [k, v] of nonEmpty) {
    if (RESERVED.has(k) || RESERVED_EMBEDDABLE.has(lastWord(k))) continue;
    const f = parseFilter(k, v, rpcRead);
    if ('noOp' in f.filter.expr) rpcArgs.push([k, f.filter.expr.noOp]);
    else filters.push(f);
  }
  return { canonical, select, filters, logic, order, ranges, columns, onConflict, rpcArgs };
}

function encodeQs(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}
