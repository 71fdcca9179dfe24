import { randomUUID } from 'node:crypto';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { anonKey, apiUrl, jwtSecret, serviceRoleKey } from './env.ts';

export const SCHEMA = 'contract';

/** A tag that scopes one test's rows, so tests sharing the stack never see each other's changes. */
export function runId(): string {
  return `run-${randomUUID().slice(0, 8)}`;
}

/** An HS256 token; `expiresIn: null` leaves `exp` out, a negative value makes it already expired. */
export async function signJwt(claims: Record<string, unknown>, options: { expiresIn?: number | null; secret?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(now);
  const expiresIn = options.expiresIn === undefined ? 3600 : options.expiresIn;
  if (expiresIn !== null) jwt.setExpirationTime(now + expiresIn);
  return jwt.sign(new TextEncoder().encode(options.secret ?? jwtSecret));
}

export function userToken(sub: string, extra: Record<string, unknown> = {}): Promise<string> {
  return signJwt({ sub, role: 'authenticated', aud: 'authenticated', ...extra });
}

const clients: SupabaseClient[] = [];

function track<T extends SupabaseClient>(c: T): T {
  clients.push(c);
  return c;
}

/** Removes every channel and socket the helpers opened; call from afterEach/afterAll. */
export async function closeClients(): Promise<void> {
  const all = clients.splice(0);
  await Promise.all(all.map((c) => c.removeAllChannels().catch(() => undefined)));
}

export interface TestUser {
  id: string;
  token: string;
  client: SupabaseClient;
}

/** A signed-in user's client (a GoTrue-style token), its Realtime token set before any join. */
export async function userClient(id: string = randomUUID()): Promise<TestUser> {
  const token = await userToken(id);
  const client = track(
    createClient(apiUrl(), anonKey, {
      accessToken: async () => token,
      db: { schema: SCHEMA },
      realtime: { transport: WebSocket as never },
    } as never),
  );
  await client.realtime.setAuth(token);
  return { id, token, client };
}

/** The anon client, for channels that only broadcast or track presence. */
export function anonClient(): SupabaseClient {
  return track(
    createClient(apiUrl(), anonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      db: { schema: SCHEMA },
      realtime: { transport: WebSocket as never },
    } as never),
  );
}

/** Writes through /rest/v1 as service_role, the way an admin or another user's change lands. */
export function serviceClient(): SupabaseClient {
  return track(
    createClient(apiUrl(), serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      db: { schema: SCHEMA },
      realtime: { transport: WebSocket as never },
    } as never),
  );
}

/** Resolves once the server accepted the join; rejects with the join error otherwise. */
export function subscribed(channel: RealtimeChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.subscribe((status, err) => {
      if (status === 'SUBSCRIBED') resolve();
      else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(err ?? new Error(status));
    });
  });
}

/** Resolves with the status and error of the first non-SUBSCRIBED outcome. */
export function subscribeOutcome(channel: RealtimeChannel): Promise<{ status: string; error: Error | undefined }> {
  return new Promise((resolve) => {
    channel.subscribe((status, err) => resolve({ status, error: err }));
  });
}

/** Collects values pushed by callbacks and hands each out once, in arrival order. */
export class Inbox<T> {
  readonly items: T[] = [];
  private readonly taken = new Set<number>();
  private waiters: { test: (v: T) => boolean; resolve: (v: T) => void }[] = [];

  push = (value: T): void => {
    const index = this.items.push(value) - 1;
    const i = this.waiters.findIndex((w) => w.test(value));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      this.taken.add(index);
      w!.resolve(value);
    }
  };

  /** The first value not yet handed out that matches `test`, waiting for it if need be. */
  next(test: (v: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    const found = this.items.findIndex((v, i) => !this.taken.has(i) && test(v));
    if (found >= 0) {
      this.taken.add(found);
      return Promise.resolve(this.items[found]!);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (v: T) => {
          clearTimeout(timer);
          resolve(v);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms; received so far: ${JSON.stringify(this.items).slice(0, 2000)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Values not handed out yet. */
  rest(): T[] {
    return this.items.filter((_, i) => !this.taken.has(i));
  }
}

export type RawMessage = { joinRef: unknown; ref: unknown; topic: string; event: string; payload: any } | { binary: Buffer };

/** A bare WebSocket speaking the Phoenix protocol, for what supabase-js does not expose. */
export class RawSocket {
  readonly inbox = new Inbox<RawMessage>();
  private refCounter = 0;

  private constructor(
    readonly ws: WebSocket,
    readonly vsn: string,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return this.inbox.push({ binary: data });
      const parsed = JSON.parse(data.toString('utf8'));
      if (Array.isArray(parsed)) {
        const [joinRef, ref, topic, event, payload] = parsed;
        this.inbox.push({ joinRef, ref, topic, event, payload });
      } else {
        this.inbox.push({ joinRef: parsed.join_ref, ref: parsed.ref, topic: parsed.topic, event: parsed.event, payload: parsed.payload });
      }
    });
  }

  static url(params: Record<string, string | undefined>): string {
    const url = new URL(`${apiUrl().replace(/^http/, 'ws')}/realtime/v1/websocket`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  }

  static open(params: Record<string, string | undefined> = {}): Promise<RawSocket> {
    const all = { apikey: anonKey, vsn: '2.0.0', ...params };
    const ws = new WebSocket(RawSocket.url(all));
    const socket = new RawSocket(ws, all.vsn ?? '1.0.0');
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** Opens a socket the server refuses and returns the HTTP status it answered with. */
  static refusedStatus(params: Record<string, string | undefined>): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(RawSocket.url(params));
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => {
        ws.close();
        reject(new Error('the server accepted the socket'));
      });
      ws.once('error', () => undefined);
    });
  }

  makeRef(): string {
    return String(++this.refCounter);
  }

  send(joinRef: unknown, ref: unknown, topic: string, event: string, payload: unknown): void {
    if (this.vsn.startsWith('2')) this.ws.send(JSON.stringify([joinRef, ref, topic, event, payload]));
    else this.ws.send(JSON.stringify({ join_ref: joinRef, ref, topic, event, payload }));
  }

  sendBinary(data: Buffer): void {
    this.ws.send(data, { binary: true });
  }

  /** The next message matching `test` (skipping others). */
  next(test: (m: Extract<RawMessage, { event: string }>) => boolean, timeoutMs = 5000): Promise<Extract<RawMessage, { event: string }>> {
    return this.inbox.next((m) => 'event' in m && test(m), timeoutMs) as Promise<Extract<RawMessage, { event: string }>>;
  }

  reply(ref: string, timeoutMs = 5000) {
    return this.next((m) => m.event === 'phx_reply' && m.ref === ref, timeoutMs);
  }

  /** Joins `topic` and returns the join reply. */
  async join(topic: string, payload: Record<string, unknown>, joinRef = this.makeRef()) {
    this.send(joinRef, joinRef, topic, 'phx_join', payload);
    return this.reply(joinRef);
  }

  /** A heartbeat round trip: everything the server sent before it has arrived once this resolves. */
  async roundTrip(): Promise<void> {
    const ref = this.makeRef();
    this.send(null, ref, 'phoenix', 'heartbeat', {});
    await this.reply(ref);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
