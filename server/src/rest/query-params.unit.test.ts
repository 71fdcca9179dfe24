import { describe, expect, it } from 'vitest';
import { MAX_NESTING, QueryParamError, parseColumns, parseFilter, parseLogic, parseOrder, parseQueryParams, parseSelect } from './query-params.ts';

const f = (name: string, jsonPath: { arrow: '->' | '->>'; key: string; index: boolean }[] = []) => ({ name, jsonPath });

describe('select', () => {
  it('parses the forms postgrest-js emits', () => {
    expect(parseSelect('*')).toEqual([{ type: 'field', field: f('*') }]);
    expect(parseSelect('id,name')).toEqual([
      { type: 'field', field: f('id') },
      { type: 'field', field: f('name') },
    ]);
    expect(parseSelect('alias:col')).toEqual([{ type: 'field', field: f('col'), alias: 'alias' }]);
    expect(parseSelect('col::text')).toEqual([{ type: 'field', field: f('col'), cast: 'text' }]);
    expect(parseSelect('alias:col::text')).toEqual([{ type: 'field', field: f('col'), alias: 'alias', cast: 'text' }]);
    expect(parseSelect('data->a->>b')).toEqual([
      {
        type: 'field',
        field: f('data', [
          { arrow: '->', key: 'a', index: false },
          { arrow: '->>', key: 'b', index: false },
        ]),
      },
    ]);
    expect(parseSelect('data->0,data->>-1')).toEqual([
      { type: 'field', field: f('data', [{ arrow: '->', key: '+0', index: true }]) },
      { type: 'field', field: f('data', [{ arrow: '->>', key: '-1', index: true }]) },
    ]);
    expect(parseSelect('x:data->a::int')).toEqual([{ type: 'field', field: f('data', [{ arrow: '->', key: 'a', index: false }]), alias: 'x', cast: 'int' }]);
  });

  it('parses embeds with aliases, hints, join types, spreads and nesting', () => {
    expect(parseSelect('users(*)')).toEqual([{ type: 'relation', name: 'users', children: [{ type: 'field', field: f('*') }] }]);
    expect(parseSelect('author:users!fk_name(name)')).toEqual([
      { type: 'relation', name: 'users', alias: 'author', hint: 'fk_name', children: [{ type: 'field', field: f('name') }] },
    ]);
    expect(parseSelect('users!inner(id)')[0]).toMatchObject({ name: 'users', joinType: 'inner' });
    expect(parseSelect('users!left(id)')[0]).toMatchObject({ name: 'users', joinType: 'left' });
    expect(parseSelect('users!user_id!inner(id)')[0]).toMatchObject({ name: 'users', hint: 'user_id', joinType: 'inner' });
    expect(parseSelect('users!inner!user_id(id)')[0]).toMatchObject({ name: 'users', hint: 'user_id', joinType: 'inner' });
    expect(parseSelect('users!inner_fk(id)')[0]).toMatchObject({ name: 'users', hint: 'inner_fk' });
    expect(parseSelect('...users(name)')).toEqual([{ type: 'spread', name: 'users', children: [{ type: 'field', field: f('name') }] }]);
    expect(parseSelect('...users!hint!inner(name)')[0]).toMatchObject({ type: 'spread', hint: 'hint', joinType: 'inner' });
    expect(parseSelect('a,b(c,d(e)),f()')).toEqual([
      { type: 'field', field: f('a') },
      {
        type: 'relation',
        name: 'b',
        children: [
          { type: 'field', field: f('c') },
          { type: 'relation', name: 'd', children: [{ type: 'field', field: f('e') }] },
        ],
      },
      { type: 'relation', name: 'f', children: [] },
    ]);
  });

  it('parses count and aggregates', () => {
    expect(parseSelect('count')).toEqual([{ type: 'field', field: f('count') }]);
    expect(parseSelect('count()')).toEqual([{ type: 'field', field: f('*'), aggregate: 'count' }]);
    expect(parseSelect('total:count()::int')).toEqual([{ type: 'field', field: f('*'), aggregate: 'count', alias: 'total', aggregateCast: 'int' }]);
    expect(parseSelect('amount.sum()')).toEqual([{ type: 'field', field: f('amount'), aggregate: 'sum' }]);
    expect(parseSelect('amount::numeric.avg()::int')).toEqual([{ type: 'field', field: f('amount'), cast: 'numeric', aggregate: 'avg', aggregateCast: 'int' }]);
    expect(parseSelect('d->x::int.max(),y.min()').map((i) => (i.type === 'field' ? i.aggregate : undefined))).toEqual(['max', 'min']);
    expect(parseSelect('comments(count)')[0]).toMatchObject({ children: [{ field: f('count') }] });
  });

  it('handles quotes, dashes, unicode and whitespace', () => {
    expect(parseSelect('"a,b":"weird (col)"')).toEqual([{ type: 'field', field: f('weird (col)'), alias: 'a,b' }]);
    expect(parseSelect('"with \\"quote\\""')).toEqual([{ type: 'field', field: f('with "quote"') }]);
    expect(parseSelect('first-name, 名字')).toEqual([
      { type: 'field', field: f('first-name') },
      { type: 'field', field: f('名字') },
    ]);
    expect(parseSelect('')).toEqual([]);
  });

  it('reports errors as PostgREST does', () => {
    expect(() => parseSelect('id,clients(name[])')).toThrow(QueryParamError);
    try {
      parseSelect('name::');
    } catch (e) {
      expect((e as QueryParamError).message).toBe('"failed to parse select parameter (name::)" (line 1, column 7)');
      expect((e as QueryParamError).details).toContain('unexpected end of input');
    }
    expect(() => parseSelect('rel(')).toThrow(/failed to parse select parameter/);
  });
});

describe('filters', () => {
  const op = (v: string) => parseFilter('col', v).filter.expr;

  it('parses every operator', () => {
    for (const o of ['eq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'] as const) {
      expect(op(`${o}.v`)).toEqual({ negated: false, operation: { kind: 'quant', op: o, value: 'v' } });
    }
    for (const o of ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'] as const) {
      expect(op(`${o}.v`)).toEqual({ negated: false, operation: { kind: 'simple', op: o, value: 'v' } });
    }
    expect(op('in.(a,"b,c",d)')).toEqual({ negated: false, operation: { kind: 'in', values: ['a', 'b,c', 'd'] } });
    expect(op('in.()')).toEqual({ negated: false, operation: { kind: 'in', values: [''] } });
    expect(op('is.NULL')).toEqual({ negated: false, operation: { kind: 'is', value: 'null' } });
    for (const v of ['not_null', 'true', 'false', 'unknown'] as const) expect(op(`is.${v}`)).toMatchObject({ operation: { value: v } });
    expect(op('isdistinct.x')).toEqual({ negated: false, operation: { kind: 'isdistinct', value: 'x' } });
    expect(op('fts.cat')).toEqual({ negated: false, operation: { kind: 'fts', op: 'fts', value: 'cat' } });
    expect(op('wfts(english).a b')).toEqual({ negated: false, operation: { kind: 'fts', op: 'wfts', language: 'english', value: 'a b' } });
    expect(op('not.eq(any).{a,b}')).toEqual({ negated: true, operation: { kind: 'quant', op: 'eq', quantifier: 'any', value: '{a,b}' } });
    expect(op('like(all).{a*,*b}')).toMatchObject({ operation: { quantifier: 'all', value: '{a*,*b}' } });
    expect(op('eq.a.b,c')).toMatchObject({ operation: { value: 'a.b,c' } });
  });

  it('splits embed paths and JSON paths from the key', () => {
    expect(parseFilter('actors.roles.name', 'eq.x')).toMatchObject({ path: ['actors', 'roles'], filter: { field: f('name') } });
    expect(parseFilter('data->a->>b', 'eq.x').filter.field).toEqual(
      f('data', [
        { arrow: '->', key: 'a', index: false },
        { arrow: '->>', key: 'b', index: false },
      ]),
    );
  });

  it('rejects unknown operators, and treats them as arguments on RPC reads', () => {
    expect(() => op('noop.1')).toThrow('"failed to parse filter (noop.1)" (line 1, column 1)');
    expect(() => op('is.maybe')).toThrow(QueryParamError);
    expect(parseFilter('a', 'plain', true).filter.expr).toEqual({ noOp: 'plain' });
  });
});

describe('logic, order, columns', () => {
  it('parses nested and negated logic trees', () => {
    expect(parseLogic('or', '(a.eq.1,and(b.gt.2,c.not.is.null),not.or(d.in.(1,2),e.cs.{x,y}))')).toEqual({
      path: [],
      tree: {
        type: 'expr',
        negated: false,
        op: 'or',
        children: [
          { type: 'stmt', filter: { field: f('a'), expr: { negated: false, operation: { kind: 'quant', op: 'eq', value: '1' } } } },
          {
            type: 'expr',
            negated: false,
            op: 'and',
            children: [
              { type: 'stmt', filter: { field: f('b'), expr: { negated: false, operation: { kind: 'quant', op: 'gt', value: '2' } } } },
              { type: 'stmt', filter: { field: f('c'), expr: { negated: true, operation: { kind: 'is', value: 'null' } } } },
            ],
          },
          {
            type: 'expr',
            negated: true,
            op: 'or',
            children: [
              { type: 'stmt', filter: { field: f('d'), expr: { negated: false, operation: { kind: 'in', values: ['1', '2'] } } } },
              { type: 'stmt', filter: { field: f('e'), expr: { negated: false, operation: { kind: 'simple', op: 'cs', value: '{x,y}' } } } },
            ],
          },
        ],
      },
    });
    expect(parseLogic('actors.not.and', '(a.eq."x,y")')).toMatchObject({ path: ['actors'], tree: { negated: true, op: 'and' } });
    expect(() => parseLogic('or', '()')).toThrow(/failed to parse logic tree/);
  });

  it('parses order terms', () => {
    expect(parseOrder('order', 'a.desc.nullsfirst,b,c->x.asc,rel(d).desc')).toEqual({
      path: [],
      terms: [
        { type: 'field', field: f('a'), direction: 'desc', nulls: 'first' },
        { type: 'field', field: f('b') },
        { type: 'field', field: f('c', [{ arrow: '->', key: 'x', index: false }]), direction: 'asc' },
        { type: 'relation', relation: 'rel', field: f('d'), direction: 'desc' },
      ],
    });
    expect(parseOrder('films.order', 'year.nullslast').path).toEqual(['films']);
    expect(() => parseOrder('order', 'id.descc')).toThrow('"failed to parse order (id.descc)" (line 1, column 8)');
  });

  it('parses columns and on_conflict', () => {
    expect(parseColumns('"a","b c",d', 'columns')).toEqual(['a', 'b c', 'd']);
    expect(() => parseColumns('a,', 'on_conflict')).toThrow(/on_conflict/);
  });

  it('splits a whole query string into its parts', () => {
    const qp = parseQueryParams(
      [
        ['select', 'id,actors(name)'],
        ['id', 'gt.1'],
        ['actors.name', 'like.J*'],
        ['or', '(a.eq.1,b.eq.2)'],
        ['or', '(c.eq.3)'],
        ['order', 'id.desc'],
        ['actors.order', 'name'],
        ['limit', '10'],
        ['offset', '5'],
        ['actors.limit', '2'],
        ['empty', ''],
      ],
      false,
    );
    expect(qp.filters.map((x) => x.path)).toEqual([[], ['actors']]);
    expect(qp.logic).toHaveLength(2);
    expect(qp.order.map((o) => o.path)).toEqual([[], ['actors']]);
    expect(qp.ranges.get('')).toEqual({ limit: 10, offset: 5 });
    expect(qp.ranges.get('actors')).toEqual({ limit: 2 });
    const rpc = parseQueryParams(
      [
        ['a', '1'],
        ['b', 'eq.2'],
      ],
      true,
    );
    expect(rpc.rpcArgs).toEqual([['a', '1']]);
    expect(rpc.filters).toHaveLength(1);
  });
});

describe('hostile input', () => {
  it('refuses an empty cast as a parse error', () => {
    for (const select of ['id:: ', 'id::', 'count():: ', 'id.sum():: ']) {
      expect(() => parseSelect(select), select).toThrow(QueryParamError);
    }
    expect(parseSelect('id::  text ')).toEqual([{ type: 'field', field: { name: 'id', jsonPath: [] }, cast: 'text' }]);
  });

  it('caps nesting before recursing, for select and logic trees', () => {
    const deepSelect = `${'a('.repeat(3000)}id${')'.repeat(3000)}`;
    const error = (() => {
      try {
        parseSelect(deepSelect);
      } catch (e) {
        return e as QueryParamError;
      }
    })();
    expect(error?.message).toMatch(/^"failed to parse select parameter \(a\(a\(.*" \(line 1, column 130\)$/);
    expect(error?.details).toBe('nesting deeper than 64 levels');
    expect(() => parseLogic('or', `${'(or'.repeat(4000)}(id.eq.1)${')'.repeat(4000)}`)).toThrow(QueryParamError);
    expect(() => parseLogic('or', '('.repeat(3900))).toThrow(QueryParamError);
    const ok = `${'a('.repeat(MAX_NESTING - 1)}id${')'.repeat(MAX_NESTING - 1)}`;
    expect(parseSelect(ok)).toHaveLength(1);
    // Parentheses inside quoted values do not count.
    expect(parseLogic('or', `(name.eq."${'('.repeat(200)}",id.eq.1)`).tree).toMatchObject({ type: 'expr', op: 'or' });
  });
});
