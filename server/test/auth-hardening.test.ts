import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../src/stack.ts';
import { serviceRoleKey } from './env.ts';
import { authFetch, privateStack, signUpUser, uniqueEmail } from './auth-helpers.ts';

const NUL = '\u0000';

describe('hostile input never gets a 5xx', () => {
  let token: string;
  beforeAll(async () => {
    token = (await signUpUser()).session.access_token;
  });

  it('a NUL byte in the sign-in email is a 400, as it is at sign-up', async () => {
    for (const email of [NUL, `a${NUL}b@example.com`]) {
      const res = await authFetch('/token?grant_type=password', { body: { email, password: 'correct-horse-1' } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'validation_failed', message: 'Text in the request body cannot contain a NUL (\\u0000) character' });
    }
    expect((await authFetch('/signup', { body: { email: `a${NUL}b@example.com`, password: 'correct-horse-1' } })).status).toBe(400);
  });

  it('refuses NUL in refresh tokens, metadata keys and values, and query parameters', async () => {
    const calls = [
      authFetch('/token?grant_type=refresh_token', { body: { refresh_token: `${NUL}xxxxxxxxxxx` } }),
      authFetch('/signup', { body: { email: uniqueEmail(), password: 'correct-horse-1', data: { [NUL]: NUL } } }),
      authFetch('/signup', { body: { data: { note: `a${NUL}` } } }),
      authFetch('/user', { method: 'PUT', token, body: { data: { [`k${NUL}`]: 1 } } }),
      authFetch('/admin/users', { token: serviceRoleKey, body: { email: uniqueEmail(), user_metadata: { k: NUL } } }),
      authFetch(`/admin/users?filter=${encodeURIComponent(NUL)}`, { token: serviceRoleKey }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('keeps a password with NUL as given: it never reaches the database', async () => {
    const email = uniqueEmail();
    expect((await authFetch('/signup', { body: { email, password: `pass${NUL}word-1` } })).status).toBe(200);
    expect((await authFetch('/token?grant_type=password', { body: { email, password: `pass${NUL}word-1` } })).status).toBe(200);
  });

  it('stores unpaired surrogates as U+FFFD, as Go’s JSON decoder reads them', async () => {
    const res = await authFetch('/user', { method: 'PUT', token, rawBody: '{"data":{"\\ud800x":"a\\udc00b"}}' });
    expect(res.status).toBe(200);
    expect(res.body.user_metadata).toMatchObject({ '\ufffdx': 'a\ufffdb' });
  });

  it('refuses metadata nested deeper than 512 levels', async () => {
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    const res = await authFetch('/user', { method: 'PUT', token, rawBody: `{"data":{"a":${deep}}}` });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'bad_json', message: 'Could not parse request body as JSON: exceeded max depth' });
  });

  it('answers pagination beyond 64 bits and over-long audiences and roles with 400', async () => {
    const big = await authFetch('/admin/users?per_page=18446744073709551616', { token: serviceRoleKey });
    expect(big.status).toBe(400);
    expect(big.body.message).toBe('Bad Pagination Parameters: strconv.ParseUint: parsing "18446744073709551616": value out of range');
    for (const q of ['page=18446744073709551615', 'page=99999999999999999&per_page=99999999999999999']) {
      const res = await authFetch(`/admin/users?${q}`, { token: serviceRoleKey });
      expect(res.status).toBe(200);
      expect(res.body.users).toEqual([]);
    }
    expect((await authFetch('/admin/users?per_page=9223372036854775807', { token: serviceRoleKey })).status).toBe(200);
    const long = 'x'.repeat(256);
    expect((await authFetch('/admin/users', { token: serviceRoleKey, body: { email: uniqueEmail(), aud: long } })).status).toBe(400);
    expect((await authFetch('/admin/users', { token: serviceRoleKey, body: { email: uniqueEmail(), role: long } })).status).toBe(400);
    expect((await authFetch('/signup', { headers: { 'x-jwt-aud': long }, body: { email: uniqueEmail(), password: 'correct-horse-1' } })).status).toBe(400);
    const ban = await authFetch('/admin/users', { token: serviceRoleKey, body: { email: uniqueEmail(), ban_duration: '9999999999999h' } });
    expect(ban.status).toBe(400);
    expect(ban.body.message).toBe('invalid format for ban duration: time: invalid duration "9999999999999h"');
  });
});

describe('password guessing', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({
      auth: { clientAddressHeader: 'X-Forwarded-For', rateLimit: { burst: 2, tokenRefresh: 2, signInSignUps: 10_000, signInFailuresPerAccount: 3, windowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const signIn = (email: string, password: string, from: string) =>
    authFetch('/token?grant_type=password', { base: stack.url, headers: { 'x-forwarded-for': `${from}, 10.0.0.1` }, body: { email, password } });

  it('limits failed sign-ins per account, whatever the address, before checking the password', async () => {
    const { email, password } = await signUpUser(stack.url);
    for (let i = 0; i < 3; i++) expect((await signIn(email, 'wrong-horse-1', `192.0.2.${i}`)).status).toBe(400);
    const refused = await signIn(email, password, '192.0.2.50');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 'over_request_rate_limit', message: 'Too many failed sign-in attempts for this account, please try again later' });
    // Other accounts, and unknown addresses, are unaffected.
    const other = await signUpUser(stack.url);
    expect((await signIn(other.email, other.password, '192.0.2.51')).status).toBe(200);
    expect((await signIn(uniqueEmail('nobody'), 'x', '192.0.2.52')).status).toBe(400);
  });

  it('counts concurrent guesses too', async () => {
    const { email } = await signUpUser(stack.url);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(email, 'wrong-horse-1', `192.0.2.${100 + i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([400, 400, 400, 429, 429, 429]);
  });

  it('a successful sign-in clears the account’s failures', async () => {
    const { email, password } = await signUpUser(stack.url);
    expect((await signIn(email, 'wrong-horse-1', '198.51.100.1')).status).toBe(400);
    expect((await signIn(email, 'wrong-horse-1', '198.51.100.2')).status).toBe(400);
    expect((await signIn(email, password, '198.51.100.3')).status).toBe(200);
    expect((await signIn(email, 'wrong-horse-1', '198.51.100.4')).status).toBe(400);
    expect((await signIn(email, 'wrong-horse-1', '198.51.100.5')).status).toBe(400);
    expect((await signIn(email, password, '198.51.100.6')).status).toBe(200);
  });

  it('keys the per-address limit on the trusted header’s first entry', async () => {
    const { email, password } = await signUpUser(stack.url);
    expect((await signIn(email, password, '203.0.113.7')).status).toBe(200);
    expect((await signIn(email, password, '203.0.113.7')).status).toBe(200);
    const limited = await signIn(email, password, '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    // Another client behind the same proxy keeps its own allowance.
    expect((await signIn(email, password, '203.0.113.8')).status).toBe(200);
    // The session records the forwarded address.
    const { rows } = await stack.db.query<{ ip: string }>(
      `select host(s.ip) as ip from auth.sessions s join auth.users u on u.id = s.user_id where u.email = $1 order by s.created_at desc limit 1`,
      [email],
    );
    expect(rows[0]?.ip).toBe('203.0.113.8');
  });
});

describe('without a trusted client-address header', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { rateLimit: { burst: 2, tokenRefresh: 2, signInSignUps: 10_000, windowMs: 60_000 } } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('ignores X-Forwarded-For, so a client cannot pick a fresh allowance for each request', async () => {
    const { email, password } = await signUpUser(stack.url);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await authFetch('/token?grant_type=password', { base: stack.url, headers: { 'x-forwarded-for': `192.0.2.${i}` }, body: { email, password } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
