import { describe, expect, it } from 'vitest';
import { client } from './env.ts';
import { rest } from './rest-helpers.ts';

// PostgREST's function rules (fixtures in server/test/fixtures/01-rest-functions.sql): only functions
// whose parameters are all named, or that take one unnamed json/jsonb/text/xml/bytea parameter, are
// exposed; ambiguity errors list PostgREST's candidates in its order; hints come from fuzzyset.
const db = () => client(undefined, 'contract');
const AMBIGUOUS_HINT = 'Try renaming the parameters or the function itself in the database so function overloading can be resolved';

describe('functions with unnamed parameters', () => {
  it('calls the one overload with an unnamed text parameter, the body as its argument', async () => {
    expect(await db().rpc('poly_return', { '': 'test' })).toMatchObject({ status: 200, data: 'foo', error: null });
    expect(await db().rpc('poly_return', { '': true })).toMatchObject({ status: 200, data: 'foo', error: null });
    expect(await db().rpc('poly_no_params_or_unnamed')).toMatchObject({ status: 200, data: 1 });
    expect(await db().rpc('poly_no_params_or_unnamed', { '': '' })).toMatchObject({ status: 200, data: 'foo' });
    expect(await db().rpc('unnamed_json', { '': { test: 'value' } })).toMatchObject({ status: 200, data: 1 });
    expect(await db().rpc('unnamed_jsonb', { '': { test: 'value' } })).toMatchObject({ status: 200, data: 1 });
    expect(await db().rpc('unnamed_text', { '': 'test' })).toMatchObject({ status: 200, data: 1 });
  });

  it('does not expose a function with one unnamed integer, or two unnamed, parameters', async () => {
    const res = await db().rpc('unnamed_integer', { '': 1 });
    expect(res.status).toBe(404);
    expect(res.error).toEqual({
      code: 'PGRST202',
      details: 'Searched for the function contract.unnamed_integer with parameter  or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function contract.unnamed_text',
      message: 'Could not find the function contract.unnamed_integer() in the schema cache',
    });
    const two = await db().rpc('two_unnamed', {});
    expect(two.status).toBe(404);
    expect(two.error?.code).toBe('PGRST202');
    // A function over a row type with an unnamed parameter is still a computed field and relationship.
    expect((await rest('/directors?select=full_name&id=eq.1')).json()).toEqual([{ full_name: 'Louis Lumière' }]);
    expect((await rest('/films?select=title,director(last_name)&id=eq.1')).json()).toEqual([
      { title: 'Workers Leaving The Lumière Factory In Lyon', director: { last_name: 'Lumière' } },
    ]);
    // Not callable, so not a candidate: the hint names another function, never "director()".
    const asRpc = (await rest('/rpc/director', { method: 'POST', body: '{}' })).json();
    expect(asRpc).toMatchObject({ code: 'PGRST202', message: 'Could not find the function contract.director without parameters in the schema cache' });
    expect(asRpc.hint).not.toContain('director(');
  });
});

describe('ambiguous overloads', () => {
  it('lists only the candidates PostgREST considers, fewest parameters first', async () => {
    for (const args of [undefined, {}]) {
      const res = await db().rpc('unnamed_default', args);
      expect(res.status).toBe(300);
      expect(res.error).toEqual({
        code: 'PGRST203',
        details: null,
        hint: AMBIGUOUS_HINT,
        message: 'Could not choose the best candidate function between: contract.unnamed_default(), contract.unnamed_default( => text)',
      });
    }
    expect(await db().rpc('unnamed_default', { '': 'custom text' })).toMatchObject({ status: 200, data: 'foo' });
  });

  it('orders candidates with as many parameters by name, then type', async () => {
    for (const a of ['test', 1]) {
      const res = await db().rpc('unresolvable', { a });
      expect(res.status).toBe(300);
      expect(res.error?.message).toBe('Could not choose the best candidate function between: contract.unresolvable(a => integer), contract.unresolvable(a => text)');
    }
    expect(await db().rpc('unresolvable')).toMatchObject({ status: 204, data: null, error: null });
  });
});

describe('function hints', () => {
  it('gives no hint for a known function called without its arguments when no parameter list is close', async () => {
    const res = await db().rpc('get_status');
    expect(res.status).toBe(404);
    expect(res.error).toEqual({
      code: 'PGRST202',
      details: 'Searched for the function contract.get_status without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: null,
      message: 'Could not find the function contract.get_status without parameters in the schema cache',
    });
  });

  it('suggests the closest parameter list or function name', async () => {
    expect((await db().rpc('add_them', { b: 1 })).error?.hint).toBe('Perhaps you meant to call the function contract.add_them(a, b)');
    expect((await db().rpc('films_snice', { since: 1 })).error?.hint).toBe('Perhaps you meant to call the function contract.films_since');
    expect((await db().rpc('zzzzzzzzzz')).error?.hint).toBeNull();
  });
});
