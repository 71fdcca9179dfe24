import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { JwtKeys, signHs256, verify, type VerifyOptions } from './jwt.ts';

const SECRET = 'a-test-secret-with-at-least-32-characters!';
const keys = new JwtKeys(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const strict: VerifyOptions = { algorithms: ['HS256'], leeway: 0, notBefore: true, issuedAt: 'past' };
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

async function sign(claims: Record<string, unknown>, { alg = 'HS256', secret = SECRET } = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

async function reason(token: string, options: VerifyOptions = strict) {
  const r = await verify(token, keys, options);
  return r.ok ? 'ok' : r.failure;
}

describe('verify', () => {
  it('returns the claims of a token signed with the secret', async () => {
    const token = await signHs256({ role: 'anon', exp: now() + 60 }, keys);
    expect(await verify(token, keys, strict)).toEqual({ ok: true, claims: { role: 'anon', exp: expect.any(Number) } });
  });

  it('names the first failing check, in the upstream libraries’ order', async () => {
    expect(await reason('a.b')).toEqual({ reason: 'segments', count: 2 });
    expect(await reason(`!!.${b64({})}.x`)).toEqual({ reason: 'header' });
    expect(await reason(`${b64({ alg: 'HS256' })}.${b64('[1]')}.x`)).toEqual({ reason: 'claims' });
    expect(await reason(`${b64({ typ: 'JWT' })}.${b64({})}.x`)).toEqual({ reason: 'no_algorithm' });
    expect(await reason(`${b64({ alg: 'none' })}.${b64({})}.`)).toEqual({ reason: 'algorithm', alg: 'none' });
    expect(await reason(await sign({}, { alg: 'HS512' }))).toEqual({ reason: 'algorithm', alg: 'HS512' });
    expect(await reason(await sign({}, { secret: 'x'.repeat(40) }))).toEqual({ reason: 'signature' });
    expect(await reason(await sign({ exp: 'soon' }))).toEqual({ reason: 'claim_type', claim: 'exp' });
    expect(await reason(await sign({ nbf: now() + 60 }))).toEqual({ reason: 'not_yet_valid' });
    expect(await reason(await sign({ iat: now() + 60 }))).toEqual({ reason: 'issued_in_future' });
    const expired = await reason(await sign({ exp: now() - 5 }));
    expect(expired).toMatchObject({ reason: 'expired' });
    expect((expired as { secondsAgo: number }).secondsAgo).toBeGreaterThanOrEqual(5);
  });

  it('allows the configured clock skew and skips the checks a service does not make', async () => {
    const skewed: VerifyOptions = { ...strict, leeway: 30 };
    expect(await reason(await sign({ exp: now() - 5, nbf: now() + 5, iat: now() + 5 }), skewed)).toBe('ok');
    const lax: VerifyOptions = { algorithms: ['HS256', 'HS512'], leeway: 0, notBefore: false, issuedAt: 'ignored' };
    expect(await reason(await sign({ nbf: 'x', iat: 'y' }, { alg: 'HS512' }), lax)).toBe('ok');
  });
});
