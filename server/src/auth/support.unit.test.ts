import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { JwtKeys } from '../jwt.ts';
import { parseGoDuration } from './go-duration.ts';
import { TokenBucketLimiter } from './rate-limit.ts';
import { goTime } from './time.ts';
import { newRefreshToken, verifyBearer } from './tokens.ts';
import { mergeMetadata } from './users.ts';

describe('goTime', () => {
  it.each([
    ['2024-10-05T15:05:01.251490', '2024-10-05T15:05:01.25149Z'],
    ['2024-10-05T15:05:01.000000', '2024-10-05T15:05:01Z'],
    ['2024-10-05T15:05:01.000001', '2024-10-05T15:05:01.000001Z'],
  ])('%s → %s', (input, output) => {
    expect(goTime(input)).toBe(output);
  });
  it('leaves null unset', () => {
    expect(goTime(null)).toBeUndefined();
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['876000h', 876_000 * 3_600_000],
    ['0', 0],
    ['-2m', -120_000],
    ['250ms', 250],
  ])('%s = %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
  it.each(['', 'forever', '10', '1d', 'h'])('refuses %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

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

describe('newRefreshToken', () => {
  it('makes 12 lower-case base32 characters, distinct each time', () => {
    const tokens = new Set(Array.from({ length: 500 }, newRefreshToken));
    expect(tokens.size).toBe(500);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{12}$/);
  });
});

describe('mergeMetadata', () => {
  it('merges, deletes keys set to null, and replaces a null document', () => {
    expect(mergeMetadata({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
    expect(mergeMetadata(null, { a: 1 })).toEqual({ a: 1 });
  });
});

describe('verifyBearer', () => {
  const secret = 'a-test-secret-with-at-least-32-characters!';
  const keys = new JwtKeys(secret);
  const sign = (claims: Record<string, unknown>, key = secret) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key));

  it('returns the claims of a valid token', async () => {
    const token = await sign({ sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(await verifyBearer(token, keys)).toMatchObject({ sub: 'x' });
  });

  it('allows no clock skew on exp, as golang-jwt without leeway', async () => {
    const token = await sign({ exp: Math.floor(Date.now() / 1000) - 2 });
    await expect(verifyBearer(token, keys)).rejects.toMatchObject({ status: 403, code: 'bad_jwt', message: expect.stringContaining('token is expired') });
  });

  it('rejects other secrets and algorithms', async () => {
    await expect(verifyBearer(await sign({}, 'another-secret-with-at-least-32-characters'), keys)).rejects.toThrow('signature is invalid');
    const body = Buffer.from('{}').toString('base64url');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
    await expect(verifyBearer(none, keys)).rejects.toThrow('signing method none is invalid');
    const hs512 = `${Buffer.from('{"alg":"HS512"}').toString('base64url')}.${body}.sig`;
    await expect(verifyBearer(hs512, keys)).rejects.toThrow('signing method HS512 is invalid');
    await expect(verifyBearer('a.b', keys)).rejects.toThrow('token contains an invalid number of segments');
  });
});
