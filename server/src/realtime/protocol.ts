/**
 * Phoenix channel frames as Realtime speaks them: V1 JSON objects, V2 JSON arrays
 * `[join_ref, ref, topic, event, payload]`, and Realtime's binary user-broadcast frames
 * (kind 3 from clients, kind 4 to clients).
 */

export type Vsn = '1.0.0' | '2.0.0';

/** Refs are echoed back exactly as the client sent them (strings for realtime-js, but any JSON). */
export type Ref = unknown;

export interface Frame {
  joinRef: Ref;
  ref: Ref;
  topic: string;
  event: string;
  payload: unknown;
}

/** A client broadcast sent as a binary frame: the user payload stays as bytes. */
export interface UserBroadcastPush {
  joinRef: Ref;
  ref: Ref;
  topic: string;
  userEvent: string;
  encoding: 'json' | 'binary';
  payload: Buffer;
  metadata: Record<string, unknown>;
}

export class ProtocolError extends Error {}

const USER_BROADCAST_PUSH = 3;
const USER_BROADCAST = 4;

/** Phoenix negotiates the serializer from `vsn` (default 1.0.0); Realtime offers ~> 1.0.0 and ~> 2.0.0. */
export function negotiateVsn(param: string | null): Vsn | undefined {
  const vsn = param ?? '1.0.0';
  if (/^1\.0\.\d+$/.test(vsn)) return '1.0.0';
  if (/^2\.0\.\d+$/.test(vsn)) return '2.0.0';
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeText(vsn: Vsn, text: string): Frame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProtocolError('frame is not JSON');
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length < 5) throw new ProtocolError('expected V2 array');
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    if (typeof topic !== 'string' || typeof event !== 'string') throw new ProtocolError('topic and event must be strings');
    return { joinRef: joinRef ?? null, ref: ref ?? null, topic, event, payload };
  }
  if (!isRecord(parsed) || typeof parsed.topic !== 'string' || typeof parsed.event !== 'string' || !('payload' in parsed) || !('ref' in parsed)) {
    throw new ProtocolError('expected V1 message object');
  }
  return { joinRef: parsed.join_ref ?? null, ref: parsed.ref ?? null, topic: parsed.topic, event: parsed.event, payload: parsed.payload };
}

export function encodeText(vsn: Vsn, frame: Frame): string {
  if (vsn === '2.0.0') return JSON.stringify([frame.joinRef ?? null, frame.ref ?? null, frame.topic, frame.event, frame.payload]);
  // V1 carries no join_ref on the wire.
  return JSON.stringify({ topic: frame.topic, event: frame.event, payload: frame.payload, ref: frame.ref ?? null });
}

export function replyFrame(joinRef: Ref, ref: Ref, topic: string, status: 'ok' | 'error', response: unknown): Frame {
  return { joinRef, ref, topic, event: 'phx_reply', payload: { status, response } };
}

export function decodeBinary(data: Buffer): UserBroadcastPush {
  if (data.length < 7 || data[0] !== USER_BROADCAST_PUSH) throw new ProtocolError('unsupported binary frame');
  const sizes = [data[1]!, data[2]!, data[3]!, data[4]!, data[5]!];
  const encoding = data[6] === 0 ? 'binary' : 'json';
  let offset = 7;
  const take = (n: number): string => {
    if (offset + n > data.length) throw new ProtocolError('truncated binary frame');
    const s = data.toString('utf8', offset, offset + n);
    offset += n;
    return s;
  };
  const joinRef = take(sizes[0]!);
  const ref = take(sizes[1]!);
  const topic = take(sizes[2]!);
  const userEvent = take(sizes[3]!);
  const metadataText = take(sizes[4]!);
  let metadata: Record<string, unknown> = {};
  if (metadataText !== '') {
    try {
      const m: unknown = JSON.parse(metadataText);
      if (isRecord(m)) metadata = m;
    } catch {
      throw new ProtocolError('metadata is not JSON');
    }
  }
  return {
    joinRef: joinRef === '' ? null : joinRef,
    ref: ref === '' ? null : ref,
    topic,
    userEvent,
    encoding,
    payload: data.subarray(offset),
    metadata,
  };
}

/** The kind-4 frame a V2 subscriber receives for a client broadcast that arrived as binary. */
export function encodeUserBroadcast(topic: string, userEvent: string, encoding: 'json' | 'binary', payload: Buffer): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const e = Buffer.from(userEvent, 'utf8');
  if (t.length > 255 || e.length > 255) throw new ProtocolError('topic and event must be at most 255 bytes');
  const header = Buffer.from([USER_BROADCAST, t.length, e.length, 0, encoding === 'json' ? 1 : 0]);
  return Buffer.concat([header, t, e, payload]);
}
