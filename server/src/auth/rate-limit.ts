/**
 * A token bucket per key, like the tollbooth limiters GoTrue puts in front of its endpoints:
 * `burst` requests may come at once, and the bucket refills at `rate` per `windowMs`
 * (GoTrue's /token: burst 30, refilled at the configured number per 5 minutes).
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly burst: number,
    private readonly rate: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private refilled(key: string, now: number): { tokens: number; updated: number } {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updated: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updated) / this.windowMs) * this.rate);
    bucket.updated = now;
    return bucket;
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.refilled(key, now);
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.evictFull(now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets `key`: its bucket is full again. */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  // Buckets that have refilled completely carry no state worth keeping.
  private evictFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.updated) / this.windowMs) * this.rate >= this.burst) this.buckets.delete(key);
    }
  }
}
