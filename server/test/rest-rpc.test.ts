import { describe, expect, it } from 'vitest';
import { client } from './env.ts';
import { SCHEMA, rest } from './rest-helpers.ts';

const db = () => client(undefined, SCHEMA);

describe('rpc', () => {
  it('calls with named JSON arguments over POST and query arguments over GET/HEAD', async () => {
    expect((await db().rpc('add_them', { a: 1, b: 2 })).data).toBe(3);
    expect((await db().rpc('add_them', { a: 4, b: 5 }, { get: true })).data).toBe(9);
    const head = await db().rpc('add_them', { a: 4, b: 5 }, { head: true });
    expect(head.status).toBe(200);
    expect(head.data).toBeNull();
    expect((await rest('/rpc/greet')).json()).toBe('hello world');
    expect((await rest('/rpc/greet?name=bob')).json()).toBe('hello bob');
  });

  it('returns void as 204, scalars, composites and sets', async () => {
    const v = await rest('/rpc/void_func', { method: 'POST', body: '{}' });
    expect(v.status).toBe(204);
    expect(v.text).toBe('');
    expect((await rest('/rpc/get_status?name_param=kiwicopple')).json()).toBe('OFFLINE');
    expect((await rest('/rpc/get_user?name_param=supabot&select=username,status')).json()).toEqual({ username: 'supabot', status: 'ONLINE' });
    expect((await rest('/rpc/film_years')).json()).toEqual([1895, 1894, 1896, 1994, 1992, 2005]);
    expect((await rest('/rpc/films_since?since=1994')).json()).toEqual([
      { id: 4, title: 'Pulp Fiction', year: 1994 },
      { id: 6, title: 'Orphan Film', year: 2005 },
    ]);
  });

  it('filters, orders, embeds and counts set-returning functions', async () => {
    const { data, count } = await db()
      .rpc('list_films', {}, { count: 'exact' })
      .select('title,directors(last_name)')
      .gt('year', 1990)
      .order('year')
      .limit(1);
    expect(data).toEqual([{ title: 'Reservoir Dogs', directors: { last_name: 'Tarantino' } }]);
    expect(count).toBe(3);
    const single = await db().rpc('list_films').select('id').eq('id', 2).single();
    expect(single.data).toEqual({ id: 2 });
  });

  it('passes a single unnamed json parameter and variadic arguments', async () => {
    expect((await rest('/rpc/echo_json', { method: 'POST', body: JSON.stringify({ a: [1, 2] }) })).json()).toEqual({ a: [1, 2] });
    expect((await rest('/rpc/sum_all?nums=1&nums=2&nums=5')).json()).toBe(8);
    expect((await db().rpc('sum_all', { nums: [1, 2, 3] })).data).toBe(6);
  });

  it('reports missing and ambiguous functions as PostgREST does', async () => {
    const missing = await rest('/rpc/add_them', { method: 'POST', body: JSON.stringify({ a: 1 }) });
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function contract.add_them(a) in the schema cache',
      details: 'Searched for the function contract.add_them with parameter a or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function contract.add_them(a, b)',
    });
    const typo = await rest('/rpc/greeet');
    expect(typo.json()).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function contract.greeet without parameters in the schema cache',
      details: 'Searched for the function contract.greeet without parameters, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function contract.greet',
    });
    const amb = await rest('/rpc/overloaded?a=1');
    expect(amb.status).toBe(300);
    expect(amb.json()).toEqual({
      code: 'PGRST203',
      details: null,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
      message: 'Could not choose the best candidate function between: contract.overloaded(a => integer), contract.overloaded(a => text)',
    });
    expect((await rest('/rpc/two_ways?b=1&c=2')).json()).toBe('bc');
  });

  it('runs GET and stable functions read-only and volatile POST read-write', async () => {
    const get = await rest('/rpc/add_kitchen_item?item=from-get');
    expect(get.status).toBe(405);
    expect(get.json()).toMatchObject({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' });
    const post = await db().rpc('add_kitchen_item', { item: `from-post-${Date.now()}` }).select('name');
    expect(post.status).toBe(200);
    expect(post.data).toEqual({ name: expect.stringMatching(/^from-post-/) });
  });

  it('carries RAISE errors, custom PT statuses, PGRST raises and response GUCs', async () => {
    const plain = await rest('/rpc/raise_plain', { method: 'POST', body: '{}' });
    expect(plain.status).toBe(400);
    expect(plain.json()).toEqual({ code: 'P0001', details: 'some detail', hint: 'some hint', message: 'plain failure' });
    const pt = await rest('/rpc/raise_custom', { method: 'POST', body: '{}' });
    expect(pt.status).toBe(402);
    expect(pt.json()).toEqual({ code: 'PT402', details: 'Quota exceeded', hint: 'Upgrade your plan', message: 'Payment Required' });
    const pgrst = await rest('/rpc/raise_pgrst', { method: 'POST', body: '{}' });
    expect(pgrst.status).toBe(418);
    expect(pgrst.headers.get('x-powered-by')).toBe('Nerds');
    expect(pgrst.json()).toEqual({ code: '123', details: 'Custom details', hint: 'Custom hint', message: 'Custom message' });
    const guc = await rest('/rpc/with_headers');
    expect(guc.status).toBe(202);
    expect(guc.headers.get('x-custom')).toBe('yes');
    expect(guc.headers.get('cache-control')).toBe('no-store');
  });

  it('rejects max-affected on functions that do not return sets', async () => {
    const r = await rest('/rpc/add_them?a=1&b=2', { headers: { prefer: 'handling=strict, max-affected=1' } });
    expect(r.json()).toMatchObject({ code: 'PGRST128' });
    const set = await rest('/rpc/list_films', { headers: { prefer: 'handling=strict, max-affected=2' } });
    expect(set.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 6 rows' });
  });

  it('sets request GUCs: method, path, headers, cookies, search_path and timezone', async () => {
    const r = await rest('/rpc/whoami', { headers: { 'x-test-header': 'hi', cookie: 'flavour=mint; other=1', prefer: 'timezone=Asia/Shanghai' } });
    expect(r.json()).toEqual({
      role: 'anon',
      uid: null,
      method: 'GET',
      path: '/rpc/whoami',
      search_path: '"contract", "public", "extensions"',
      header: 'hi',
      cookie: 'mint',
      timezone: 'Asia/Shanghai',
    });
    expect(r.headers.get('preference-applied')).toBe('timezone=Asia/Shanghai');
  });
});
