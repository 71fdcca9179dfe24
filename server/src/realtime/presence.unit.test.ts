import { describe, expect, it } from 'vitest';
import { PresenceTracker } from './presence.ts';

function tracker() {
  let n = 0;
  return new PresenceTracker(() => `ref${++n}`);
}

describe('PresenceTracker', () => {
  it('groups metas by key, one per tracking channel', () => {
    const t = tracker();
    expect(t.track('room', 'alice', 1, { on: 'p1' })).toEqual({ joins: { alice: { metas: [{ on: 'p1', phx_ref: 'ref1' }] } }, leaves: {} });
    t.track('room', 'alice', 2, { on: 'p2' });
    t.track('room', 'bob', 3, {});
    t.track('other', 'carol', 4, {});
    expect(t.state('room')).toEqual({
      alice: { metas: [{ on: 'p1', phx_ref: 'ref1' }, { on: 'p2', phx_ref: 'ref2' }] },
      bob: { metas: [{ phx_ref: 'ref3' }] },
    });
  });

  it('reports an update as a join naming the meta it replaces and a leave of that meta', () => {
    const t = tracker();
    t.track('room', 'alice', 1, { on: 'p1' });
    expect(t.track('room', 'alice', 1, { on: 'p2' })).toEqual({
      joins: { alice: { metas: [{ on: 'p2', phx_ref: 'ref2', phx_ref_prev: 'ref1' }] } },
      leaves: { alice: { metas: [{ on: 'p1', phx_ref: 'ref1' }] } },
    });
    expect(t.state('room')).toEqual({ alice: { metas: [{ on: 'p2', phx_ref: 'ref2', phx_ref_prev: 'ref1' }] } });
  });

  it('removes a member on untrack, dropping empty keys and topics', () => {
    const t = tracker();
    t.track('room', 'alice', 1, {});
    expect(t.untrack('room', 'alice', 2)).toBeNull();
    expect(t.untrack('room', 'alice', 1)).toEqual({ joins: {}, leaves: { alice: { metas: [{ phx_ref: 'ref1' }] } } });
    expect(t.state('room')).toEqual({});
    expect(t.untrack('room', 'alice', 1)).toBeNull();
  });
});
