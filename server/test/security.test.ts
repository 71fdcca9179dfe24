import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { anonKey, apiUrl, jwtSecret } from './env.ts';
import { authFetch, signUpUser } from './auth-helpers.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Attacks {
  valid: string;
  expired: string;
  forged: string;
  algNone: string;
  rs256: string;
  malformed: string;
}

/** Tokens carrying a real user's claims, broken one way each. */
async function attacks(): Promise<Attacks> {
  const { session } = await signUpUser();
  const claims = JSON.parse(Buffer.from(session.access_token.split('.')[1]!, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  const sign = (payload: Record<string, unknown>, secret: string) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
  const { privateKey } = await generateKeyPair('RS256');
  return {
    valid: session.access_token,
    expired: await sign({ ...claims, iat: now - 7200, exp: now - 3600 }, jwtSecret),
    forged: await sign(claims, 'an-attacker-secret-that-is-at-least-32-chars'),
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    rs256: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey),
    malformed: 'not-a-jwt',
  };
}

describe('JWT attacks on /auth/v1/user (GoTrue’s answers)', () => {
  let tokens: Attacks;
  beforeAll(async () => {
    tokens = await attacks();
  });

  const prefix = 'invalid JWT: unable to parse or verify signature, ';
  const cases: [keyof Attacks, string][] = [
    ['expired', `${prefix}token has invalid claims: token is expired`],
    ['forged', `${prefix}token signature is invalid: signature is invalid`],
    ['algNone', `${prefix}token signature is invalid: signing method none is invalid`],
    ['rs256', `${prefix}token signature is invalid: signing method RS256 is invalid`],
    ['malformed', `${prefix}token is malformed: token contains an invalid number of segments`],
  ];

  it('accepts the untouched token', async () => {
    expect((await authFetch('/user', { token: tokens.valid })).status).toBe(200);
  });

  it.each(cases)('rejects the %s token with 403 bad_jwt', async (name, message) => {
    for (const [method, path] of [['GET', '/user'], ['PUT', '/user'], ['POST', '/logout']] as const) {
      const res = await authFetch(path, { method, token: tokens[name], body: method === 'PUT' ? { data: { pwned: true } } : undefined });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ code: 'bad_jwt', message });
      expect(res.headers.get('x-sb-error-code')).toBe('bad_jwt');
    }
  });

  it('rejects the admin API for every broken token, even one claiming service_role', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forgedAdmin = await new SignJWT({ role: 'service_role', iat: now, exp: now + 600 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('an-attacker-secret-that-is-at-least-32-chars'));
    const noneAdmin = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'service_role', exp: now + 600 })}.`;
    for (const token of [forgedAdmin, noneAdmin, tokens.expired, tokens.rs256]) {
      const res = await authFetch('/admin/users', { token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('bad_jwt');
    }
  });

  it('rejects well-signed tokens naming a missing user or a non-UUID subject', async () => {
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setExpirationTime('5m').sign(new TextEncoder().encode(jwtSecret));
    const ghost = await authFetch('/user', { token: await sign({ sub: crypto.randomUUID(), role: 'authenticated', aud: 'authenticated' }) });
    expect(ghost.status).toBe(403);
    expect(ghost.body).toEqual({ code: 'user_not_found', message: 'User from sub claim in JWT does not exist' });
    const odd = await authFetch('/user', { token: await sign({ sub: 'admin', role: 'authenticated' }) });
    expect(odd.status).toBe(400);
    expect(odd.body).toEqual({ code: 'bad_jwt', message: 'invalid claim: sub claim must be a UUID' });
  });
});

describe('JWT attacks on /rest/v1 (PostgREST’s answers)', () => {
  let tokens: Attacks;
  beforeAll(async () => {
    tokens = await attacks();
  });

  const rest = (token: string) =>
    fetch(`${apiUrl()}/rest/v1/security_probe?select=id,note`, { headers: { apikey: anonKey, authorization: `Bearer ${token}` } });

  it('serves the fixture to the untouched token', async () => {
    const res = await rest(tokens.valid);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ id: 1, note: 'visible to every valid token' }]);
  });

  const cases: [keyof Attacks, string, string | undefined][] = [
    ['expired', 'PGRST303', 'JWT expired'],
    ['forged', 'PGRST301', undefined],
    ['algNone', 'PGRST301', undefined],
    ['rs256', 'PGRST301', undefined],
    ['malformed', 'PGRST301', 'Expected 3 parts in JWT; got 1'],
  ];

  it.each(cases)('answers the %s token with 401 %s and a WWW-Authenticate challenge', async (name, code, message) => {
    const res = await rest(tokens[name]);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.code).toBe(code);
    if (message) expect(body.message).toBe(message);
    expect(body).toHaveProperty('details');
    expect(body).toHaveProperty('hint');
    expect(res.headers.get('www-authenticate')).toBe(`Bearer error="invalid_token", error_description=${JSON.stringify(body.message)}`);
    expect(JSON.stringify(body)).not.toContain('visible to every valid token');
  });
});
