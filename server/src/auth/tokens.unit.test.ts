import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { JwtKeys } from '../jwt.ts';
import { newRefreshToken, verifyBearer } from './tokens.ts';

describe('newRefreshToken', () => {
  it('makes 12 lower-case base32 characters, distinct each time', () => {
    const tokens = new Set(Array.from({ length: 500 }, newRefreshToken));
    expect(tokens.size).toBe(500);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{12}$/);
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
