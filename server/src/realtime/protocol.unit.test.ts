import { describe, expect, it } from 'vitest';
// realtime-js's own serializer: the frames under test are exactly what the client sends and reads.
import Serializer from '@supabase/realtime-js/dist/module/lib/serializer.js';
import { ProtocolError, decodeBinary, decodeText, encodeText, encodeUserBroadcast, negotiateVsn, replyFrame } from './protocol.ts';

const serializer = new Serializer();
const encodeWithClient = (msg: Parameters<Serializer['encode']>[0]): ArrayBuffer | string => serializer.encode(msg, (r: ArrayBuffer | string) => r);

describe('negotiateVsn', () => {
  it('picks the serializer Phoenix would, defaulting to 1.0.0', () => {
    expect(negotiateVsn(null)).toBe('1.0.0');
    expect(negotiateVsn('1.0.0')).toBe('1.0.0');
    expect(negotiateVsn('2.0.0')).toBe('2.0.0');
    expect(negotiateVsn('2.0.3')).toBe('2.0.0');
    expect(negotiateVsn('3.0.0')).toBeUndefined();
    expect(negotiateVsn('banana')).toBeUndefined();
  });
});

describe('text frames', () => {
  it('decodes the V2 arrays realtime-js sends', () => {
    const text = encodeWithClient({ join_ref: '1', ref: '2', topic: 'realtime:room', event: 'phx_join', payload: { config: {} } }) as string;
    expect(decodeText('2.0.0', text)).toEqual({ joinRef: '1', ref: '2', topic: 'realtime:room', event: 'phx_join', payload: { config: {} } });
    expect(decodeText('2.0.0', '[null,"3","phoenix","heartbeat",{}]')).toEqual({ joinRef: null, ref: '3', topic: 'phoenix', event: 'heartbeat', payload: {} });
  });

  it('decodes V1 objects', () => {
    expect(decodeText('1.0.0', '{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"5"}')).toEqual({ joinRef: null, ref: '5', topic: 'phoenix', event: 'heartbeat', payload: {} });
  });

  it('rejects what Phoenix cannot decode', () => {
    expect(() => decodeText('2.0.0', 'not json')).toThrow(ProtocolError);
    expect(() => decodeText('2.0.0', '{"topic":"t"}')).toThrow(ProtocolError);
    expect(() => decodeText('2.0.0', '[null,null,"t"]')).toThrow(ProtocolError);
    expect(() => decodeText('1.0.0', '["1","2","t","e",{}]')).toThrow(ProtocolError);
  });

  it('encodes replies the client decodes back', () => {
    const reply = replyFrame('1', '2', 'realtime:room', 'ok', { postgres_changes: [] });
    const v2 = encodeText('2.0.0', reply);
    expect(v2).toBe('["1","2","realtime:room","phx_reply",{"status":"ok","response":{"postgres_changes":[]}}]');
    expect(serializer.decode(v2, (m: unknown) => m)).toEqual({ join_ref: '1', ref: '2', topic: 'realtime:room', event: 'phx_reply', payload: { status: 'ok', response: { postgres_changes: [] } } });
    // V1 has no join_ref on the wire.
    expect(JSON.parse(encodeText('1.0.0', reply))).toEqual({ topic: 'realtime:room', event: 'phx_reply', payload: { status: 'ok', response: { postgres_changes: [] } }, ref: '2' });
  });
});

describe('binary user broadcasts', () => {
  it('decodes the kind-3 frame realtime-js sends for a JSON payload', () => {
    const frame = encodeWithClient({ join_ref: '4', ref: '9', topic: 'realtime:room', event: 'broadcast', payload: { type: 'broadcast', event: 'cursor', payload: { x: 1, y: 2 } } });
    expect(frame).toBeInstanceOf(ArrayBuffer);
    const push = decodeBinary(Buffer.from(frame as ArrayBuffer));
    expect(push).toMatchObject({ joinRef: '4', ref: '9', topic: 'realtime:room', userEvent: 'cursor', encoding: 'json', metadata: {} });
    expect(JSON.parse(push.payload.toString('utf8'))).toEqual({ x: 1, y: 2 });
  });

  it('keeps binary payloads as bytes and reads allowed metadata', () => {
    const withMeta = new Serializer(['id']);
    const bytes = new Uint8Array([0, 1, 2, 255]).buffer;
    const frame = withMeta.encode({ join_ref: '1', ref: null, topic: 'realtime:files', event: 'broadcast', payload: { type: 'broadcast', event: 'blob', id: 'abc', payload: bytes } }, (r: ArrayBuffer | string) => r);
    const push = decodeBinary(Buffer.from(frame as ArrayBuffer));
    expect(push).toMatchObject({ joinRef: '1', ref: null, userEvent: 'blob', encoding: 'binary', metadata: { id: 'abc' } });
    expect([...push.payload]).toEqual([0, 1, 2, 255]);
  });

  it('encodes the kind-4 frame realtime-js decodes into a broadcast', () => {
    const frame = encodeUserBroadcast('realtime:room', 'cursor', 'json', Buffer.from('{"x":1}'));
    const ab = new Uint8Array(frame).buffer;
    expect(serializer.decode(ab, (m: unknown) => m)).toEqual({
      join_ref: null,
      ref: null,
      topic: 'realtime:room',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'cursor', payload: { x: 1 } },
    });
  });

  it('rejects frames of other kinds or cut short', () => {
    expect(() => decodeBinary(Buffer.from([4, 0, 0, 0, 0, 1]))).toThrow(ProtocolError);
    expect(() => decodeBinary(Buffer.from([3, 5, 0, 0, 0, 0, 1, 65]))).toThrow(ProtocolError);
  });
});
