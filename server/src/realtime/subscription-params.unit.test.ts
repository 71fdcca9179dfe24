import { describe, expect, it } from 'vitest';
import { postgresChangesFilter } from '@supabase/supabase-js';
import { bindingId, describeParams, filterPredicate, inspectElixir, parseFilters, parseSubscriptionParams, splitTopLevel } from './subscription-params.ts';

describe('parseSubscriptionParams', () => {
  it('reads the params forms Realtime documents', () => {
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'subject=eq.hey' })).toEqual({
      ok: true,
      value: { action: '*', schema: 'public', table: 'messages', filters: [{ column: 'subject', op: 'eq', value: 'hey', negate: false }], select: null },
    });
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'subject=in.(hidee,ho)' })).toMatchObject({
      value: { filters: [{ column: 'subject', op: 'in', value: '{hidee,ho}', negate: false }] },
    });
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'subject=not.like.hey%' })).toMatchObject({
      value: { filters: [{ column: 'subject', op: 'like', value: 'hey%', negate: true }] },
    });
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'id=gt.0,id=lt.100' })).toMatchObject({
      value: { filters: [{ column: 'id', op: 'gt', value: '0' }, { column: 'id', op: 'lt', value: '100' }] },
    });
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: '   ' })).toMatchObject({ value: { filters: [] } });
    expect(parseSubscriptionParams({ schema: 'public' })).toMatchObject({ value: { schema: 'public', table: '*' } });
    expect(parseSubscriptionParams({ table: 'messages' })).toMatchObject({ value: { schema: 'public', table: 'messages' } });
  });

  it('maps events to action filters, anything unknown meaning every action', () => {
    const action = (event: unknown) => (parseSubscriptionParams({ event, schema: 'public', table: 't' }) as { value: { action: string } }).value.action;
    expect(action('INSERT')).toBe('INSERT');
    expect(action('delete')).toBe('DELETE');
    expect(action('*')).toBe('*');
    expect(action('whatever')).toBe('*');
    expect(action(undefined)).toBe('*');
  });

  it("words errors as Realtime's parser does", () => {
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'subject=foo.hey' })).toEqual({ ok: false, message: 'Error parsing `filter` params: ["foo", "hey"]' });
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'undefined' })).toEqual({ ok: false, message: 'Error parsing `filter` params: ["undefined"]' });
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'id=eq.1,,id=eq.2' })).toEqual({
      ok: false,
      message: 'Error parsing `filter` params: filter must not contain empty segments (check for extra commas)',
    });
    expect(parseSubscriptionParams({ schema: 'public', table: 'messages', filter: 'id=in.1' })).toEqual({
      ok: false,
      message: 'Error parsing `filter` params: `in` filter value must be wrapped by parentheses',
    });
    expect(parseSubscriptionParams({})).toEqual({ ok: false, message: 'No subscription params provided. Please provide at least a `schema` or `table` to subscribe to: %{}' });
    expect(parseSubscriptionParams({ event: '*', filter: 'a=eq.1' })).toEqual({
      ok: false,
      message: 'No subscription params provided. Please provide at least a `schema` or `table` to subscribe to: %{"event" => "*", "filter" => "a=eq.1"}',
    });
    expect(parseSubscriptionParams({ schema: 'public', select: ['id'] })).toEqual({
      ok: false,
      message: 'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.',
    });
    expect(parseSubscriptionParams({ schema: 'public', table: 't', select: 'id' })).toMatchObject({ ok: false });
  });
});

describe('filters', () => {
  it('splits on commas outside parentheses and quoted values', () => {
    expect(splitTopLevel('a=eq.1,b=in.(1,2),c=eq."x,y"')).toEqual(['a=eq.1', 'b=in.(1,2)', 'c=eq."x,y"']);
    // A quote opens only after `.`, `(` or `,`.
    expect(splitTopLevel('a=eq.x"y,z')).toEqual(['a=eq.x"y', 'z']);
    expect(splitTopLevel('a=eq."q\\",r",b=eq.2')).toEqual(['a=eq."q\\",r"', 'b=eq.2']);
  });

  it('reads back every filter the realtime-js builder writes', () => {
    const built = postgresChangesFilter()
      .eq('name', 'a,b')
      .neq('n', 3)
      .in('tag', ['x', 'y,z'])
      .like('title', '%café%')
      .is('deleted_at', null)
      .not('status', 'in', ['draft', 'archived'])
      .isDistinct('score', 1.5)
      .eq('quote', 'say "hi"')
      .build();
    const parsed = parseFilters(built);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { column: 'name', op: 'eq', value: 'a,b', negate: false },
        { column: 'n', op: 'neq', value: '3', negate: false },
        { column: 'tag', op: 'in', value: '{x,"y,z"}', negate: false },
        { column: 'title', op: 'like', value: '%café%', negate: false },
        { column: 'deleted_at', op: 'is', value: 'null', negate: false },
        { column: 'status', op: 'in', value: '{draft,archived}', negate: true },
        { column: 'score', op: 'isdistinct', value: '1.5', negate: false },
        { column: 'quote', op: 'eq', value: 'say "hi"', negate: false },
      ],
    });
  });

  it('builds SQL that compares in the column type', () => {
    const params: string[] = [];
    const param = (v: string) => {
      params.push(v);
      return `$${params.length + 1}`;
    };
    expect(filterPredicate({ column: 'qty', op: 'gte', value: '5', negate: false }, 'integer', param)).toBe('r."qty" >= $2::integer');
    expect(filterPredicate({ column: 'tag', op: 'in', value: '{a,b}', negate: true }, '"contract"."kind"', param)).toBe('not (r."tag" = any($3::"contract"."kind"[]))');
    expect(filterPredicate({ column: 'flag', op: 'is', value: 'true', negate: false }, 'boolean', param)).toBe('r."flag" is true');
    expect(filterPredicate({ column: 'a"b', op: 'isdistinct', value: 'x', negate: false }, 'text', param)).toBe('r."a""b" is distinct from $4::text');
    expect(params).toEqual(['5', '{a,b}', 'x']);
    expect(() => filterPredicate({ column: 'flag', op: 'is', value: 'maybe', negate: false }, 'boolean', param)).toThrow();
  });
});

describe('binding ids and messages', () => {
  it('gives identical params the same id, in the phash2 range, whatever the key order', () => {
    const a = bindingId({ event: '*', schema: 'public', table: 'todos' });
    expect(bindingId({ table: 'todos', schema: 'public', event: '*' })).toBe(a);
    expect(bindingId({ event: 'INSERT', schema: 'public', table: 'todos' })).not.toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(2 ** 27);
  });

  it('prints params and values the way Realtime logs them', () => {
    const parsed = parseSubscriptionParams({ event: 'INSERT', schema: 'public', table: 'todos', filter: 'id=eq.1', select: ['id'] });
    expect(parsed.ok && describeParams(parsed.value)).toBe('event: INSERT, schema: public, table: todos, filters: [{"id", "eq", "1", false}], select: ["id"]');
    expect(inspectElixir({ b: [1, null, true], a: 'x' })).toBe('%{"a" => "x", "b" => [1, nil, true]}');
  });
});
