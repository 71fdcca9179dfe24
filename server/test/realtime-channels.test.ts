/**
 * /realtime/v1 sockets and channels: the Phoenix protocol (V2 and V1 frames, heartbeat, join,
 * leave, errors), token checks at connect, join and refresh, Presence between two clients, and
 * Broadcast over the socket and the REST API.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningStack } from '../src/stack.ts';
import { anonKey, apiUrl } from './env.ts';
import { Inbox, RawSocket, anonClient, closeClients, runId, serviceClient, signJwt, subscribeOutcome, subscribed, userClient } from './realtime-helpers.ts';
import { privateStack } from './auth-helpers.ts';

afterEach(closeClients);

const sockets: RawSocket[] = [];
async function raw(params: Record<string, string | undefined> = {}): Promise<RawSocket> {
  const s = await RawSocket.open(params);
  sockets.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});

describe('socket', () => {
  it('answers heartbeats on topic phoenix', async () => {
    const s = await raw();
    s.send(null, 'hb-1', 'phoenix', 'heartbeat', {});
    const reply = await s.reply('hb-1');
    expect(reply).toEqual({ joinRef: null, ref: 'hb-1', topic: 'phoenix', event: 'phx_reply', payload: { status: 'ok', response: {} } });

    // realtime-js sees its own heartbeat answered.
    const statuses = new Inbox<string>();
    const client = anonClient();
    client.realtime.onHeartbeat((status) => statuses.push(status));
    client.realtime.connect();
    await new Promise<void>((resolve) => {
      const wait = () => (client.realtime.isConnected() ? resolve() : setTimeout(wait, 10));
      wait();
    });
    await client.realtime.sendHeartbeat();
    expect(await statuses.next((st) => st === 'ok')).toBe('ok');
  });

  it('speaks V1 object frames when the client asks for vsn 1.0.0', async () => {
    const s = await raw({ vsn: '1.0.0' });
    s.ws.send(JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '7' }));
    const hb = await new Promise<unknown>((resolve) => s.ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString()))));
    expect(hb).toEqual({ topic: 'phoenix', event: 'phx_reply', payload: { status: 'ok', response: {} }, ref: '7' });
    const join = await s.join('realtime:v1-room', { config: { presence: { enabled: false } } });
    expect(join.payload).toEqual({ status: 'ok', response: { postgres_changes: [] } });
  });

  it('refuses sockets with an unknown protocol version or a key that is not a valid token', async () => {
    expect(await RawSocket.refusedStatus({ apikey: anonKey, vsn: '3.0.0' })).toBe(403);
    expect(await RawSocket.refusedStatus({ apikey: 'not-a-token', vsn: '2.0.0' })).toBe(403);
    expect(await RawSocket.refusedStatus({ apikey: await signJwt({ role: 'anon' }, { secret: 'another-secret-of-at-least-32-characters' }), vsn: '2.0.0' })).toBe(403);
  });

  it('answers a message for a topic that is not joined with "unmatched topic"', async () => {
    const s = await raw();
    s.send('9', '10', 'realtime:nowhere', 'broadcast', { type: 'broadcast', event: 'x', payload: {} });
    expect(await s.reply('10')).toEqual({ joinRef: null, ref: '10', topic: 'realtime:nowhere', event: 'phx_reply', payload: { status: 'error', response: { reason: 'unmatched topic' } } });
    s.send('11', '11', 'room:other', 'phx_join', {});
    expect((await s.reply('11')).payload).toEqual({ status: 'error', response: { reason: 'unmatched topic' } });
    s.send('12', '13', 'realtime:nowhere', 'phx_leave', {});
    expect((await s.reply('13')).payload).toEqual({ status: 'ok', response: {} });
  });
});

describe('channel join and leave', () => {
  it('refuses joins with a bad token with the reason Realtime gives', async () => {
    const cases: [string, string | RegExp][] = [
      [await signJwt({ role: 'authenticated', sub: randomUUID() }, { secret: 'another-secret-of-at-least-32-characters' }), 'JwtSignatureError: Failed to validate JWT signature'],
      [await signJwt({ role: 'authenticated', sub: randomUUID() }, { expiresIn: -120 }), /^InvalidJWTToken: Token has expired 1[2-3]\d seconds ago$/],
      [await signJwt({ role: 'authenticated', sub: randomUUID() }, { expiresIn: null }), 'InvalidJWTToken: Fields `role` and `exp` are required in JWT'],
      [await signJwt({ sub: randomUUID() }), 'InvalidJWTToken: Fields `role` and `exp` are required in JWT'],
      ['not-a-jwt', 'MalformedJWT: The token provided is not a valid JWT'],
    ];
    for (const [token, reason] of cases) {
      const client = anonClient();
      await client.realtime.setAuth(token);
      const { status, error } = await subscribeOutcome(client.channel(`bad-token-${runId()}`));
      expect(status).toBe('CHANNEL_ERROR');
      if (typeof reason === 'string') expect(error?.message).toBe(reason);
      else expect(error?.message).toMatch(reason);
    }
    const s = await raw();
    const reply = await s.join('realtime:', {});
    expect(reply.payload).toEqual({ status: 'error', response: { reason: 'TopicNameRequired: You must provide a topic name' } });
  });

  it('replies to phx_leave, then closes the channel with its join ref', async () => {
    const s = await raw();
    const topic = `realtime:leave-${runId()}`;
    const join = await s.join(topic, { config: { presence: { enabled: false } } }, 'j1');
    expect(join).toEqual({ joinRef: 'j1', ref: 'j1', topic, event: 'phx_reply', payload: { status: 'ok', response: { postgres_changes: [] } } });
    s.send('j1', 'l1', topic, 'phx_leave', {});
    expect(await s.reply('l1')).toEqual({ joinRef: 'j1', ref: 'l1', topic, event: 'phx_reply', payload: { status: 'ok', response: {} } });
    expect(await s.next((m) => m.event === 'phx_close')).toEqual({ joinRef: 'j1', ref: 'j1', topic, event: 'phx_close', payload: {} });
    s.send('j1', 'b1', topic, 'broadcast', { type: 'broadcast', event: 'x', payload: {} });
    expect((await s.reply('b1')).payload.response).toEqual({ reason: 'unmatched topic' });
  });

  it('closes the older channel when a topic is joined again', async () => {
    const s = await raw();
    const topic = `realtime:twice-${runId()}`;
    await s.join(topic, {}, 'first');
    const second = await s.join(topic, {}, 'second');
    expect(second.payload.status).toBe('ok');
    expect(await s.next((m) => m.event === 'phx_close')).toEqual({ joinRef: 'first', ref: 'first', topic, event: 'phx_close', payload: {} });
  });

  it('shuts a channel down when a refreshed token is invalid, and when its token expires', async () => {
    const s = await raw();
    const topic = `realtime:refresh-${runId()}`;
    await s.join(topic, { config: { presence: { enabled: false } }, access_token: await signJwt({ role: 'authenticated', sub: randomUUID() }) }, 'r1');
    s.send('r1', 'a1', topic, 'access_token', { access_token: await signJwt({ role: 'authenticated' }, { expiresIn: -5 }) });
    const system = await s.next((m) => m.event === 'system');
    expect(system.joinRef).toBe('r1');
    expect(system.payload).toEqual({ extension: 'system', status: 'error', message: expect.stringMatching(/^Token has expired [5-6] seconds ago$/), channel: topic.slice('realtime:'.length) });
    expect(await s.next((m) => m.event === 'phx_close')).toMatchObject({ joinRef: 'r1', ref: 'r1', topic });

    // A token that runs out while joined ends the channel at its expiry.
    const expiring = `realtime:expiring-${runId()}`;
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await signJwt({ role: 'authenticated', sub: randomUUID(), exp }, { expiresIn: null });
    await s.join(expiring, { config: { presence: { enabled: false } }, access_token: token }, 'e1');
    const expired = await s.next((m) => m.event === 'system' && m.topic === expiring, 5000);
    expect(expired.payload).toMatchObject({ extension: 'system', status: 'error', message: expect.stringMatching(/^Token has expired [01] seconds ago$/) });
    expect(Date.now() / 1000).toBeGreaterThanOrEqual(exp);
    expect(await s.next((m) => m.event === 'phx_close' && m.topic === expiring)).toMatchObject({ joinRef: 'e1' });
  });

  it('admits private channels only for roles that bypass RLS, and keeps them apart from public ones', async () => {
    const name = `private-${runId()}`;
    const user = await userClient();
    const refused = await subscribeOutcome(user.client.channel(name, { config: { private: true } }));
    expect(refused.status).toBe('CHANNEL_ERROR');
    expect(refused.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: ${name}`);

    const admin = serviceClient();
    const privateInbox = new Inbox<any>();
    const publicInbox = new Inbox<any>();
    const priv = admin.channel(name, { config: { private: true, broadcast: { self: true } } }).on('broadcast', { event: 'ping' }, privateInbox.push);
    await subscribed(priv);
    const other = anonClient();
    const pub = other.channel(name, { config: { broadcast: { self: true } } }).on('broadcast', { event: 'ping' }, publicInbox.push);
    await subscribed(pub);
    await pub.send({ type: 'broadcast', event: 'ping', payload: { from: 'public' } });
    await priv.send({ type: 'broadcast', event: 'ping', payload: { from: 'private' } });
    expect((await privateInbox.next()).payload).toEqual({ from: 'private' });
    expect((await publicInbox.next()).payload).toEqual({ from: 'public' });
  });
});

describe('presence', () => {
  it('syncs state, joins and leaves between two clients', async () => {
    const topic = `presence-${runId()}`;
    const alice = anonClient();
    const bob = anonClient();
    const a = { sync: new Inbox<unknown>(), join: new Inbox<any>(), leave: new Inbox<any>() };
    const b = { sync: new Inbox<unknown>(), join: new Inbox<any>(), leave: new Inbox<any>() };
    const chA = alice
      .channel(topic, { config: { presence: { key: 'alice' } } })
      .on('presence', { event: 'sync' }, () => a.sync.push(chA.presenceState()))
      .on('presence', { event: 'join' }, a.join.push)
      .on('presence', { event: 'leave' }, a.leave.push);
    await subscribed(chA);
    expect(await chA.track({ name: 'Alice' })).toBe('ok');
    expect(await a.join.next()).toMatchObject({ key: 'alice', newPresences: [{ name: 'Alice', presence_ref: expect.any(String) }] });

    const chB = bob
      .channel(topic, { config: { presence: { key: 'bob' } } })
      .on('presence', { event: 'sync' }, () => b.sync.push(chB.presenceState()))
      .on('presence', { event: 'join' }, b.join.push)
      .on('presence', { event: 'leave' }, b.leave.push);
    await subscribed(chB);
    // presence_state after the join brings Alice in.
    expect(await b.sync.next()).toEqual({ alice: [{ name: 'Alice', presence_ref: expect.any(String) }] });

    expect(await chB.track({ name: 'Bob' })).toBe('ok');
    expect(await a.join.next((j) => j.key === 'bob')).toMatchObject({ newPresences: [{ name: 'Bob' }] });
    expect(chA.presenceState()).toEqual({
      alice: [{ name: 'Alice', presence_ref: expect.any(String) }],
      bob: [{ name: 'Bob', presence_ref: expect.any(String) }],
    });

    expect(await chB.untrack()).toBe('ok');
    expect(await a.leave.next((l) => l.key === 'bob')).toMatchObject({ leftPresences: [{ name: 'Bob' }] });
    expect(Object.keys(chA.presenceState())).toEqual(['alice']);

    // Leaving the channel untracks too.
    await chB.track({ name: 'Bob again' });
    await a.join.next((j) => j.key === 'bob');
    await bob.removeChannel(chB);
    expect(await a.leave.next((l) => l.key === 'bob')).toMatchObject({ leftPresences: [{ name: 'Bob again' }] });
  });

  it('generates a key for an empty one, and sends state after a first track when presence was off', async () => {
    const topic = `realtime:presence-raw-${runId()}`;
    const watcher = await raw();
    const join = await watcher.join(topic, { config: { presence: { key: 'watcher', enabled: true } } }, 'w1');
    expect(join.payload.status).toBe('ok');
    expect(await watcher.next((m) => m.event === 'presence_state')).toEqual({ joinRef: 'w1', ref: null, topic, event: 'presence_state', payload: {} });

    const s = await raw();
    await s.join(topic, { config: { presence: { key: '', enabled: false } } }, 'p1');
    await s.roundTrip();
    expect(s.inbox.rest().filter((m) => 'event' in m && m.event === 'presence_state')).toEqual([]);
    s.send('p1', 't1', topic, 'presence', { type: 'presence', event: 'track', payload: { status: 'online' } });
    expect((await s.reply('t1')).payload).toEqual({ status: 'ok', response: {} });
    const state = await s.next((m) => m.event === 'presence_state');
    const [key] = Object.keys(state.payload);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(state.payload[key!]).toEqual({ metas: [{ status: 'online', phx_ref: expect.any(String) }] });

    const diff = await watcher.next((m) => m.event === 'presence_diff');
    expect(diff).toEqual({ joinRef: null, ref: null, topic, event: 'presence_diff', payload: { joins: { [key!]: { metas: [{ status: 'online', phx_ref: state.payload[key!].metas[0].phx_ref }] } }, leaves: {} } });

    // Tracking a new payload replaces the meta: the join names the meta it replaces.
    const firstRef = state.payload[key!].metas[0].phx_ref;
    s.send('p1', 't3', topic, 'presence', { type: 'presence', event: 'track', payload: { status: 'away' } });
    await s.reply('t3');
    const update = await watcher.next((m) => m.event === 'presence_diff');
    expect(update.payload).toEqual({
      joins: { [key!]: { metas: [{ status: 'away', phx_ref: expect.any(String), phx_ref_prev: firstRef }] } },
      leaves: { [key!]: { metas: [{ status: 'online', phx_ref: firstRef }] } },
    });

    s.send('p1', 't2', topic, 'presence', { type: 'presence', event: 'track', payload: 'not a map' });
    expect((await s.reply('t2')).payload).toEqual({ status: 'error', response: { reason: 'Presence track payload must be a map' } });
    await s.close();
    const left = await watcher.next((m) => m.event === 'presence_diff');
    expect(left.payload).toEqual({ joins: {}, leaves: { [key!]: { metas: [{ status: 'away', phx_ref: expect.any(String), phx_ref_prev: firstRef }] } } });
  });
});

describe('broadcast', () => {
  it('reaches the other subscribers, and the sender only with self', async () => {
    const topic = `broadcast-${runId()}`;
    const alice = anonClient();
    const bob = anonClient();
    const toAlice = new Inbox<any>();
    const toBob = new Inbox<any>();
    const chA = alice.channel(topic).on('broadcast', { event: 'msg' }, toAlice.push);
    const chB = bob.channel(topic, { config: { broadcast: { self: true } } }).on('broadcast', { event: 'msg' }, toBob.push);
    await subscribed(chA);
    await subscribed(chB);
    expect(await chA.send({ type: 'broadcast', event: 'msg', payload: { n: 1 } })).toBe('ok');
    expect(await toBob.next()).toEqual({ type: 'broadcast', event: 'msg', payload: { n: 1 } });
    await chB.send({ type: 'broadcast', event: 'msg', payload: { n: 2 } });
    // Alice's own message never came back to her: her first message is Bob's.
    expect(await toAlice.next()).toEqual({ type: 'broadcast', event: 'msg', payload: { n: 2 } });
    expect(await toBob.next()).toEqual({ type: 'broadcast', event: 'msg', payload: { n: 2 } });
    expect(toAlice.rest()).toEqual([]);
  });

  it('acknowledges a broadcast only when the channel asked for ack', async () => {
    const topic = `realtime:ack-${runId()}`;
    const s = await raw();
    await s.join(topic, { config: { broadcast: { ack: true, self: false } } }, 'a1');
    s.send('a1', 'b1', topic, 'broadcast', { type: 'broadcast', event: 'e', payload: { x: 1 } });
    expect(await s.reply('b1')).toEqual({ joinRef: 'a1', ref: 'b1', topic, event: 'phx_reply', payload: { status: 'ok', response: {} } });

    const quiet = `realtime:no-ack-${runId()}`;
    await s.join(quiet, { config: { broadcast: { ack: false, self: true } } }, 'q1');
    s.send('q1', 'b2', quiet, 'broadcast', { type: 'broadcast', event: 'e', payload: { x: 2 } });
    expect(await s.next((m) => m.event === 'broadcast' && m.topic === quiet)).toEqual({ joinRef: null, ref: null, topic: quiet, event: 'broadcast', payload: { type: 'broadcast', event: 'e', payload: { x: 2 } } });
    await s.roundTrip();
    expect(s.inbox.rest().filter((m) => 'ref' in m && m.ref === 'b2')).toEqual([]);

    // supabase-js waits for that reply when ack is on.
    const client = anonClient();
    const acked = client.channel(`ack-js-${runId()}`, { config: { broadcast: { ack: true } } });
    await subscribed(acked);
    expect(await acked.send({ type: 'broadcast', event: 'e', payload: {} })).toBe('ok');
  });

  it('relays realtime-js binary broadcasts as binary frames, and JSON ones as text', async () => {
    const name = `binary-${runId()}`;
    const topic = `realtime:${name}`;
    const s = await raw();
    await s.join(topic, {}, 'x1');
    const client = anonClient();
    const ch = client.channel(name);
    await subscribed(ch);
    await ch.send({ type: 'broadcast', event: 'shape', payload: { id: 7 } });
    const frame = (await s.inbox.next((m) => 'binary' in m)) as { binary: Buffer };
    const b = frame.binary;
    expect(b[0]).toBe(4);
    const [topicLen, eventLen, metaLen, encoding] = [b[1]!, b[2]!, b[3]!, b[4]!];
    expect(b.subarray(5, 5 + topicLen).toString()).toBe(topic);
    expect(b.subarray(5 + topicLen, 5 + topicLen + eventLen).toString()).toBe('shape');
    expect(metaLen).toBe(0);
    expect(encoding).toBe(1);
    expect(JSON.parse(b.subarray(5 + topicLen + eventLen).toString())).toEqual({ id: 7 });

    const received = new Inbox<any>();
    ch.on('broadcast', { event: 'text' }, received.push);
    s.send('x1', 'y1', topic, 'broadcast', { type: 'broadcast', event: 'text', payload: { ok: true } });
    expect(await received.next()).toEqual({ type: 'broadcast', event: 'text', payload: { ok: true } });
  });

  it('delivers messages sent through the REST broadcast API', async () => {
    const name = `rest-${runId()}`;
    const listener = anonClient();
    const got = new Inbox<any>();
    const ch = listener.channel(name).on('broadcast', { event: '*' }, got.push);
    await subscribed(ch);

    const sender = anonClient();
    const unsubscribed = sender.channel(name);
    expect(await unsubscribed.httpSend('single', { a: 1 })).toEqual({ success: true });
    expect(await got.next()).toEqual({ type: 'broadcast', event: 'single', payload: { a: 1 } });

    const res = await fetch(`${apiUrl()}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: name, event: 'batch', payload: { b: 2 } }] }),
    });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(await got.next()).toEqual({ type: 'broadcast', event: 'batch', payload: { b: 2 } });

    const bad = await fetch(`${apiUrl()}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: anonKey, authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: name, event: 'batch', payload: {} }] }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: 'Unauthorized' });
  });
});

describe('a stack of its own', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ requireApiKey: true });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('checks the apikey as the gateway does, and picks up tables published at runtime', async () => {
    const base = stack.url.replace(/^http/, 'ws');
    const status = (query: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${base}/realtime/v1/websocket?${query}`);
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('error', () => undefined);
      });
    expect(await status('vsn=2.0.0')).toBe(401);
    expect(await status(`apikey=${await signJwt({ role: 'anon' })}&vsn=2.0.0`)).toBe(401);
    expect(await status(`apikey=${anonKey}&vsn=2.0.0`)).toBe(101);

    await stack.db.exec(`
      create table public.rt_late (id int primary key, body text);
      grant all on public.rt_late to anon, authenticated, service_role;
      alter publication supabase_realtime add table public.rt_late;`);
    const client = createClient(stack.url, anonKey, { realtime: { transport: WebSocket as never } } as never);
    try {
      const got = new Inbox<any>();
      const ch = client.channel('late').on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_late' }, got.push);
      await subscribed(ch);
      await stack.db.query(`insert into public.rt_late values (1, 'late')`);
      expect((await got.next()).new).toEqual({ id: 1, body: 'late' });
    } finally {
      await client.removeAllChannels();
    }
  });
});
