import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { JwtKeys } from '../jwt.ts';
import { TokenVerifier, joinErrorReason, shutdownMessage } from './tokens.ts';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const verifier = new TokenVerifier(new JwtKeys(SECRET));

async function sign(claims: Record<string, unknown>, { alg = 'HS256', secret = SECRET } = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}
const now = () => Math.floor(Date.now() / 1000);

describe('TokenVerifier', () => {
  it('accepts HS256/384/512 tokens with role and a future exp', async () => {
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      const result = await verifier.verify(await sign({ role: 'authenticated', sub: 'u1', exp: now() + 60 }, { alg }));
      expect(result).toEqual({ ok: true, claims: { role: 'authenticated', sub: 'u1', exp: expect.any(Number) } });
    }
  });

  it('tells apart malformed, unsigned-by-us, expired and incomplete tokens', async () => {
    const failure = async (token: string) => {
      const r = await verifier.verify(token);
      return r.ok ? undefined : r.failure;
    };
    expect(await failure('abc')).toEqual({ kind: 'malformed' });
    expect(await failure(await sign({ role: 'anon', exp: now() + 60 }, { secret: 'x'.repeat(40) }))).toEqual({ kind: 'signature' });
    const expired = await failure(await sign({ role: 'anon', exp: now() - 30 }));
    expect(expired).toEqual({ kind: 'expired', secondsAgo: expect.any(Number) });
    expect(expired?.kind === 'expired' && expired.secondsAgo).toBeGreaterThanOrEqual(30);
    expect(await failure(await sign({ role: 'anon' }))).toEqual({ kind: 'missing_claims' });
    expect(await failure(await sign({ exp: now() + 60 }))).toEqual({ kind: 'missing_claims' });
    // alg none: no signer for it.
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"role":"service_role","exp":9999999999}').toString('base64url')}.`;
    expect(await failure(none)).toEqual({ kind: 'signer' });
  });

  it('ignores whitespace and percent-encoding around the token', async () => {
    const token = await sign({ role: 'anon', exp: now() + 60 });
    expect((await verifier.verify(` ${token}\n`)).ok).toBe(true);
    expect((await verifier.verify(encodeURIComponent(token))).ok).toBe(true);
  });
});

describe('messages', () => {
  it('are the ones Realtime sends on join and on refresh', () => {
    expect(joinErrorReason({ kind: 'expired', secondsAgo: 12 })).toBe('InvalidJWTToken: Token has expired 12 seconds ago');
    expect(joinErrorReason({ kind: 'missing_claims' })).toBe('InvalidJWTToken: Fields `role` and `exp` are required in JWT');
    expect(joinErrorReason({ kind: 'signature' })).toBe('JwtSignatureError: Failed to validate JWT signature');
    expect(shutdownMessage({ kind: 'expired', secondsAgo: 0 })).toBe('Token has expired 0 seconds ago');
    expect(shutdownMessage({ kind: 'malformed' })).toBe('The token provided is not a valid JWT');
  });
});
