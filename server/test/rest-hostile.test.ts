import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD } from './app-helpers.ts';
import { client } from './env.ts';
import { rest } from './rest-helpers.ts';

// Hostile query strings and bodies answer 4xx before they reach the database, and every answer
// stays readable by Node's HTTP client.
describe('hostile input answers 4xx', () => {
  it('refuses an empty cast with PGRST100', async () => {
    for (const select of ['id::%20', 'id::', 'count()::%20', 'id.sum()::%20']) {
      const r = await rest(`/films?select=${select}`);
      expect({ select, status: r.status, code: r.json().code }).toEqual({ select, status: 400, code: 'PGRST100' });
    }
  });

  it('caps select and logic nesting with PGRST100 instead of overflowing the stack', async () => {
    const cases = [
      `/films?or=${'('.repeat(3900)}`,
      `/films?or=${'(or'.repeat(4000)}(id.eq.1)${')'.repeat(4000)}`,
      `/films?not.and=${'(and'.repeat(3000)}(id.eq.1)${')'.repeat(3000)}`,
      `/films?select=${'a('.repeat(3000)}id${')'.repeat(3000)}`,
    ];
    for (const path of cases) {
      const r = await rest(path);
      expect(r.status).toBe(400);
      expect(r.json()).toMatchObject({ code: 'PGRST100', details: 'nesting deeper than 64 levels' });
    }
    const wide = await rest(`/films?select=${Array.from({ length: 1665 }, () => 'id').join(',')}`);
    expect(wide.status).toBe(400);
    expect(wide.json()).toMatchObject({ code: 'PGRST100', message: 'Select list too long' });
    const fine = await rest('/films?select=id&or=(id.eq.1,and(id.gt.0,or(id.eq.2,id.eq.3)))&order=id');
    expect(fine.json()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('refuses JSON bodies nested deeper than 512 levels with PGRST102', async () => {
    const deepArray = `${'['.repeat(6000)}1${']'.repeat(6000)}`;
    const deepObject = `{"item":${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}}`;
    for (const [path, body] of [
      ['/rpc/echo_json', deepArray],
      ['/rpc/add_kitchen_item', deepObject],
      ['/kitchen?columns=name', deepObject],
    ] as const) {
      const r = await rest(path, { method: 'POST', body, headers: { prefer: 'tx=rollback' } });
      expect(r.status).toBe(400);
      expect(r.json()).toMatchObject({ code: 'PGRST102', message: 'JSON nested deeper than 512 levels' });
    }
    const nested = `{"a":${'['.repeat(100)}1${']'.repeat(100)}}`;
    const ok = await rest('/rpc/echo_json', { method: 'POST', body: nested });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual(JSON.parse(nested));
  });

  it('keeps Content-Location bounded for a long accepted URL', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => i + 1).join(',');
    const r = await rest(`/numbers?select=n&n=in.(${values})&limit=1`);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual([{ n: 1 }]);
    expect(r.headers.get('content-location')).toBeNull();
    const short = await rest('/numbers?select=n&n=in.(1,2)');
    expect(short.headers.get('content-location')).toBe('/numbers?n=in.(1%2C2)&select=n');
  });
});

describe('writes to the read-model views', () => {
  it('are refused by privileges: 401 for anon, 403 for a member, and nothing is written', async () => {
    const anon = client();
    // Untyped: the generated types rightly give the views no Insert or Update shape.
    const owner = client();
    expect((await owner.auth.signInWithPassword({ email: DEMO.owner, password: DEMO_PASSWORD })).error).toBeNull();
    for (const view of ['review_queue', 'document_progress'] as const) {
      const anonInsert = await anon.from(view).insert({ project_id: '00000000-0000-4000-8000-000000000000' });
      expect({ view, status: anonInsert.status, code: anonInsert.error?.code }).toEqual({ view, status: 401, code: '42501' });
      expect(anonInsert.error?.message).toBe(`permission denied for view ${view}`);
      const update = await owner.from(view).update({ project_id: '00000000-0000-4000-8000-000000000000' }).neq('project_id', '00000000-0000-4000-8000-000000000000');
      expect({ view, status: update.status, code: update.error?.code }).toEqual({ view, status: 403, code: '42501' });
      const del = await owner.from(view).delete().neq('project_id', '00000000-0000-4000-8000-000000000000');
      expect({ view, status: del.status, code: del.error?.code }).toEqual({ view, status: 403, code: '42501' });
      const upsert = await owner.from(view).upsert({ project_id: '00000000-0000-4000-8000-000000000000' });
      expect({ view, status: upsert.status }).toEqual({ view, status: 403 });
    }
    const progress = await owner.from('document_progress').select('document_id');
    expect(progress.error).toBeNull();
    expect(progress.data!.length).toBeGreaterThan(0);
  });
});
