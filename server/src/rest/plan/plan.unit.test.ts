import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { HttpRequest } from '../../http/types.ts';
import { userApiRequest } from '../api-request.ts';
import { callStatement, mutateStatement, readStatement } from '../query-builder.ts';
import { type Column, type Routine, type SchemaCache, type Table, qiKey } from '../schema-cache.ts';
import { actionPlan } from './index.ts';

const col = (name: string, type = 'integer'): Column => ({ name, type, nominalType: type === 'integer' ? 'int4' : type, nullable: true, default: null });
const table = (name: string, columns: Column[], pk: string[]): Table => ({
  schema: 'public',
  name,
  isView: false,
  insertable: true,
  updatable: true,
  deletable: true,
  pk,
  columns: new Map(columns.map((c) => [c.name, c])),
  columnList: columns,
});
const films = table('films', [col('id'), col('title', 'text'), col('director_id')], ['id']);
const directors = table('directors', [col('id'), col('name', 'text')], ['id']);
const filmsSince: Routine = {
  schema: 'public',
  name: 'films_since',
  params: [{ name: 'year', type: 'integer', required: true, variadic: false }],
  returns: 'composite',
  setof: true,
  tableName: 'films',
  volatility: 's',
  settings: [],
};
const cache: SchemaCache = {
  tables: new Map([
    [qiKey('public', 'films'), films],
    [qiKey('public', 'directors'), directors],
  ]),
  relationships: new Map([
    [
      qiKey('public', 'films'),
      [
        {
          kind: 'fk',
          table: { schema: 'public', name: 'films' },
          foreignTable: { schema: 'public', name: 'directors' },
          isSelf: false,
          tableIsView: false,
          foreignTableIsView: false,
          card: { kind: 'M2O', constraint: 'films_director_id_fkey', columns: [['director_id', 'id']] },
        },
      ],
    ],
  ]),
  routines: new Map([[qiKey('public', 'films_since'), [filmsSince]]]),
  roleSettings: new Map(),
  timezones: new Set(),
  config: { aggregatesEnabled: false, planEnabled: true, maxRows: undefined },
  hasGeoJson: false,
};
const config = loadConfig({ dbSchemas: ['public'] });

function request(method: string, pathAndQuery: string, headers: Record<string, string> = {}, body = ''): HttpRequest {
  const url = new URL(`http://localhost/rest/v1${pathAndQuery}`);
  return { method, url, headers, body: Buffer.from(body), path: url.pathname.slice('/rest/v1'.length), remoteAddress: '127.0.0.1' };
}

const plan = (req: HttpRequest) => actionPlan({ cache, config }, userApiRequest(req, ['public'], cache.timezones));

// Plans are plain data: nothing in them is a function, so they copy, compare and cache as values.
const hasFunction = (v: unknown): boolean =>
  typeof v === 'function' || (v !== null && typeof v === 'object' && (v instanceof Map ? [...v.values()] : Object.values(v)).some(hasFunction));

describe('action plans', () => {
  it('plans a read with an embed, a filter and an order as data the query builder renders', () => {
    const p = plan(request('GET', '/films?select=title,directors(name)&id=gt.1&order=title.desc&limit=2'));
    expect(p.kind).toBe('read');
    expect(hasFunction(p)).toBe(false);
    expect(structuredClone(p)).toEqual(p);
    if (p.kind !== 'read') return;
    const s = readStatement(p.read, 'public', p.negotiated.shape, p.negotiated.explain, undefined, undefined);
    expect(s.explain).toBe(false);
    // max-rows (1000) bounds the embed; the request's limit bounds the root.
    expect(s.sql).toContain(
      'LEFT JOIN LATERAL ( SELECT "directors_1"."name" FROM "public"."directors" AS "directors_1" WHERE "directors_1"."id" = "public"."films"."director_id" LIMIT $1 OFFSET $2 )',
    );
    expect(s.sql).toContain('WHERE "public"."films"."id" > $3 ORDER BY "public"."films"."title" DESC LIMIT $4 OFFSET $5');
    expect(s.params).toEqual(['1000', '0', '1', '2', '0']);
  });

  it('marks the statement as EXPLAIN from the negotiated media type, not from its text', () => {
    const p = plan(request('GET', '/films', { accept: 'application/vnd.pgrst.plan+json' }));
    if (p.kind !== 'read') throw new Error('expected a read');
    expect(p.negotiated.explain).toEqual({ format: 'json', options: [] });
    const s = readStatement(p.read, 'public', p.negotiated.shape, p.negotiated.explain, undefined, undefined);
    expect(s.explain).toBe(true);
    expect(s.sql.startsWith('EXPLAIN (FORMAT JSON) WITH pgrst_source AS')).toBe(true);
  });

  it('plans a limited update and a PUT with their checks', () => {
    const update = plan(request('PATCH', '/films?id=gt.1&order=id&limit=1', { prefer: 'handling=strict, max-affected=1', 'content-type': 'application/json' }, '{"title":"x"}'));
    expect(hasFunction(update)).toBe(false);
    if (update.kind !== 'mutate') throw new Error('expected a mutation');
    expect(update.mutate).toMatchObject({ kind: 'update', columns: [{ name: 'title', type: 'text' }], range: { lower: 0, upper: 0 } });
    expect(update.checks).toEqual({ singleObject: false, maxAffected: 1, putWritesOne: false });
    expect(mutateStatement(update.mutate, update.read, 'public', update.negotiated.shape, undefined).sql).toContain('pgrst_affected_rows AS (SELECT "public"."films".ctid');

    const put = plan(request('PUT', '/films?id=eq.3', { 'content-type': 'application/json' }, '{"id":3,"title":"x","director_id":null}'));
    if (put.kind !== 'mutate') throw new Error('expected a mutation');
    expect(put.mutate).toMatchObject({ kind: 'insert', onConflict: { resolution: 'merge-duplicates', columns: ['id'] }, countInserted: true });
    expect(put.checks.putWritesOne).toBe(true);
  });

  it('plans a call with named arguments from the query string', () => {
    const p = plan(request('GET', '/rpc/films_since?year=1990&select=title'));
    if (p.kind !== 'call') throw new Error('expected a call');
    expect(p.call.args).toEqual({ kind: 'values', values: [{ param: filmsSince.params[0], value: '1990' }] });
    expect(p.readOnly).toBe(true);
    const s = callStatement(p.call, p.read, 'public', p.negotiated.shape, undefined, undefined);
    expect(s.sql).toContain('FROM "public"."films_since"("year" := $1::integer) pgrst_call');
  });
});
