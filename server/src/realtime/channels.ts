/**
 * Sockets and channels as Phoenix and Realtime's `RealtimeChannel` run them: heartbeats, joins
 * (token checks, Postgres Changes bindings, presence and broadcast options), leaves, duplicate
 * joins, `access_token` refreshes, token expiry, and the fan-out of broadcasts and presence to
 * the channels of a topic. Public and private channels of one name are separate topics.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { RawData, WebSocket } from 'ws';
import type { Database } from '../db/types.ts';
import { type ChangeSubscriber, ChangeRouter, type PgSubscription } from './changes.ts';
import { syncCaptureTriggers } from './capture.ts';
import { type PresenceDiff, PresenceTracker } from './presence.ts';
import {
  type Frame,
  type Ref,
  type UserBroadcastPush,
  type Vsn,
  ProtocolError,
  decodeBinary,
  decodeText,
  encodeText,
  encodeUserBroadcast,
  replyFrame,
} from './protocol.ts';
import { bindingId } from './subscription-params.ts';
import { type Claims, type TokenVerifier, joinErrorReason, shutdownMessage } from './tokens.ts';

export type Log = (message: string, error?: unknown) => void;

const TOPIC_PREFIX = 'realtime:';
/** Realtime re-checks a channel's token at its expiry, at least hourly. */
const TOKEN_CHECK_MAX_MS = 60 * 60 * 1000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Realtime's FlexibleBoolean: true, "true" (any case) count as true. */
function flexibleBoolean(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

export function topicKey(subTopic: string, isPrivate: boolean): string {
  return `${isPrivate ? 'private' : 'public'}:${subTopic}`;
}

export class Hub {
  readonly presence = new PresenceTracker();
  readonly router: ChangeRouter;
  readonly connections = new Set<Connection>();
  private readonly topics = new Map<string, Set<Channel>>();
  private readonly bypass = new Map<string, boolean>();
  private nextMember = 1;
  private triggerSync: Promise<void> = Promise.resolve();

  constructor(
    readonly db: Database,
    readonly verifier: TokenVerifier,
    readonly log: Log,
  ) {
    this.router = new ChangeRouter(db, log);
  }

  memberId(): number {
    return this.nextMember++;
  }

  attach(ch: Channel): void {
    let set = this.topics.get(ch.topicKey);
    if (!set) this.topics.set(ch.topicKey, (set = new Set()));
    set.add(ch);
  }

  detach(ch: Channel): void {
    const set = this.topics.get(ch.topicKey);
    set?.delete(ch);
    if (set?.size === 0) this.topics.delete(ch.topicKey);
  }

  /** Serialised, so a join and a schema reload never add the same trigger twice. */
  syncTriggers(): Promise<void> {
    const run = this.triggerSync.then(() => syncCaptureTriggers(this.db));
    this.triggerSync = run.catch(() => undefined);
    return run;
  }

  invalidate(): void {
    this.bypass.clear();
    this.router.invalidate();
  }

  /** Private channels are authorised by policies on realtime.messages, which only such roles pass here. */
  async bypassesRls(role: string): Promise<boolean> {
    let known = this.bypass.get(role);
    if (known === undefined) {
      const { rows } = await this.db.query<{ bypass: boolean }>('select rolsuper or rolbypassrls as bypass from pg_catalog.pg_roles where rolname = $1', [role]);
      known = rows[0]?.bypass === true;
      this.bypass.set(role, known);
    }
    return known;
  }

  /** Sends a JSON event to every channel of the topic, skipping `except`. */
  fanout(key: string, topic: string, event: string, payload: unknown, except?: Channel): void {
    const encoded = new Map<Vsn, string>();
    for (const ch of this.topics.get(key) ?? []) {
      if (ch === except) continue;
      const vsn = ch.conn.vsn;
      let data = encoded.get(vsn);
      if (data === undefined) encoded.set(vsn, (data = encodeText(vsn, { joinRef: null, ref: null, topic, event, payload })));
      ch.conn.sendRaw(data);
    }
  }

  /** A client broadcast that arrived as binary: binary to V2 sockets, JSON to V1 ones when it can be. */
  fanoutUserBroadcast(key: string, topic: string, push: UserBroadcastPush, except?: Channel): void {
    let binary: Buffer | undefined;
    let v1: string | null | undefined;
    for (const ch of this.topics.get(key) ?? []) {
      if (ch === except) continue;
      if (ch.conn.vsn === '2.0.0') {
        binary ??= encodeUserBroadcast(topic, push.userEvent, push.encoding, push.payload);
        ch.conn.sendRaw(binary);
        continue;
      }
      if (v1 === undefined) {
        v1 = null;
        if (push.encoding === 'json') {
          try {
            const payload: unknown = JSON.parse(push.payload.toString('utf8'));
            v1 = encodeText('1.0.0', { joinRef: null, ref: null, topic, event: 'broadcast', payload: { type: 'broadcast', event: push.userEvent, payload } });
          } catch {
            v1 = null;
          }
        }
      }
      // V1 sockets cannot carry binary payloads.
      if (v1 !== null) ch.conn.sendRaw(v1);
    }
  }

  presenceDiff(key: string, topic: string, diff: PresenceDiff): void {
    this.fanout(key, topic, 'presence_diff', diff);
  }
}

export class Connection {
  readonly channels = new Map<string, Channel>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly hub: Hub,
    readonly ws: WebSocket,
    readonly vsn: Vsn,
    /** The apikey the socket connected with; channels without their own token use it. */
    readonly socketToken: string,
  ) {
    hub.connections.add(this);
    ws.on('message', (data: RawData, isBinary: boolean) => this.enqueue(() => this.receive(data, isBinary)));
    ws.on('close', () => this.onClose());
    ws.on('error', () => undefined);
  }

  /** Frames are handled one at a time, in order, as a Phoenix socket process does. */
  enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((e: unknown) => this.hub.log('socket task failed', e));
  }

  send(frame: Frame): void {
    this.sendRaw(encodeText(this.vsn, frame));
  }

  sendRaw(data: string | Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(data);
  }

  /** The server ends a channel: `phx_close` carries the join ref as its ref. */
  closeChannel(ch: Channel): void {
    this.send({ joinRef: ch.joinRef, ref: ch.joinRef, topic: ch.topic, event: 'phx_close', payload: {} });
    ch.cleanup();
  }

  /** A channel that failed while handling a message, as a crashed Phoenix channel process. */
  crashChannel(ch: Channel): void {
    this.send({ joinRef: ch.joinRef, ref: ch.joinRef, topic: ch.topic, event: 'phx_error', payload: {} });
    ch.cleanup();
  }

  private toBuffer(data: RawData): Buffer {
    if (Buffer.isBuffer(data)) return data;
    if (Array.isArray(data)) return Buffer.concat(data);
    return Buffer.from(data);
  }

  private async receive(data: RawData, isBinary: boolean): Promise<void> {
    if (this.closed) return;
    const buf = this.toBuffer(data);
    try {
      if (isBinary) {
        if (this.vsn !== '2.0.0') throw new ProtocolError('binary frames need vsn 2.0.0');
        await this.handleUserBroadcast(decodeBinary(buf));
      } else {
        await this.handle(decodeText(this.vsn, buf.toString('utf8')));
      }
    } catch (e) {
      if (e instanceof ProtocolError) {
        // A frame Phoenix cannot decode ends the socket.
        this.ws.close(1011, 'invalid frame');
        return;
      }
      throw e;
    }
  }

  private async handle(frame: Frame): Promise<void> {
    const { topic, event, ref } = frame;
    if (topic === 'phoenix' && event === 'heartbeat') {
      this.send(replyFrame(null, ref, 'phoenix', 'ok', {}));
      return;
    }
    const existing = this.channels.get(topic);
    if (event === 'phx_join') {
      // A second join of a joined topic replaces the first channel.
      if (existing) this.closeChannel(existing);
      if (!topic.startsWith(TOPIC_PREFIX)) {
        this.send(replyFrame(null, ref, topic, 'error', { reason: 'unmatched topic' }));
        return;
      }
      await this.join(frame);
      return;
    }
    if (!existing) {
      if (event === 'phx_leave') this.send(replyFrame(frame.joinRef, ref, topic, 'ok', {}));
      else this.send(replyFrame(null, ref, topic, 'error', { reason: 'unmatched topic' }));
      return;
    }
    if (event === 'phx_leave') {
      // A leave for an older join of this topic raced a server close: nothing to answer.
      if (frame.joinRef !== null && existing.joinRef !== null && frame.joinRef !== existing.joinRef) return;
      this.send(replyFrame(existing.joinRef, ref, topic, 'ok', {}));
      this.closeChannel(existing);
      return;
    }
    try {
      await existing.handleIn(frame);
    } catch (e) {
      this.hub.log(`channel ${topic} failed on ${event}`, e);
      if (this.channels.get(topic) === existing) this.crashChannel(existing);
    }
  }

  private async handleUserBroadcast(push: UserBroadcastPush): Promise<void> {
    const ch = this.channels.get(push.topic);
    if (!ch) {
      this.send(replyFrame(null, push.ref, push.topic, 'error', { reason: 'unmatched topic' }));
      return;
    }
    ch.broadcastBinary(push);
  }

  private async join(frame: Frame): Promise<void> {
    const { hub } = this;
    const { topic, ref, joinRef } = frame;
    const refuse = (reason: string) => this.send(replyFrame(joinRef, ref, topic, 'error', { reason }));
    const subTopic = topic.slice(TOPIC_PREFIX.length);
    if (subTopic === '') return refuse('TopicNameRequired: You must provide a topic name');
    const params = isRecord(frame.payload) ? frame.payload : {};
    const config = isRecord(params.config) ? params.config : {};

    const accessToken = pickAccessToken(params, this.socketToken);
    const check = await hub.verifier.verify(accessToken);
    if (!check.ok) return refuse(joinErrorReason(check.failure));
    const claims = check.claims;

    const isPrivate = flexibleBoolean(config.private);
    if (isPrivate && !(await hub.bypassesRls(claims.role))) {
      return refuse(`Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`);
    }

    const bindings = (Array.isArray(config.postgres_changes) ? config.postgres_changes : []).filter(isRecord);
    let subscriptionError: string | undefined;
    let subscriptions: PgSubscription[] = [];
    const channel = new Channel(this, {
      topic,
      subTopic,
      joinRef,
      isPrivate,
      accessToken,
      claims,
      member: hub.memberId(),
      config,
    });
    if (bindings.length) {
      // Tables published, altered or granted since the last schema reload are picked up here.
      await hub.syncTriggers();
      hub.invalidate();
      const validated = await hub.router.validate(bindings, claims.role);
      if (validated.ok) {
        subscriptions = validated.value.map((params, i) => ({ id: bindingId(bindings[i]), params, subscriber: channel }));
      } else {
        const options = isRecord(config.postgres_changes_options) ? config.postgres_changes_options : {};
        // Clients that ask to wait for the subscription get its failure as the join error.
        if (flexibleBoolean(options.wait)) return refuse(`RealtimeDisabledForConfiguration: ${validated.message}`);
        subscriptionError = validated.message;
      }
    }
    if (this.closed) return;

    this.channels.set(topic, channel);
    hub.attach(channel);
    channel.subscriptions = subscriptions;
    hub.router.add(subscriptions);
    this.send(replyFrame(joinRef, ref, topic, 'ok', { postgres_changes: bindings.map((b) => ({ ...b, id: bindingId(b) })) }));
    if (channel.presenceEnabled) channel.push('presence_state', hub.presence.state(channel.topicKey));
    if (bindings.length) {
      channel.push(
        'system',
        subscriptionError === undefined
          ? { extension: 'postgres_changes', status: 'ok', message: 'Subscribed to PostgreSQL', channel: subTopic }
          : { extension: 'postgres_changes', status: 'error', message: subscriptionError, channel: subTopic },
      );
    }
    channel.scheduleTokenCheck();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const ch of [...this.channels.values()]) ch.cleanup();
    this.hub.connections.delete(this);
  }
}

/** Realtime reads `access_token` (or `user_token`); publishable `sb_` keys mean the socket's key. */
function pickAccessToken(params: Record<string, unknown>, socketToken: string): string {
  const given = params.access_token || params.user_token;
  if (typeof given === 'string' && given.startsWith('sb_')) return socketToken;
  if (typeof params.user_token === 'string') return params.user_token;
  if (typeof params.access_token === 'string') return params.access_token;
  return socketToken;
}

interface ChannelInit {
  topic: string;
  subTopic: string;
  joinRef: Ref;
  isPrivate: boolean;
  accessToken: string;
  claims: Claims;
  member: number;
  config: Record<string, unknown>;
}

export class Channel implements ChangeSubscriber {
  readonly topic: string;
  readonly subTopic: string;
  readonly joinRef: Ref;
  readonly isPrivate: boolean;
  readonly topicKey: string;
  readonly member: number;
  readonly selfBroadcast: boolean;
  readonly ackBroadcast: boolean;
  readonly presenceKey: string;
  presenceEnabled: boolean;
  subscriptions: PgSubscription[] = [];
  private accessToken: string;
  private claims: Claims;
  private claimsText: string;
  private tracked: Record<string, unknown> | undefined;
  private tokenTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly conn: Connection,
    init: ChannelInit,
  ) {
    this.topic = init.topic;
    this.subTopic = init.subTopic;
    this.joinRef = init.joinRef;
    this.isPrivate = init.isPrivate;
    this.topicKey = topicKey(init.subTopic, init.isPrivate);
    this.member = init.member;
    this.accessToken = init.accessToken;
    this.claims = init.claims;
    this.claimsText = JSON.stringify(init.claims);
    const broadcast = isRecord(init.config.broadcast) ? init.config.broadcast : {};
    this.selfBroadcast = flexibleBoolean(broadcast.self);
    this.ackBroadcast = flexibleBoolean(broadcast.ack);
    const presence = isRecord(init.config.presence) ? init.config.presence : {};
    // Presence is on unless the client turns it off; a track turns it on later.
    this.presenceEnabled = presence.enabled === undefined || flexibleBoolean(presence.enabled);
    this.presenceKey = typeof presence.key === 'string' && presence.key !== '' ? presence.key : randomUUID();
  }

  get role(): string {
    return this.claims.role;
  }

  get claimsJson(): string {
    return this.claimsText;
  }

  private get hub(): Hub {
    return this.conn.hub;
  }

  /** A message from this channel's process: it carries the join ref. */
  push(event: string, payload: unknown): void {
    this.conn.send({ joinRef: this.joinRef, ref: null, topic: this.topic, event, payload });
  }

  deliver(ids: number[], data: Record<string, unknown>): void {
    if (this.closed) return;
    this.conn.send({ joinRef: null, ref: null, topic: this.topic, event: 'postgres_changes', payload: { ids, data } });
  }

  private reply(ref: Ref, status: 'ok' | 'error', response: unknown = {}): void {
    this.conn.send(replyFrame(this.joinRef, ref, this.topic, status, response));
  }

  async handleIn(frame: Frame): Promise<void> {
    switch (frame.event) {
      case 'broadcast':
        return this.broadcastJson(frame);
      case 'presence':
        return this.handlePresence(frame);
      case 'access_token':
        return this.refreshToken(frame);
      default:
        // Realtime ignores other events from clients.
        return;
    }
  }

  private broadcastJson(frame: Frame): void {
    if (!isRecord(frame.payload)) return;
    this.hub.fanout(this.topicKey, this.topic, 'broadcast', frame.payload, this.selfBroadcast ? undefined : this);
    if (this.ackBroadcast) this.reply(frame.ref, 'ok');
  }

  broadcastBinary(push: UserBroadcastPush): void {
    this.hub.fanoutUserBroadcast(this.topicKey, this.topic, push, this.selfBroadcast ? undefined : this);
    if (this.ackBroadcast) this.reply(push.ref, 'ok');
  }

  private handlePresence(frame: Frame): void {
    const msg = isRecord(frame.payload) ? frame.payload : {};
    if (typeof msg.event !== 'string') return this.reply(frame.ref, 'ok');
    const event = msg.event.toLowerCase();
    if (event === 'track') {
      const payload = 'payload' in msg ? msg.payload : {};
      if (!isRecord(payload)) return this.reply(frame.ref, 'error', { reason: 'Presence track payload must be a map' });
      const enabling = !this.presenceEnabled;
      // Tracking the same payload again changes nothing.
      if (!this.tracked || !isDeepStrictEqual(this.tracked, payload)) {
        const diff = this.hub.presence.track(this.topicKey, this.presenceKey, this.member, payload);
        this.tracked = payload;
        this.hub.presenceDiff(this.topicKey, this.topic, diff);
      }
      this.presenceEnabled = true;
      this.reply(frame.ref, 'ok');
      // A channel that turned presence on by tracking never got the join-time state.
      if (enabling) this.push('presence_state', this.hub.presence.state(this.topicKey));
      return;
    }
    if (event === 'untrack') {
      this.untrack();
      return this.reply(frame.ref, 'ok');
    }
    this.reply(frame.ref, 'error');
  }

  private untrack(): void {
    this.tracked = undefined;
    const diff = this.hub.presence.untrack(this.topicKey, this.presenceKey, this.member);
    if (diff) this.hub.presenceDiff(this.topicKey, this.topic, diff);
  }

  private async refreshToken(frame: Frame): Promise<void> {
    const token = isRecord(frame.payload) ? frame.payload.access_token : undefined;
    if (typeof token !== 'string' || token.startsWith('sb_') || token === this.accessToken) return;
    const check = await this.hub.verifier.verify(token);
    if (this.closed) return;
    if (!check.ok) return this.shutdown(shutdownMessage(check.failure));
    this.accessToken = token;
    this.claims = check.claims;
    this.claimsText = JSON.stringify(check.claims);
    this.scheduleTokenCheck();
    // Realtime re-subscribes the bindings under the new claims.
    if (this.subscriptions.length) {
      this.push('system', { extension: 'postgres_changes', status: 'ok', message: 'Subscribed to PostgreSQL', channel: this.subTopic });
    }
  }

  /** At the token's expiry the channel is checked again and shut down if the token is no longer valid. */
  scheduleTokenCheck(): void {
    clearTimeout(this.tokenTimer);
    const ms = Math.max(0, Math.min(TOKEN_CHECK_MAX_MS, this.claims.exp * 1000 - Date.now()));
    this.tokenTimer = setTimeout(() => {
      this.conn.enqueue(async () => {
        if (this.closed) return;
        const check = await this.hub.verifier.verify(this.accessToken);
        if (this.closed) return;
        if (check.ok) this.scheduleTokenCheck();
        else this.shutdown(shutdownMessage(check.failure));
      });
    }, ms);
    this.tokenTimer.unref();
  }

  /** Realtime's shutdown: a `system` error naming the reason, then the channel closes. */
  private shutdown(message: string): void {
    this.push('system', { extension: 'system', status: 'error', message, channel: this.subTopic });
    this.conn.closeChannel(this);
  }

  cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.tokenTimer);
    this.hub.router.remove(this.subscriptions);
    this.subscriptions = [];
    this.hub.detach(this);
    if (this.tracked) this.untrack();
    if (this.conn.channels.get(this.topic) === this) this.conn.channels.delete(this.topic);
  }
}
