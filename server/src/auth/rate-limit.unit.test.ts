import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './rate-limit.ts';

describe('TokenBucketLimiter', () => {
  it('allows a burst of `burst`, then refills at `rate` per window', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(3, 3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('ip'))).toEqual([true, true, true, false]);
    expect(limiter.take('other-ip')).toBe(true);
    now = 20_000; // one token back
    expect(limiter.take('ip')).toBe(true);
    expect(limiter.take('ip')).toBe(false);
    now = 200_000; // refilled, capped at the burst
    expect([1, 2, 3, 4].map(() => limiter.take('ip'))).toEqual([true, true, true, false]);
  });

  it('refills at its own rate, independent of the burst (GoTrue: burst 30, 150 per 5 minutes)', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(30, 150, 300_000, () => now);
    for (let i = 0; i < 30; i++) expect(limiter.take('ip')).toBe(true);
    expect(limiter.take('ip')).toBe(false);
    now = 2_000; // 150 per 300 s is one token every 2 s
    expect(limiter.take('ip')).toBe(true);
    expect(limiter.take('ip')).toBe(false);
  });

  it('forgets a key on reset', () => {
    const limiter = new TokenBucketLimiter(1, 1, 60_000, () => 0);
    expect(limiter.take('account')).toBe(true);
    expect(limiter.take('account')).toBe(false);
    limiter.reset('account');
    expect(limiter.take('account')).toBe(true);
  });
});
