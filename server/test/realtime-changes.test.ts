/**
 * /realtime/v1 Postgres Changes through supabase-js: delivery of each event type, every filter
 * operator, row-level security per subscriber, replica identity and column grants in the
 * records, subscription errors, and token refresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anonKey } from './env.ts';
import { uniqueEmail } from './auth-helpers.ts';
import { Inbox, RawSocket, SCHEMA, anonClient, closeClients, runId, serviceClient, subscribed, userClient, userToken } from './realtime-helpers.ts';

afterEach(closeClients);

const ISO_MS_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('postgres_changes delivery', () => {
  it('delivers INSERT, UPDATE and DELETE with the payload realtime-js expects', async () => {
    const run = runId();
    const user = await userClient();
    const events = new Inbox<any>();
    const system = new Inbox<any>();
    const channel = user.client
      .channel(`items-${run}`)
      .on('postgres_changes', { event: '*', schema: SCHEMA, table: 'rt_items', filter: `run=eq.${run}` }, events.push)
      .on('system', {}, system.push);
    await subscribed(channel);
    expect(await system.next()).toEqual({ extension: 'postgres_changes', status: 'ok', message: 'Subscribed to PostgreSQL', channel: `items-${run}` });

    const db = serviceClient();
    const inserted = await db
      .from('rt_items')
      .insert({ run, title: 'first', qty: 3, price: 9.5, flag: true, label: 'x', due: '2024-05-01T10:00:00Z', meta: { a: [1, 2] } })
      .select()
      .single();
    expect(inserted.error).toBeNull();
    const row = inserted.data;
    const insert = await events.next();
    expect(insert).toEqual({
      schema: SCHEMA,
      table: 'rt_items',
      commit_timestamp: expect.stringMatching(ISO_MS_Z),
      eventType: 'INSERT',
      new: row,
      old: {},
      errors: null,
    });

    await db.from('rt_items').update({ title: 'second' }).eq('id', row.id);
    const update = await events.next();
    expect(update).toMatchObject({ eventType: 'UPDATE', new: { ...row, title: 'second' }, old: { id: row.id }, errors: null });
    // Default replica identity: the old record is the primary key only.
    expect(Object.keys(update.old)).toEqual(['id']);

    // A DELETE carries only the replica identity, so this binding's `run` filter cannot match it;
    // a binding on the key does.
    const byId = new Inbox<any>();
    const keyChannel = user.client
      .channel(`items-key-${run}`)
      .on('postgres_changes', { event: 'DELETE', schema: SCHEMA, table: 'rt_items', filter: `id=eq.${row.id}` }, byId.push);
    await subscribed(keyChannel);
    await db.from('rt_items').delete().eq('id', row.id);
    const deleted = await byId.next();
    expect(deleted).toMatchObject({ eventType: 'DELETE', new: {}, old: { id: row.id }, errors: null });
    await db.from('rt_items').insert({ run, title: 'after' });
    expect((await events.next()).new.title).toBe('after');
    expect(events.rest()).toEqual([]);
  });

  it('sends the raw Realtime message: binding ids, columns with type names, records as JSON', async () => {
    const run = runId();
    const token = await userToken(crypto.randomUUID());
    const socket = await RawSocket.open({ apikey: anonKey, vsn: '2.0.0' });
    try {
      const binding = { event: 'INSERT', schema: SCHEMA, table: 'rt_items', filter: `run=eq.${run}` };
      const reply = await socket.join(`realtime:raw-${run}`, {
        config: { broadcast: { ack: false, self: false }, presence: { key: '', enabled: false }, postgres_changes: [binding], private: false },
        access_token: token,
      });
      expect(reply.payload.status).toBe('ok');
      const [echo] = reply.payload.response.postgres_changes;
      expect(echo).toEqual({ ...binding, id: expect.any(Number) });
      const system = await socket.next((m) => m.event === 'system');
      expect(system.joinRef).toBe(reply.joinRef);
      await serviceClient().from('rt_items').insert({ run, title: 'raw', qty: 1, flag: false, meta: { k: 'v' } });
      const change = await socket.next((m) => m.event === 'postgres_changes');
      expect(change.joinRef).toBeNull();
      expect(change.ref).toBeNull();
      expect(change.topic).toBe(`realtime:raw-${run}`);
      expect(change.payload.ids).toEqual([echo.id]);
      expect(change.payload.data).toEqual({
        columns: [
          { name: 'id', type: 'int8' },
          { name: 'run', type: 'text' },
          { name: 'title', type: 'text' },
          { name: 'qty', type: 'int4' },
          { name: 'price', type: 'numeric' },
          { name: 'flag', type: 'bool' },
          { name: 'label', type: 'varchar' },
          { name: 'due', type: 'timestamptz' },
          { name: 'meta', type: 'jsonb' },
        ],
        commit_timestamp: expect.stringMatching(ISO_MS_Z),
        errors: null,
        schema: SCHEMA,
        table: 'rt_items',
        record: { id: expect.any(Number), run, title: 'raw', qty: 1, price: null, flag: false, label: null, due: null, meta: { k: 'v' } },
        type: 'INSERT',
      });
    } finally {
      await socket.close();
    }
  });

  it('routes each event type to its own bindings, with full old records under replica identity full', async () => {
    const run = runId();
    const user = await userClient();
    const inbox = { INSERT: new Inbox<any>(), UPDATE: new Inbox<any>(), DELETE: new Inbox<any>(), all: new Inbox<any>() };
    const filter = `run=eq.${run}`;
    const channel = user.client
      .channel(`events-${run}`)
      .on('postgres_changes', { event: 'INSERT', schema: SCHEMA, table: 'rt_full', filter }, inbox.INSERT.push)
      .on('postgres_changes', { event: 'UPDATE', schema: SCHEMA, table: 'rt_full', filter }, inbox.UPDATE.push)
      .on('postgres_changes', { event: 'DELETE', schema: SCHEMA, table: 'rt_full', filter }, inbox.DELETE.push)
      .on('postgres_changes', { event: '*', schema: SCHEMA, table: 'rt_full', filter }, inbox.all.push);
    await subscribed(channel);
    const db = serviceClient();
    const id = Math.floor(Math.random() * 1e9);
    await db.from('rt_full').insert({ id, run, body: 'one', qty: 1 });
    await inbox.all.next();
    await db.from('rt_full').update({ body: 'two' }).eq('id', id);
    await inbox.all.next();
    await db.from('rt_full').delete().eq('id', id);
    await inbox.all.next();

    expect(inbox.all.items.map((e) => e.eventType)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
    expect(inbox.INSERT.items.map((e) => e.eventType)).toEqual(['INSERT']);
    expect(inbox.UPDATE.items).toEqual([expect.objectContaining({ new: { id, run, body: 'two', qty: 1 }, old: { id, run, body: 'one', qty: 1 } })]);
    expect(inbox.DELETE.items).toEqual([expect.objectContaining({ new: {}, old: { id, run, body: 'two', qty: 1 } })]);
  });

  it('evaluates every filter operator in the column type, negated with not., combined with commas', async () => {
    const run = runId();
    const user = await userClient();
    const scoped = (f: string) => `run=eq.${run},${f}`;
    const cases: Record<string, string> = {
      eq: 'qty=eq.5',
      neq: 'qty=neq.5',
      lt: 'qty=lt.5',
      lte: 'qty=lte.5',
      gt: 'qty=gt.5',
      gte: 'qty=gte.5',
      in: 'qty=in.(1,10)',
      like: 'title=like.Ap%',
      ilike: 'title=ilike.ap%',
      isNull: 'title=is.null',
      notIsNull: 'title=not.is.null',
      notEq: 'qty=not.eq.5',
      notIn: 'qty=not.in.(1,10)',
      isTrue: 'flag=is.true',
      numeric: 'price=gt.2.5',
      timestamptz: 'due=lt.2024-06-01T00:00:00Z',
      quoted: 'label=eq."a,b"',
      inQuoted: 'label=in.("a,b",c)',
      and: 'qty=gt.1,qty=lt.10',
      match: 'title=match.^B',
      imatch: 'title=imatch.^b',
      isdistinct: 'qty=isdistinct.5',
    };
    const all = new Inbox<any>();
    const inboxes = Object.fromEntries(Object.keys(cases).map((k) => [k, new Inbox<any>()]));
    let channel = user.client.channel(`filters-${run}`).on('postgres_changes', { event: 'INSERT', schema: SCHEMA, table: 'rt_items', filter: `run=eq.${run}` }, all.push);
    for (const [name, f] of Object.entries(cases)) {
      channel = channel.on('postgres_changes', { event: 'INSERT', schema: SCHEMA, table: 'rt_items', filter: scoped(f) }, inboxes[name]!.push);
    }
    await subscribed(channel);

    const rows = [
      { key: 'r1', title: 'Apple', qty: 5, price: 2.5, flag: true, label: 'a,b', due: '2024-01-01T00:00:00Z' },
      { key: 'r2', title: 'apricot', qty: 1, price: 3, flag: false, label: 'c', due: '2024-12-01T00:00:00Z' },
      { key: 'r3', title: null, qty: 10, price: null, flag: null, label: 'x', due: null },
      { key: 'r4', title: 'Banana', qty: 7, price: 10, flag: true, label: 'a', due: '2024-03-01T00:00:00Z' },
      { key: 'end', title: 'zz', qty: null, price: null, flag: null, label: null, due: null },
    ];
    const db = serviceClient();
    for (const { key, ...r } of rows) {
      const { error } = await db.from('rt_items').insert({ run, ...r, meta: { key } });
      expect(error).toBeNull();
    }
    await all.next((e) => e.new.meta.key === 'end');
    const got = Object.fromEntries(Object.entries(inboxes).map(([name, inbox]) => [name, inbox.items.map((e) => e.new.meta.key)]));
    expect(got).toEqual({
      eq: ['r1'],
      neq: ['r2', 'r3', 'r4'],
      lt: ['r2'],
      lte: ['r1', 'r2'],
      gt: ['r3', 'r4'],
      gte: ['r1', 'r3', 'r4'],
      in: ['r2', 'r3'],
      like: ['r1'],
      ilike: ['r1', 'r2'],
      isNull: ['r3'],
      notIsNull: ['r1', 'r2', 'r4', 'end'],
      notEq: ['r2', 'r3', 'r4'],
      notIn: ['r1', 'r4'],
      isTrue: ['r1', 'r4'],
      numeric: ['r2', 'r4'],
      timestamptz: ['r1', 'r4'],
      quoted: ['r1'],
      inQuoted: ['r1', 'r2'],
      and: ['r1', 'r4'],
      match: ['r4'],
      imatch: ['r4'],
      isdistinct: ['r2', 'r3', 'r4', 'end'],
    });
  });

  it('only delivers changes of published tables, including to schema-wide bindings', async () => {
    const run = runId();
    const user = await userClient();
    const events = new Inbox<any>();
    const channel = user.client.channel(`schema-${run}`).on('postgres_changes', { event: 'INSERT', schema: SCHEMA }, events.push);
    await subscribed(channel);
    const db = serviceClient();
    const id = Math.floor(Math.random() * 1e9);
    expect((await db.from('rt_unpublished').insert({ id, body: run })).error).toBeNull();
    expect((await db.from('rt_full').insert({ id, run, body: 'published' })).error).toBeNull();
    const first = await events.next((e) => e.new.run === run || e.new.body === run);
    expect(first).toMatchObject({ table: 'rt_full', new: { id, run } });
  });
});

describe('row-level security', () => {
  it('gives each subscriber only the rows their claims may select; DELETE skips RLS with the key only', async () => {
    const run = runId();
    const alice = await userClient();
    const bob = await userClient();
    const seen = { alice: new Inbox<any>(), bob: new Inbox<any>() };
    for (const [name, user] of [['alice', alice], ['bob', bob]] as const) {
      const channel = user.client.channel(`notes-${run}`).on('postgres_changes', { event: '*', schema: SCHEMA, table: 'rt_notes' }, seen[name].push);
      await subscribed(channel);
    }
    const db = serviceClient();
    const a1 = (await db.from('rt_notes').insert({ run, owner: alice.id, body: 'alice private' }).select().single()).data;
    const b1 = (await db.from('rt_notes').insert({ run, owner: bob.id, body: 'bob private' }).select().single()).data;
    expect(await seen.alice.next()).toMatchObject({ eventType: 'INSERT', new: { id: a1.id, body: 'alice private' } });
    // Bob's first event is his own row: Alice's, committed before it, never reached him.
    expect(await seen.bob.next()).toMatchObject({ eventType: 'INSERT', new: { id: b1.id, body: 'bob private' } });

    // A user's own write through /rest/v1 reaches them, and not the other.
    const own = await alice.client.from('rt_notes').insert({ run, owner: alice.id, body: 'written by alice' }).select().single();
    expect(own.error).toBeNull();
    expect(await seen.alice.next()).toMatchObject({ eventType: 'INSERT', new: { body: 'written by alice' } });
    await bob.client.from('rt_notes').update({ body: 'bob edited' }).eq('id', b1.id);
    expect(await seen.bob.next()).toMatchObject({ eventType: 'UPDATE', new: { body: 'bob edited' }, old: { id: b1.id } });

    // Realtime cannot check a deleted row against RLS: everyone subscribed gets the key, nothing more.
    await db.from('rt_notes').delete().eq('id', a1.id);
    for (const inbox of [seen.alice, seen.bob]) {
      const del = await inbox.next();
      expect(del).toMatchObject({ eventType: 'DELETE', new: {}, old: { id: a1.id } });
      expect(Object.keys(del.old)).toEqual(['id']);
    }
    expect(seen.alice.rest()).toEqual([]);
    expect(seen.bob.rest()).toEqual([]);
  });

  it('follows a supabase-js session signed in through /auth/v1', async () => {
    const run = runId();
    const client = anonClient();
    const signedUp = await client.auth.signUp({ email: uniqueEmail('realtime'), password: 'correct-horse-1' });
    expect(signedUp.error).toBeNull();
    const userId = signedUp.data.user!.id;
    // supabase-js hands the session's token to Realtime on the auth event.
    await new Promise<void>((resolve) => {
      const wait = () => (client.realtime.accessTokenValue === signedUp.data.session!.access_token ? resolve() : setTimeout(wait, 10));
      wait();
    });
    const events = new Inbox<any>();
    const channel = client.channel(`session-${run}`).on('postgres_changes', { event: 'INSERT', schema: SCHEMA, table: 'rt_notes', filter: `run=eq.${run}` }, events.push);
    await subscribed(channel);
    const db = serviceClient();
    await db.from('rt_notes').insert({ run, owner: crypto.randomUUID(), body: 'someone else' });
    const mine = await client.from('rt_notes').insert({ run, owner: userId, body: 'mine' }).select().single();
    expect(mine.error).toBeNull();
    expect(await events.next()).toMatchObject({ eventType: 'INSERT', new: { owner: userId, body: 'mine' } });
    expect(events.rest()).toEqual([]);
  });

  it('cuts DELETE old records to the key when RLS is on, even with replica identity full', async () => {
    const run = runId();
    const user = await userClient();
    const events = new Inbox<any>();
    const channel = user.client.channel(`full-rls-${run}`).on('postgres_changes', { event: '*', schema: SCHEMA, table: 'rt_full_rls', filter: `run=eq.${run}` }, events.push);
    await subscribed(channel);
    const db = serviceClient();
    const id = Math.floor(Math.random() * 1e9);
    await db.from('rt_full_rls').insert({ id, run, body: 'one' });
    expect(await events.next()).toMatchObject({ eventType: 'INSERT', new: { id, run, body: 'one' } });
    await db.from('rt_full_rls').update({ body: 'two' }).eq('id', id);
    expect(await events.next()).toMatchObject({ eventType: 'UPDATE', old: { id, run, body: 'one' } });
    await db.from('rt_full_rls').delete().eq('id', id);
    expect(await events.next()).toMatchObject({ eventType: 'DELETE', old: { id } });
    expect(Object.keys(events.items[2].old)).toEqual(['id']);
  });

  it('leaves out columns the role may not select, and honours a binding column selection', async () => {
    const run = runId();
    const user = await userClient();
    const granted = new Inbox<any>();
    const selected = new Inbox<any>();
    const channel = user.client
      .channel(`columns-${run}`)
      .on('postgres_changes', { event: 'INSERT', schema: SCHEMA, table: 'rt_columns', filter: `run=eq.${run}` }, granted.push)
      .on('postgres_changes', { event: 'INSERT', schema: SCHEMA, table: 'rt_items', filter: `run=eq.${run}`, select: ['title'] } as never, selected.push);
    await subscribed(channel);
    const db = serviceClient();
    const id = Math.floor(Math.random() * 1e9);
    await db.from('rt_columns').insert({ id, run, visible: 'shown', secret: 'hidden' });
    expect((await granted.next()).new).toEqual({ id, run, visible: 'shown' });
    const item = (await db.from('rt_items').insert({ run, title: 'picked', qty: 4 }).select().single()).data;
    expect((await selected.next()).new).toEqual({ id: item.id, title: 'picked' });
  });

  it('re-checks changes under a refreshed access_token', async () => {
    const run = runId();
    const alice = await userClient();
    const bobId = crypto.randomUUID();
    const events = new Inbox<any>();
    const system = new Inbox<any>();
    const channel = alice.client
      .channel(`refresh-${run}`)
      .on('postgres_changes', { event: 'INSERT', schema: SCHEMA, table: 'rt_notes', filter: `run=eq.${run}` }, events.push)
      .on('system', {}, system.push);
    await subscribed(channel);
    await system.next();
    await alice.client.realtime.setAuth(await userToken(bobId));
    // Realtime answers a new token by re-subscribing under its claims.
    expect(await system.next()).toMatchObject({ extension: 'postgres_changes', status: 'ok' });
    const db = serviceClient();
    await db.from('rt_notes').insert({ run, owner: alice.id, body: 'for alice' });
    await db.from('rt_notes').insert({ run, owner: bobId, body: 'for bob' });
    expect((await events.next()).new.body).toBe('for bob');
    expect(events.rest()).toEqual([]);
  });
});

describe('subscription errors', () => {
  async function subscribeAndReadSystem(binding: Record<string, unknown>, config: Record<string, unknown> = {}) {
    const user = await userClient();
    const system = new Inbox<any>();
    const outcomes = new Inbox<{ status: string; error: Error | undefined }>();
    const channel = user.client
      .channel(`errors-${runId()}`, { config } as never)
      .on('postgres_changes', binding as never, () => undefined)
      .on('system', {}, system.push);
    channel.subscribe((status, error) => outcomes.push({ status, error }));
    return { system, outcomes };
  }

  it('joins, then reports an unpublished or unknown table in a system message', async () => {
    for (const table of ['rt_unpublished', 'rt_does_not_exist']) {
      const { system, outcomes } = await subscribeAndReadSystem({ event: '*', schema: SCHEMA, table });
      expect(await system.next()).toEqual({
        extension: 'postgres_changes',
        status: 'error',
        message: `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [event: *, schema: ${SCHEMA}, table: ${table}, filters: [], select: nil]`,
        channel: expect.any(String),
      });
      expect(outcomes.items.map((o) => o.status)).toEqual(['SUBSCRIBED']);
    }
  });

  it('reports filter syntax, unknown columns and uncastable values as Realtime words them', async () => {
    const cases: [string, string | RegExp][] = [
      ['title=foo.hey', 'Error parsing `filter` params: ["foo", "hey"]'],
      ['undefined', 'Error parsing `filter` params: ["undefined"]'],
      ['qty=in.1,2', 'Error parsing `filter` params: `in` filter value must be wrapped by parentheses'],
      ['nope=eq.1', /Exception: ERROR P0001 \(raise_exception\) invalid column for filter nope$/],
      ['qty=eq.abc', /Exception: ERROR 22P02 \(invalid_text_representation\) invalid input syntax for type integer: "abc"$/],
      ['title=is.maybe', /invalid value for is filter: must be null, true, false, or unknown$/],
    ];
    for (const [filter, message] of cases) {
      const { system } = await subscribeAndReadSystem({ event: '*', schema: SCHEMA, table: 'rt_items', filter });
      const msg = await system.next();
      expect(msg.status).toBe('error');
      if (typeof message === 'string') expect(msg.message).toBe(message);
      else expect(msg.message).toMatch(message);
    }
  });

  it('refuses the join instead when the client asks to wait for the subscription', async () => {
    // realtime-js does not send this option; other clients do.
    const socket = await RawSocket.open();
    try {
      const reply = await socket.join(`realtime:wait-${runId()}`, {
        config: {
          postgres_changes: [{ event: '*', schema: SCHEMA, table: 'rt_does_not_exist' }],
          postgres_changes_options: { wait: true, timeout: 5000 },
        },
        access_token: await userToken(crypto.randomUUID()),
      });
      expect(reply.payload.status).toBe('error');
      expect(reply.payload.response.reason).toMatch(/^RealtimeDisabledForConfiguration: Unable to subscribe to changes/);
    } finally {
      await socket.close();
    }
  });
});
