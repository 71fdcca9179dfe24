/**
 * Seeded request generator for the API fuzz suite: random but well-formed PostgREST requests on
 * the contract schema (select/filter/order grammar, embeds, mutations under tx=rollback, RPC),
 * and hostile ones (deep nesting, huge lists, bad UTF-8, malformed JSON, hostile Prefer headers,
 * odd RPC argument names, broken tokens and auth bodies). Same seed, same requests.
 */

export interface FuzzRequest {
  /** A short label for reports: which generator made it. */
  kind: string;
  method: string;
  /** Path and query below the API root, already percent-encoded where needed. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer | undefined;
}

/** mulberry32: small, fast and good enough for choosing test inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  some<T>(xs: readonly T[], max = xs.length): T[] {
    const n = this.int(1, Math.min(max, xs.length));
    const pool = [...xs];
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

// The contract schema (server/test/fixtures/00-rest.sql), as much of it as the generator needs.
type ColKind = 'int' | 'text' | 'json' | 'array' | 'range' | 'tsvector' | 'bool' | 'time' | 'numeric' | 'interval' | 'bytea' | 'enum' | 'uuid';
interface TableModel {
  name: string;
  columns: Record<string, ColKind>;
  embeds: string[];
  writable: boolean;
}

const TABLES: TableModel[] = [
  {
    name: 'users',
    columns: { username: 'text', status: 'enum', age_range: 'range', catchphrase: 'tsvector', data: 'json', interests: 'array', created_at: 'time' },
    embeds: ['messages'],
    writable: true,
  },
  { name: 'channels', columns: { id: 'int', slug: 'text', data: 'json' }, embeds: ['messages'], writable: true },
  { name: 'messages', columns: { id: 'int', message: 'text', data: 'json', channel_id: 'int', username: 'text' }, embeds: ['channels', 'users'], writable: true },
  { name: 'directors', columns: { id: 'int', first_name: 'text', last_name: 'text' }, embeds: ['films', 'full_name'], writable: true },
  {
    name: 'films',
    columns: { id: 'int', director_id: 'int', title: 'text', year: 'int', rating: 'numeric', language: 'text', tags: 'array', meta: 'json' },
    embeds: ['directors', 'technical_specs', 'actors', 'roles', 'director'],
    writable: true,
  },
  { name: 'technical_specs', columns: { film_id: 'int', runtime: 'interval', camera: 'text' }, embeds: ['films'], writable: true },
  { name: 'actors', columns: { id: 'int', first_name: 'text', last_name: 'text' }, embeds: ['films', 'roles'], writable: true },
  { name: 'roles', columns: { film_id: 'int', actor_id: 'int', character: 'text' }, embeds: ['films', 'actors'], writable: true },
  { name: 'addresses', columns: { id: 'int', name: 'text' }, embeds: ['orders', 'billing', 'shipping'], writable: true },
  { name: 'orders', columns: { id: 'int', name: 'text', billing_address_id: 'int', shipping_address_id: 'int', amount: 'numeric' }, embeds: ['billing', 'shipping', 'addresses'], writable: true },
  { name: 'employees', columns: { id: 'int', name: 'text', supervisor_id: 'int' }, embeds: ['employees', 'supervisor_id'], writable: true },
  { name: 'shelves', columns: { room: 'text', num: 'int', label: 'text' }, embeds: ['books'], writable: true },
  { name: 'books', columns: { id: 'int', title: 'text', shelf_room: 'text', shelf_num: 'int' }, embeds: ['shelves'], writable: true },
  { name: 'kitchen', columns: { id: 'int', name: 'text', quantity: 'int', note: 'text', made_at: 'time' }, embeds: [], writable: true },
  { name: 'ranges_and_more', columns: { id: 'int', during: 'range', nums: 'array', blob: 'bytea', flag: 'bool' }, embeds: [], writable: true },
  { name: 'notes', columns: { id: 'uuid', owner_id: 'uuid', body: 'text' }, embeds: [], writable: true },
  { name: 'numbers', columns: { n: 'int' }, embeds: [], writable: true },
  { name: 'secrets', columns: { id: 'int', value: 'text' }, embeds: [], writable: true },
  { name: 'films_view', columns: { id: 'int', title: 'text', year: 'int', film_director_id: 'int' }, embeds: ['directors'], writable: true },
  { name: 'recent_films', columns: { id: 'int', title: 'text', film_director_id: 'int' }, embeds: ['directors'], writable: true },
  { name: 'nominations_view', columns: { character: 'text', role_film_id: 'int', actor_id: 'int', first_name: 'text' }, embeds: ['films', 'actors'], writable: false },
];
const TABLE = new Map(TABLES.map((t) => [t.name, t]));
/** Embeds that name a table of the model (the rest are hints, columns or computed relationships). */
const embedTable = (name: string): TableModel | undefined => TABLE.get(name) ?? (name === 'billing' || name === 'shipping' ? TABLE.get('addresses') : name === 'director' ? TABLE.get('directors') : undefined);

const ROUTINES: { name: string; args: Record<string, ColKind>; setofTable?: string }[] = [
  { name: 'void_func', args: {} },
  { name: 'add_them', args: { a: 'int', b: 'int' } },
  { name: 'greet', args: { name: 'text' } },
  { name: 'get_status', args: { name_param: 'text' } },
  { name: 'get_user', args: { name_param: 'text' } },
  { name: 'list_films', args: {}, setofTable: 'films' },
  { name: 'films_since', args: { since: 'int' } },
  { name: 'film_years', args: {} },
  { name: 'sum_all', args: { nums: 'array' } },
  { name: 'overloaded', args: { a: 'int' } },
  { name: 'two_ways', args: { b: 'int', c: 'int' } },
  { name: 'add_kitchen_item', args: { item: 'text' } },
  { name: 'whoami', args: {} },
  { name: 'raise_custom', args: {} },
  { name: 'raise_plain', args: {} },
  { name: 'raise_pgrst', args: {} },
  { name: 'with_headers', args: {} },
];

const SAMPLE: Record<ColKind, string[]> = {
  int: ['1', '2', '4', '0', '-1', '1500', '2147483648', '1.5', 'abc', ''],
  text: ['supabot', 'Pulp Fiction', 'fork', 'north', 'a b', 'x,y', '"q"', '中文', '%', ''],
  json: ['{"age":3}', '{}', '[]', 'null', '{"color":true}', '{'],
  array: ['{cats}', '{1,2}', '{}', '{"a,b"}', '{{1},{2}}', 'cats'],
  range: ['[1,10)', '(20,30]', 'empty', '[5,1)', 'x'],
  tsvector: ['cat', 'fat & cat', 'fat | !rat', "'", '&&'],
  bool: ['true', 'false', 'null', 'yes', '2'],
  time: ['2024-01-01', '2024-01-01T00:00:00Z', 'now', 'yesterday', '2024-13-45', 'infinity'],
  numeric: ['8.9', '0', 'NaN', '1e400', '-0.5'],
  interval: ['01:00:00', '2 hours', 'P1D', 'x'],
  bytea: ['\\x0102', '\\xzz', ''],
  enum: ['ONLINE', 'OFFLINE', 'online', ''],
  uuid: ['00000000-0000-4000-8000-000000000001', 'not-a-uuid', ''],
};

const SIMPLE_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'isdistinct'];
const OPS_BY_KIND: Partial<Record<ColKind, string[]>> = {
  array: ['cs', 'cd', 'ov', 'eq'],
  range: ['sl', 'sr', 'nxr', 'nxl', 'adj', 'ov', 'cs', 'cd'],
  tsvector: ['fts', 'plfts', 'phfts', 'wfts', 'fts(english)', 'wfts(simple)'],
  json: ['cs', 'cd', 'eq', 'is'],
};

const enc = (s: string) => encodeURIComponent(s);

function value(r: Random, kind: ColKind): string {
  return r.pick(SAMPLE[kind]);
}

function filterExpr(r: Random, t: TableModel, forLogic: boolean): string {
  const cols = Object.keys(t.columns);
  const col = r.chance(0.05) ? r.pick(['nope', '"quoted col"', 'data->age', 'data->>age', 'data->name->>first']) : r.pick(cols);
  const kind = t.columns[col] ?? 'text';
  const not = r.chance(0.15) ? 'not.' : '';
  let expr: string;
  const roll = r.next();
  if (roll < 0.1) expr = `is.${r.pick(['null', 'not_null', 'true', 'false', 'unknown', 'NULL', 'maybe'])}`;
  else if (roll < 0.25) {
    const n = r.int(0, 5);
    const vals = Array.from({ length: n }, () => value(r, kind)).map((v) => (/[,()"]/.test(v) ? `"${v.replace(/"/g, '\\"')}"` : v));
    expr = `in.(${vals.join(',')})`;
  } else if (roll < 0.35) {
    const op = r.pick(['eq', 'like', 'ilike', 'gt', 'lt', 'match']);
    expr = `${op}(${r.pick(['any', 'all'])}).{${Array.from({ length: r.int(0, 3) }, () => value(r, kind)).join(',')}}`;
  } else {
    const op = r.pick(OPS_BY_KIND[kind] ?? SIMPLE_OPS);
    expr = `${op}.${value(r, kind)}`;
  }
  if (forLogic) return `${col}.${not}${expr}`;
  return `${enc(col)}=${enc(not + expr)}`;
}

function logicTree(r: Random, t: TableModel, depth: number): string {
  const n = r.int(1, 3);
  const parts = Array.from({ length: n }, () => (depth > 0 && r.chance(0.3) ? `${r.chance(0.2) ? 'not.' : ''}${r.pick(['and', 'or'])}${logicTree(r, t, depth - 1)}` : filterExpr(r, t, true)));
  return `(${parts.join(',')})`;
}

function selectList(r: Random, t: TableModel, depth: number): string {
  const cols = Object.keys(t.columns);
  const items: string[] = [];
  const n = r.int(1, 4);
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.15) items.push('*');
    else if (roll < 0.55) {
      let c = r.pick(cols);
      if (t.columns[c] === 'json' && r.chance(0.5)) c += r.pick(['->age', '->>age', '->name->>first', '->tags->0', '->>color']);
      if (r.chance(0.15)) c += `::${r.pick(['text', 'int', 'json', 'numeric', 'bogus_type'])}`;
      if (r.chance(0.1)) c += `.${r.pick(['count', 'sum', 'avg', 'max', 'min'])}()`;
      if (r.chance(0.2)) c = `${r.pick(['a', 'alias', 'x_1', 'n'])}${i}:${c}`;
      items.push(c);
    } else if (roll < 0.62) items.push('count()');
    else if (t.embeds.length && depth > 0) {
      const rel = r.pick(t.embeds);
      const target = embedTable(rel);
      const inner = target ? selectList(r, target, depth - 1) : r.pick(['*', 'id', '']);
      const prefix = r.chance(0.1) ? '...' : r.chance(0.2) ? `${r.pick(['e', 'rel'])}${i}:` : '';
      const hint = r.chance(0.15) ? `!${r.pick(['inner', 'left', 'billing', 'shipping', 'fk', 'roles'])}` : '';
      items.push(`${prefix}${rel}${hint}(${inner})`);
    } else items.push(r.pick(cols));
  }
  return items.join(',');
}

function orderParam(r: Random, t: TableModel): string {
  const cols = Object.keys(t.columns);
  return r
    .some(cols, 3)
    .map((c) => `${c}${r.chance(0.5) ? `.${r.pick(['asc', 'desc', 'up'])}` : ''}${r.chance(0.3) ? `.${r.pick(['nullsfirst', 'nullslast'])}` : ''}`)
    .join(',');
}

const ACCEPTS = [
  'application/json',
  'application/vnd.pgrst.object+json',
  'application/vnd.pgrst.object+json;nulls=stripped',
  'application/vnd.pgrst.array+json;nulls=stripped',
  'text/csv',
  'application/geo+json',
  'application/vnd.pgrst.plan+json',
  'application/vnd.pgrst.plan+text; for="application/json"',
  'text/html',
  '*/*',
  'application/json;q=0.5, text/csv',
];

function readRequest(r: Random): FuzzRequest {
  const t = r.pick(TABLES);
  const q: string[] = [];
  if (r.chance(0.7)) q.push(`select=${enc(selectList(r, t, 2))}`);
  for (let i = r.int(0, 3); i > 0; i--) q.push(filterExpr(r, t, false));
  if (r.chance(0.2)) q.push(`${r.pick(['or', 'and', 'not.or'])}=${enc(logicTree(r, t, 2))}`);
  if (r.chance(0.3)) q.push(`order=${enc(orderParam(r, t))}`);
  if (r.chance(0.3)) q.push(`limit=${r.pick(['0', '1', '2', '10', '-1', 'x'])}`);
  if (r.chance(0.2)) q.push(`offset=${r.pick(['0', '1', '3', '100', '-2'])}`);
  if (r.chance(0.1) && t.embeds.length) q.push(`${r.pick(t.embeds)}.${r.pick(['limit=1', 'order=id.desc', 'offset=1', 'id=eq.1', 'or=(id.eq.1,id.eq.2)'])}`);
  const headers: Record<string, string> = {};
  if (r.chance(0.3)) headers.accept = r.pick(ACCEPTS);
  if (r.chance(0.3)) headers.prefer = r.pick(['count=exact', 'count=planned', 'count=estimated', 'count=exact, handling=strict', 'timezone=Asia/Shanghai', 'handling=strict, bogus']);
  if (r.chance(0.1)) headers.range = r.pick(['0-1', '1-', '5-2', 'items=0-1', '0-0']);
  return { kind: 'read', method: r.chance(0.1) ? 'HEAD' : 'GET', path: `/rest/v1/${t.name}${q.length ? `?${q.join('&')}` : ''}`, headers };
}

function rowFor(r: Random, t: TableModel): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of r.some(Object.keys(t.columns), 4)) {
    const kind = t.columns[c]!;
    const v = value(r, kind);
    row[c] = kind === 'int' && /^-?\d+$/.test(v) ? Number(v) : kind === 'json' ? (r.chance(0.5) ? { k: v } : null) : v;
  }
  return row;
}

function writeRequest(r: Random): FuzzRequest {
  const t = r.pick(TABLES.filter((x) => x.writable));
  const method = r.pick(['POST', 'POST', 'PATCH', 'DELETE', 'PUT']);
  const q: string[] = [];
  if (method !== 'POST' || r.chance(0.1)) for (let i = r.int(method === 'PUT' ? 1 : 0, 2); i > 0; i--) q.push(filterExpr(r, t, false));
  if (r.chance(0.3)) q.push(`select=${enc(selectList(r, t, 1))}`);
  if (method === 'POST' && r.chance(0.2)) q.push(`on_conflict=${r.pick(Object.keys(t.columns))}`);
  if (method === 'POST' && r.chance(0.1)) q.push(`columns=${r.some(Object.keys(t.columns), 3).join(',')}`);
  if ((method === 'PATCH' || method === 'DELETE') && r.chance(0.2)) q.push(`order=${enc(orderParam(r, t))}`, `limit=${r.int(0, 3)}`);
  const prefer = ['tx=rollback'];
  if (r.chance(0.6)) prefer.push(r.pick(['return=representation', 'return=minimal', 'return=headers-only']));
  if (r.chance(0.2)) prefer.push(r.pick(['resolution=merge-duplicates', 'resolution=ignore-duplicates', 'missing=default', 'count=exact', 'handling=strict, max-affected=1']));
  let body: string;
  const roll = r.next();
  if (roll < 0.6) body = JSON.stringify(rowFor(r, t));
  else if (roll < 0.85) body = JSON.stringify(Array.from({ length: r.int(0, 3) }, () => rowFor(r, t)));
  else body = r.pick(['', '{', '[1,2]', '"x"', 'null', '{"a":1}', '[{"id":1},{"name":"x"}]']);
  const headers: Record<string, string> = { prefer: prefer.join(', '), 'content-type': 'application/json' };
  if (r.chance(0.1)) headers.accept = r.pick(ACCEPTS);
  return { kind: 'write', method, path: `/rest/v1/${t.name}${q.length ? `?${q.join('&')}` : ''}`, headers, body };
}

function rpcRequest(r: Random): FuzzRequest {
  const f = r.pick(ROUTINES);
  const args: Record<string, unknown> = {};
  for (const [k, kind] of Object.entries(f.args)) if (r.chance(0.85)) args[k] = kind === 'int' ? Number(value(r, 'int')) || r.int(0, 2000) : kind === 'array' ? [1, 2, 3] : value(r, kind);
  if (r.chance(0.15)) args[r.pick(['extra', 'a', 'name', ''])] = 1;
  const headers: Record<string, string> = {};
  const q: string[] = [];
  if (f.setofTable && r.chance(0.5)) {
    const t = TABLE.get(f.setofTable)!;
    if (r.chance(0.5)) q.push(`select=${enc(selectList(r, t, 1))}`);
    if (r.chance(0.5)) q.push(filterExpr(r, t, false));
    if (r.chance(0.3)) q.push(`order=${enc(orderParam(r, t))}`);
  }
  // Every call rolls back: the fuzz runs beside other tests on one database.
  headers.prefer = ['tx=rollback', ...(r.chance(0.2) ? [r.pick(['count=exact', 'params=single-object', 'handling=strict, max-affected=1', 'return=minimal'])] : [])].join(', ');
  if (r.chance(0.1)) headers.accept = r.pick(ACCEPTS);
  const method = r.pick(['GET', 'POST', 'POST', 'HEAD']);
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    return { kind: 'rpc', method, path: `/rest/v1/rpc/${f.name}${q.length ? `?${q.join('&')}` : ''}`, headers, body: JSON.stringify(args) };
  }
  for (const [k, v] of Object.entries(args)) q.push(`${enc(k)}=${enc(Array.isArray(v) ? `{${v.join(',')}}` : String(v))}`);
  return { kind: 'rpc', method, path: `/rest/v1/rpc/${f.name}${q.length ? `?${q.join('&')}` : ''}`, headers };
}

/** Well-formed requests: what the local server must answer exactly as PostgREST would. */
export function wellFormed(r: Random): FuzzRequest {
  const roll = r.next();
  const req = roll < 0.55 ? readRequest(r) : roll < 0.8 ? writeRequest(r) : rpcRequest(r);
  req.headers['accept-profile'] ??= 'contract';
  req.headers['content-profile'] ??= 'contract';
  return req;
}

// ---------------------------------------------------------------------------------------------
// Hostile input

const BAD_UTF8 = ['%C3%28', '%FF', '%ED%A0%80', '%F0%28%8C%BC', '%C0%AF', '%E2%82', '%00', '%', '%zz'];

function deep(open: string, close: string, n: number, inner = 'id'): string {
  return open.repeat(n) + inner + close.repeat(n);
}

function hostileRest(r: Random): FuzzRequest {
  const t = r.pick(TABLES);
  const n = r.pick([50, 500, 3000, 6000]);
  const variants: (() => FuzzRequest)[] = [
    () => ({ kind: 'deep-select', method: 'GET', path: `/rest/v1/${t.name}?select=${deep('a(', ')', n)}`, headers: {} }),
    () => ({ kind: 'deep-or', method: 'GET', path: `/rest/v1/${t.name}?or=${deep('(or', ')', n, '(id.eq.1)')}`, headers: {} }),
    () => ({ kind: 'deep-or', method: 'GET', path: `/rest/v1/${t.name}?or=${'('.repeat(n)}`, headers: {} }),
    () => ({ kind: 'deep-order', method: 'GET', path: `/rest/v1/${t.name}?order=${deep('a(', ')', n)}`, headers: {} }),
    () => ({ kind: 'deep-json-path', method: 'GET', path: `/rest/v1/${t.name}?select=data${'->a'.repeat(n)}`, headers: {} }),
    () => ({
      kind: 'huge-in',
      method: 'GET',
      path: `/rest/v1/numbers?n=in.(${Array.from({ length: n }, (_, i) => i).join(',')})`,
      headers: { 'accept-profile': 'contract' },
    }),
    () => ({ kind: 'huge-select', method: 'GET', path: `/rest/v1/films?select=${Array.from({ length: n }, () => 'id').join(',')}`, headers: { 'accept-profile': 'contract' } }),
    () => ({ kind: 'many-params', method: 'GET', path: `/rest/v1/films?${Array.from({ length: Math.min(n, 2000) }, (_, i) => `id=neq.${i}`).join('&')}`, headers: { 'accept-profile': 'contract' } }),
    () => ({ kind: 'cast', method: 'GET', path: `/rest/v1/${t.name}?select=${r.pick(['id::%20', 'id::', 'id::int;drop', 'id::"text"', 'id::int[]', 'id::%E4%B8%AD', '::text', 'id:::text', 'id.sum()::'])}`, headers: {} }),
    () => ({
      kind: 'bad-utf8',
      method: 'GET',
      path: `/rest/v1/${r.chance(0.5) ? t.name : r.pick(BAD_UTF8)}?${r.pick(['select', 'id', 'order', 'or', r.pick(BAD_UTF8)])}=${r.pick(['eq.', '', 'in.(', 'or('])}${r.pick(BAD_UTF8)}`,
      headers: {},
    }),
    () => ({ kind: 'bad-utf8-body', method: 'POST', path: '/rest/v1/kitchen', headers: { 'content-type': 'application/json', prefer: 'tx=rollback', 'content-profile': 'contract' }, body: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]) }),
    () => ({
      kind: 'deep-json-body',
      method: 'POST',
      path: r.pick(['/rest/v1/rpc/echo_json', '/rest/v1/kitchen', '/rest/v1/rpc/greet']),
      headers: { 'content-type': 'application/json', prefer: 'tx=rollback', 'content-profile': 'contract' },
      body: r.chance(0.5) ? deep('[', ']', n, '1') : `{"name":${deep('{"a":', '}', n, '1')}}`,
    }),
    () => ({
      kind: 'malformed-json',
      method: r.pick(['POST', 'PATCH', 'PUT']),
      path: r.pick(['/rest/v1/kitchen?id=eq.1', '/rest/v1/rpc/add_them', '/rest/v1/films?id=eq.1']),
      headers: { 'content-type': r.pick(['application/json', 'text/csv', 'application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream', 'application/xml', 'multipart/form-data']), prefer: 'tx=rollback', 'content-profile': 'contract' },
      body: r.pick(['{', '{"a":}', '[{"id":1},', '\u0000', '{"id":1e999999}', '{"id":"\\ud800"}', '"\\u0000"', 'id,name\n1', '"unterminated', 'a=%zz&b', '{"__proto__":{"x":1}}', '{"constructor":1}', '[' + '{},'.repeat(2000) + '{}]']),
    }),
    () => ({
      kind: 'hostile-prefer',
      method: r.pick(['GET', 'POST', 'PATCH', 'DELETE']),
      path: `/rest/v1/kitchen?id=eq.999`,
      headers: {
        'content-type': 'application/json',
        'content-profile': 'contract',
        'accept-profile': 'contract',
        prefer: r.pick([
          'tx=rollback, '.repeat(500) + 'count=exact',
          'max-affected=99999999999999999999999, handling=strict, tx=rollback',
          'max-affected=-1, handling=strict, tx=rollback',
          'timezone=../../etc/passwd, tx=rollback',
          'timezone=' + 'A'.repeat(5000) + ', tx=rollback',
          'count=exact;count=planned, tx=rollback',
          'return=representation\t, tx=rollback',
          ',,,=,=,tx=rollback',
          'params=single-object, tx=rollback, missing=default, resolution=merge-duplicates',
          'tx=rollback, handling=strict, ' + 'x='.repeat(2000),
        ]),
      },
      body: '{"name":"x"}',
    }),
    () => {
      const name = r.pick(['"', "a'b", 'a"b', '\u0000', 'x\u0000y', '中文', '$1', 'a b', '.', '(', 'select', 'a'.repeat(10000), '😀', '\\', '%00', '--']);
      const fn = r.pick(ROUTINES).name;
      return r.chance(0.5)
        ? { kind: 'rpc-arg-name', method: 'POST', path: `/rest/v1/rpc/${fn}`, headers: { 'content-type': 'application/json', 'content-profile': 'contract', prefer: 'tx=rollback' }, body: JSON.stringify({ [name]: 1 }) }
        : { kind: 'rpc-arg-name', method: 'GET', path: `/rest/v1/rpc/${fn}?${enc(name)}=1`, headers: { 'accept-profile': 'contract' } };
    },
    () => ({
      kind: 'odd-path',
      method: r.pick(['GET', 'POST', 'OPTIONS', 'TRACE', 'PROPFIND', 'PATCH']),
      path: r.pick(['/rest/v1/rpc', '/rest/v1/rpc/', '/rest/v1/a/b/c', '/rest/v1/%2e%2e/auth', '/rest/v1//films', '/rest/v1/' + 'x'.repeat(5000), '/rest/v1/rpc/%00', '/rest/v1/films%00']),
      headers: { 'content-type': 'application/json', prefer: 'tx=rollback' },
      body: '{}',
    }),
    () => ({
      kind: 'odd-headers',
      method: 'GET',
      path: '/rest/v1/films?select=id',
      headers: r.pick([
        { 'accept-profile': 'nope' },
        { 'accept-profile': '' },
        { accept: 'application/vnd.pgrst.plan+json; for="' + 'x'.repeat(3000) + '"' },
        { accept: 'a/b;q=x, */*;q=NaN' },
        { range: '0-' + '9'.repeat(400) },
        { range: '99999999999999999999-1' },
        { authorization: 'Bearer ' + 'a'.repeat(10000) },
        { authorization: 'Bearer a.b.c' },
        { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.' },
        { authorization: 'Basic Zm9vOmJhcg==' },
        { cookie: '=;'.repeat(1000) },
      ]),
    }),
  ];
  return r.pick(variants)();
}

function hostileAuth(r: Random): FuzzRequest {
  const email = r.pick(['a@b.c\u0000', '\u0000', 'x'.repeat(5000) + '@example.com', 'owner@example.com', '"@"', 'a@b', '', ' ', '中文@例子.中国', 'a+b@example.com\n', null, 12, ['a']]);
  const password = r.pick(['', 'x', 'duizhao-demo', 'p'.repeat(100000), '\u0000', null, { a: 1 }]);
  const bodies = [
    () => JSON.stringify({ email, password }),
    () => JSON.stringify({ refresh_token: r.pick(['', 'x', '\u0000', 'a'.repeat(5000), null, 1]) }),
    () => r.pick(['{', '', 'null', '[]', '"x"', deep('{"a":', '}', r.pick([100, 3000]), '1')]),
    () => JSON.stringify({ email, password, data: r.pick([null, 'x', deep('[', ']', 500, '1'), { a: 'b' }]) }),
  ];
  const target = r.pick([
    ['POST', '/auth/v1/token?grant_type=password'],
    ['POST', '/auth/v1/token?grant_type=refresh_token'],
    ['POST', '/auth/v1/token?grant_type=' + r.pick(['', 'nope', '%00', 'password%00', '%FF'])],
    ['POST', '/auth/v1/signup'],
    ['GET', '/auth/v1/user'],
    ['PUT', '/auth/v1/user'],
    ['POST', '/auth/v1/logout'],
    ['GET', '/auth/v1/admin/users?page=' + r.pick(['-1', 'x', '99999999999', '1e5'])],
    ['GET', '/auth/v1/settings'],
    ['POST', '/auth/v1/recover'],
  ] as const);
  const headers: Record<string, string> = { 'content-type': r.chance(0.9) ? 'application/json' : r.pick(['text/plain', 'application/x-www-form-urlencoded']) };
  if (r.chance(0.4)) headers.authorization = `Bearer ${r.pick(['', 'x', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.e30.' + 'A'.repeat(43), 'eyJhbGciOiJub25lIn0.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.'])}`;
  return { kind: 'auth', method: target[0], path: target[1], headers, body: target[0] === 'GET' ? undefined : r.pick(bodies)() };
}

/** One request of any kind; about a third hostile. */
export function anyRequest(r: Random): FuzzRequest {
  const roll = r.next();
  if (roll < 0.6) return wellFormed(r);
  if (roll < 0.92) return hostileRest(r);
  return hostileAuth(r);
}
