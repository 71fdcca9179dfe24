import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './rate-limit.ts';

describe('TokenBucketLimiter', () => {
  it('allows a burst of `limit`, then refills at limit per window', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('ip'))).toEqual([true, true, true, false]);
    expect(limiter.take('other-ip')).toBe(true);
    now = 20_000; // one token back
    expect(limiter.take('ip')).toBe(true);
    expect(limiter.take('ip')).toBe(false);
    now = 200_000; // refilled, capped at the limit
    expect([1, 2, 3, 4].map(() => limiter.take('ip'))).toEqual([true, true, true, false]);
  });
});
