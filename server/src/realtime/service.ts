/**
 * The Realtime-compatible `/realtime/v1` service: the WebSocket endpoint realtime-js connects to
 * (Phoenix V1/V2 frames; Postgres Changes, Broadcast and Presence) and the REST broadcast API.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { HttpRequest, ApiResponse, ServerContext } from '../http/types.ts';
import { json } from '../http/types.ts';
import { apiKeyJwt } from '../config.ts';
import { NOTIFY_CHANNEL, discardChanges, installCapture } from './capture.ts';
import { Connection, Hub, topicKey } from './channels.ts';
import { negotiateVsn } from './protocol.ts';
import { TokenVerifier } from './tokens.ts';

export interface RealtimeService {
  /** For the HTTP server's `upgrade` event on `/realtime/v1/*`. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Non-WebSocket requests below `/realtime/v1` (the broadcast API). */
  handle(req: HttpRequest): Promise<ApiResponse>;
  close(): Promise<void>;
}

const WEBSOCKET_PATH = /^\/realtime\/v1\/websocket\/?$/;

function refuse(socket: Duplex, status: number, body = ''): void {
  const head = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function createRealtime(ctx: ServerContext): Promise<RealtimeService> {
  const { config, db } = ctx;
  const log = (message: string, error?: unknown) => console.error(`[realtime] ${message}`, error ?? '');
  const verifier = new TokenVerifier(ctx.jwt);
  const hub = new Hub(db, verifier, log);

  await installCapture(db);
  // Changes queued while no server was running have no subscribers to reach.
  await discardChanges(db);
  await hub.syncTriggers();
  const unlisten = await db.listen(NOTIFY_CHANNEL, () => hub.router.notify());
  const rescan = async () => {
    hub.invalidate();
    await hub.syncTriggers();
  };
  ctx.onSchemaChange.add(rescan);
  // Notifications sent while the database connection was down were missed: drain what was captured.
  const removeReconnectHook = db.onReconnect(() => hub.router.notify());

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: config.maxBodyBytes });
  let closing = false;

  async function accept(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!WEBSOCKET_PATH.test(url.pathname)) return refuse(socket, 404, JSON.stringify({ message: 'no Route matched with those values' }));
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const apikey = url.searchParams.get('apikey') ?? header('apikey') ?? header('x-api-key') ?? undefined;
    // The gateway's checks first, as for /rest and /auth.
    if (config.requireApiKey) {
      if (!apikey) return refuse(socket, 401, JSON.stringify({ message: 'No API key found in request' }));
      if (!apiKeyJwt(config, apikey)) return refuse(socket, 401, JSON.stringify({ message: 'Invalid API key' }));
    }
    const vsn = negotiateVsn(url.searchParams.get('vsn'));
    // Phoenix refuses an unknown serializer version, and Realtime a key that is not a valid token.
    if (!vsn) return refuse(socket, 403);
    const socketToken = apikey === undefined ? config.anonKey : (apiKeyJwt(config, apikey) ?? apikey);
    const check = await verifier.verify(socketToken);
    if (!check.ok) return refuse(socket, 403);
    if (closing) return refuse(socket, 503);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closing) {
        ws.terminate();
        return;
      }
      new Connection(hub, ws, vsn, socketToken);
    });
  }

  async function broadcastApi(req: HttpRequest): Promise<ApiResponse> {
    const single = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)\/?$/.exec(req.path);
    if (req.method !== 'POST' || (!single && !/^\/api\/broadcast\/?$/.test(req.path))) {
      return json(404, { message: 'no Route matched with those values' });
    }
    const bearer = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const check = await verifier.verify(bearer ?? '');
    if (!check.ok) return json(401, { message: 'Unauthorized' });
    // Private topics need realtime.messages policies; only roles that bypass RLS pass them here.
    const mayPrivate = await hub.bypassesRls(check.claims.role);

    if (single) {
      const subTopic = decodeURIComponent(single[1]!);
      const event = decodeURIComponent(single[2]!);
      const isPrivate = req.url.searchParams.get('private') === 'true';
      if (isPrivate && !mayPrivate) return { status: 202, body: null };
      const key = topicKey(subTopic, isPrivate);
      const topic = `realtime:${subTopic}`;
      if ((req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
        hub.fanoutUserBroadcast(key, topic, { joinRef: null, ref: null, topic, userEvent: event, encoding: 'binary', payload: req.body, metadata: {} });
        return { status: 202, body: null };
      }
      let payload: unknown;
      try {
        payload = JSON.parse(req.body.toString('utf8'));
      } catch {
        return json(422, { errors: { payload: ['is invalid'] } });
      }
      hub.fanout(key, topic, 'broadcast', { payload, event, type: 'broadcast' });
      return { status: 202, body: null };
    }

    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return json(422, { errors: { messages: ["can't be blank"] } });
    }
    const messages = isRecord(body) && Array.isArray(body.messages) ? body.messages : undefined;
    if (!messages || !messages.length) return json(422, { errors: { messages: ["can't be blank"] } });
    const invalid = messages.some((m) => !isRecord(m) || typeof m.topic !== 'string' || typeof m.event !== 'string' || !isRecord(m.payload));
    if (invalid) return json(422, { errors: { messages: [{ payload: ["can't be blank"], topic: ["can't be blank"], event: ["can't be blank"] }] } });
    for (const m of messages as Record<string, unknown>[]) {
      const isPrivate = m.private === true;
      if (isPrivate && !mayPrivate) continue;
      const subTopic = m.topic as string;
      hub.fanout(topicKey(subTopic, isPrivate), `realtime:${subTopic}`, 'broadcast', { payload: m.payload, event: m.event, type: 'broadcast' });
    }
    return { status: 202, body: null };
  }

  return {
    upgrade(req, socket, head) {
      socket.on('error', () => undefined);
      accept(req, socket, head).catch((e: unknown) => {
        log('websocket upgrade failed', e);
        refuse(socket, 500);
      });
    },
    handle: broadcastApi,
    async close() {
      closing = true;
      ctx.onSchemaChange.delete(rescan);
      removeReconnectHook();
      await unlisten();
      await Promise.all(
        [...hub.connections].map(
          (conn) =>
            new Promise<void>((resolve) => {
              if (conn.ws.readyState === conn.ws.CLOSED) return resolve();
              conn.ws.once('close', () => resolve());
              conn.ws.close(1001, 'server shutting down');
              // Do not wait on clients that never answer the close frame.
              setTimeout(() => conn.ws.terminate(), 200).unref();
            }),
        ),
      );
      await hub.router.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
