import { describe, expect, it } from 'vitest';
import { client } from './env.ts';
import { SCHEMA, rest } from './rest-helpers.ts';

const db = () => client(undefined, SCHEMA);
let seq = 0;
const unique = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}`;

describe('insert', () => {
  it('inserts one row with return=minimal by default', async () => {
    const name = unique('cup');
    const r = await rest('/kitchen', { method: 'POST', body: JSON.stringify({ name }) });
    expect(r.status).toBe(201);
    expect(r.text).toBe('');
    expect(r.headers.get('content-range')).toBe('*/*');
    expect(r.headers.get('content-type')).toBeNull();
  });

  it('inserts in bulk with representation, select and count', async () => {
    const a = unique('plate');
    const b = unique('bowl');
    const { data, error, status, count } = await db()
      .from('kitchen')
      .insert([{ name: a, quantity: 2 }, { name: b, quantity: 3 }], { count: 'exact' })
      .select('name,quantity');
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(count).toBe(2);
    expect(data).toEqual([
      { name: a, quantity: 2 },
      { name: b, quantity: 3 },
    ]);
    // supabase-js sends ?columns=, so a key missing from one object is null, not the default.
    const missing = await db().from('kitchen').insert([{ name: unique('c'), quantity: 1 }, { name: unique('d') }]);
    expect(missing.error).toMatchObject({ code: '23502' });
  });

  it('applies column defaults with missing=default', async () => {
    const a = unique('mug');
    const b = unique('jug');
    const { data, error } = await db()
      .from('kitchen')
      .insert([{ name: a, quantity: 2 }, { name: b }], { defaultToNull: false })
      .select('name,quantity');
    expect(error).toBeNull();
    expect(data).toEqual([
      { name: a, quantity: 2 },
      { name: b, quantity: 7 },
    ]);
    const r = await rest('/kitchen?columns=name&select=name,quantity', {
      method: 'POST',
      headers: { prefer: 'return=representation, missing=default' },
      body: JSON.stringify([{ name: unique('x'), quantity: 99 }]),
    });
    expect(r.json()[0].quantity).toBe(7);
    expect(r.headers.get('preference-applied')).toBe('missing=default, return=representation');
  });

  it('sets Location with return=headers-only', async () => {
    const r = await rest('/kitchen', { method: 'POST', headers: { prefer: 'return=headers-only' }, body: JSON.stringify({ name: unique('pan') }) });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toMatch(/^\/kitchen\?id=eq\.\d+$/);
    expect(r.text).toBe('');
  });

  it('embeds after insert', async () => {
    const r = await rest('/messages?select=message,channels(slug),users(status)', {
      method: 'POST',
      // Rolled back: the read tests count this channel's messages while other files run.
      headers: { prefer: 'return=representation, tx=rollback' },
      body: JSON.stringify({ message: 'embedded', channel_id: 2, username: 'awailas' }),
    });
    expect(r.status).toBe(201);
    expect(r.json()).toEqual([{ message: 'embedded', channels: { slug: 'random' }, users: { status: 'ONLINE' } }]);
  });

  it('rejects unknown columns, bad JSON and mismatched keys', async () => {
    const unknown = await rest('/kitchen', { method: 'POST', body: JSON.stringify({ name: 'x', nope: 1 }) });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({ code: 'PGRST204', details: null, hint: null, message: "Could not find the 'nope' column of 'kitchen' in the schema cache" });
    const bad = await rest('/kitchen', { method: 'POST', body: '{"name":' });
    expect(bad.json()).toEqual({ code: 'PGRST102', details: null, hint: null, message: 'Empty or invalid json' });
    const keys = await rest('/kitchen', { method: 'POST', body: JSON.stringify([{ name: 'a' }, { quantity: 1 }]) });
    expect(keys.json()).toMatchObject({ code: 'PGRST102', message: 'All object keys must match' });
    const ct = await rest('/kitchen', { method: 'POST', headers: { 'content-type': 'text/html' }, body: '<p>' });
    expect(ct.json()).toMatchObject({ code: 'PGRST102', message: 'Content-Type not acceptable: text/html' });
  });

  it('maps constraint violations to 409 and 400', async () => {
    const dup = await rest('/kitchen', { method: 'POST', body: JSON.stringify({ name: 'fork' }) });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ code: '23505', details: 'Key (name)=(fork) already exists.' });
    const fk = await rest('/messages', { method: 'POST', body: JSON.stringify({ message: 'x', channel_id: 999, username: 'supabot' }) });
    expect(fk.status).toBe(409);
    expect(fk.json()).toMatchObject({ code: '23503' });
    const long = await rest('/kitchen', { method: 'POST', body: JSON.stringify({ name: unique('n'), note: 'far too long' }) });
    expect(long.status).toBe(400);
    expect(long.json()).toMatchObject({ code: '22001' });
  });

  it('accepts CSV and form bodies', async () => {
    const name = unique('csv');
    const csv = await rest('/kitchen?select=name,quantity', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', prefer: 'return=representation' },
      body: `name,quantity\n${name},3`,
    });
    expect(csv.json()).toEqual([{ name, quantity: 3 }]);
    const form = await rest('/kitchen?select=name', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', prefer: 'return=representation' },
      body: `name=${encodeURIComponent('a form')}`,
    });
    expect(form.json()).toEqual([{ name: 'a form' }]);
  });
});

describe('upsert', () => {
  it('merges duplicates on a unique column and answers 200 when nothing was inserted', async () => {
    const first = await db().from('kitchen').upsert({ name: 'spoon', quantity: 13 }, { onConflict: 'name' }).select('name,quantity');
    expect(first.status).toBe(200);
    expect(first.data).toEqual([{ name: 'spoon', quantity: 13 }]);
    const name = unique('new');
    const second = await db().from('kitchen').upsert([{ name: 'spoon', quantity: 14 }, { name, quantity: 1 }], { onConflict: 'name' }).select('name,quantity');
    expect(second.status).toBe(201);
    expect(second.data).toEqual([
      { name: 'spoon', quantity: 14 },
      { name, quantity: 1 },
    ]);
  });

  it('ignores duplicates', async () => {
    const name = unique('ignored');
    const r = await rest('/kitchen?on_conflict=name&select=name,quantity', {
      method: 'POST',
      headers: { prefer: 'return=representation, resolution=ignore-duplicates' },
      body: JSON.stringify([
        { name: 'knife', quantity: 100 },
        { name, quantity: 5 },
      ]),
    });
    expect(r.status).toBe(201);
    expect(r.json()).toEqual([{ name, quantity: 5 }]);
    expect(r.headers.get('preference-applied')).toBe('resolution=ignore-duplicates, return=representation');
  });

  it('upserts by primary key with PUT', async () => {
    const put = (id: number, body: object, prefer = 'return=representation') =>
      rest(`/kitchen?id=eq.${id}&select=id,name`, { method: 'PUT', headers: { prefer }, body: JSON.stringify(body) });
    const a = await put(5000, { id: 5000, name: 'whisk' });
    expect(a.status).toBe(201);
    expect(a.json()).toEqual([{ id: 5000, name: 'whisk' }]);
    const b = await put(5000, { id: 5000, name: 'whisk 2' });
    expect(b.status).toBe(200);
    const c = await put(5000, { id: 5000, name: 'whisk 3' }, 'return=minimal');
    expect(c.status).toBe(204);
    const mismatch = await put(5001, { id: 5000, name: 'x' });
    expect(mismatch.json()).toMatchObject({ code: 'PGRST115' });
    const notPk = await rest('/kitchen?name=eq.x', { method: 'PUT', body: JSON.stringify({ name: 'x' }) });
    expect(notPk.status).toBe(405);
    expect(notPk.json()).toMatchObject({ code: 'PGRST105' });
    const limited = await rest('/kitchen?id=eq.1&limit=1', { method: 'PUT', body: JSON.stringify({ id: 1, name: 'x' }) });
    expect(limited.json()).toMatchObject({ code: 'PGRST114' });
  });
});

describe('update and delete', () => {
  it('updates with filters and returns the representation', async () => {
    const name = unique('upd');
    await rest('/kitchen', { method: 'POST', body: JSON.stringify({ name, quantity: 1 }) });
    const { data, status, count } = await db().from('kitchen').update({ quantity: 42 }, { count: 'exact' }).eq('name', name).select('name,quantity');
    expect(status).toBe(200);
    expect(count).toBe(1);
    expect(data).toEqual([{ name, quantity: 42 }]);
    const minimal = await rest(`/kitchen?name=eq.${name}`, { method: 'PATCH', body: JSON.stringify({ quantity: 43 }) });
    expect(minimal.status).toBe(204);
    expect(minimal.headers.get('content-range')).toBe('0-0/*');
    const none = await rest('/kitchen?name=eq.nothing-here', { method: 'PATCH', body: JSON.stringify({ quantity: 1 }) });
    expect(none.headers.get('content-range')).toBe('*/*');
  });

  it('enforces max-affected with handling=strict', async () => {
    // The untyped client assumes PostgREST 12; the method is the one postgrest-js sends to 13+.
    const builder = db().from('kitchen').update({ quantity: 1 }).gte('id', 1) as unknown as { maxAffected(n: number): PromiseLike<{ error: unknown }> };
    const { error } = await builder.maxAffected(1);
    expect(error).toMatchObject({ code: 'PGRST124', message: 'Query result exceeds max-affected preference constraint' });
    const fine = await rest('/kitchen?name=eq.fork', { method: 'PATCH', headers: { prefer: 'handling=strict, max-affected=1' }, body: JSON.stringify({ quantity: 10 }) });
    expect(fine.status).toBe(204);
    expect(fine.headers.get('preference-applied')).toBe('handling=strict, max-affected=1');
  });

  it('deletes and returns the deleted rows', async () => {
    const name = unique('del');
    await rest('/kitchen', { method: 'POST', body: JSON.stringify({ name }) });
    const { data, status } = await db().from('kitchen').delete().eq('name', name).select('name');
    expect(status).toBe(200);
    expect(data).toEqual([{ name }]);
    const again = await rest(`/kitchen?name=eq.${name}`, { method: 'DELETE', headers: { prefer: 'count=exact' } });
    expect(again.status).toBe(204);
    expect(again.headers.get('content-range')).toBe('*/0');
  });

  it('limits PATCH and DELETE with order and limit', async () => {
    const names = [unique('lim'), unique('lim'), unique('lim')];
    await rest('/kitchen', { method: 'POST', body: JSON.stringify(names.map((name, i) => ({ name, quantity: i }))) });
    const prefix = names[0]!.slice(0, -2);
    const r = await rest(`/kitchen?name=like.${prefix}*&order=quantity.desc&limit=1&select=quantity`, {
      method: 'DELETE',
      headers: { prefer: 'return=representation' },
    });
    expect(r.json()).toEqual([{ quantity: 2 }]);
  });

  it('rolls back with tx=rollback', async () => {
    const name = unique('ghost');
    const r = await db().from('kitchen').insert({ name }).select('name').rollback();
    expect(r.data).toEqual([{ name }]);
    const after = await db().from('kitchen').select('name').eq('name', name);
    expect(after.data).toEqual([]);
    const raw = await rest('/kitchen', { method: 'POST', headers: { prefer: 'tx=rollback' }, body: JSON.stringify({ name }) });
    expect(raw.headers.get('preference-applied')).toBe('tx=rollback');
  });

  it('rejects invalid preferences only with handling=strict', async () => {
    const lenient = await rest('/films?select=id&limit=1', { headers: { prefer: 'count=exact, bogus' } });
    expect(lenient.status).toBe(206);
    const strict = await rest('/films?select=id&limit=1', { headers: { prefer: 'handling=strict, bogus' } });
    expect(strict.status).toBe(400);
    expect(strict.json()).toEqual({ code: 'PGRST122', details: 'Invalid preferences: bogus', hint: null, message: 'Invalid preferences given with handling=strict' });
  });
});
