import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../src/stack.ts';
import { client, serviceRoleKey } from './env.ts';
import { authFetch, clientFor, privateStack, signUpUser, uniqueEmail } from './auth-helpers.ts';

function expectError(res: Awaited<ReturnType<typeof authFetch>>, status: number, code: string, message: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ code, message });
  expect(res.headers.get('x-sb-error-code')).toBe(code);
  expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
  expect(res.headers.get('content-type')).toBe('application/json');
}

describe('error codes with X-Supabase-Api-Version: 2024-01-01', () => {
  it('sign-up validation', async () => {
    expectError(await authFetch('/signup', { body: { email: 'not-an-email', password: 'correct-horse-1' } }), 400, 'validation_failed', 'Unable to validate email address: invalid format');
    expectError(await authFetch('/signup', { body: { email: uniqueEmail() } }), 400, 'validation_failed', 'Signup requires a valid password');
    expectError(
      await authFetch('/signup', { body: { email: uniqueEmail(), phone: '15550001111', password: 'correct-horse-1' } }),
      400,
      'validation_failed',
      'Only an email address or phone number should be provided on signup.',
    );
    expectError(
      await authFetch('/signup', { body: { email: uniqueEmail(), password: 'x'.repeat(73) } }),
      400,
      'validation_failed',
      'Password cannot be longer than 72 characters',
    );
    const weak = await authFetch('/signup', { body: { email: uniqueEmail(), password: '12345' } });
    expect(weak.status).toBe(422);
    expect(weak.body).toEqual({ code: 'weak_password', message: 'Password should be at least 6 characters.', weak_password: { reasons: ['length'] } });
    expect(weak.headers.get('x-sb-error-code')).toBe('weak_password');
  });

  it('auth-js surfaces weak_password and user_already_exists as typed errors', async () => {
    const { error: weak } = await client().auth.signUp({ email: uniqueEmail(), password: '12345' });
    expect(weak).toMatchObject({ name: 'AuthWeakPasswordError', status: 422, code: 'weak_password', reasons: ['length'] });
    const email = uniqueEmail();
    await client().auth.signUp({ email, password: 'correct-horse-1' });
    const { data, error } = await client().auth.signUp({ email: email.toUpperCase(), password: 'other-horse-2' });
    expect(error).toMatchObject({ name: 'AuthApiError', status: 422, code: 'user_already_exists', message: 'User already registered' });
    expect(data).toEqual({ user: null, session: null });
  });

  it('password sign-in', async () => {
    const { email } = await signUpUser(undefined, uniqueEmail(), 'correct-horse-1');
    expectError(await authFetch('/token?grant_type=password', { body: { email, password: 'wrong-horse-1' } }), 400, 'invalid_credentials', 'Invalid login credentials');
    expectError(
      await authFetch('/token?grant_type=password', { body: { email: uniqueEmail('nobody'), password: 'correct-horse-1' } }),
      400,
      'invalid_credentials',
      'Invalid login credentials',
    );
    expectError(await authFetch('/token?grant_type=password', { body: { password: 'x' } }), 400, 'validation_failed', 'missing email or phone');
    expectError(await authFetch('/token?grant_type=magic', { body: {} }), 400, 'invalid_credentials', 'unsupported_grant_type');
    const { error } = await client().auth.signInWithPassword({ email, password: 'wrong-horse-1' });
    expect(error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('bad JSON and wrongly typed fields', async () => {
    const broken = await authFetch('/signup', { rawBody: '{"email": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('bad_json');
    expect(broken.body.message).toMatch(/^Could not parse request body as JSON: /);
    expectError(await authFetch('/signup', { rawBody: '' }), 400, 'bad_json', 'Could not parse request body as JSON: unexpected end of JSON input');
    expectError(
      await authFetch('/signup', { body: { email: 42, password: 'correct-horse-1' } }),
      400,
      'bad_json',
      'Could not parse request body as JSON: json: cannot unmarshal number into Go struct field SignupParams.email of type string',
    );
    expectError(
      await authFetch('/token?grant_type=password', { body: [1] }),
      400,
      'bad_json',
      'Could not parse request body as JSON: json: cannot unmarshal array into Go value of type api.PasswordGrantParams',
    );
  });

  it('bearer problems on /user and /logout', async () => {
    for (const [method, path] of [['GET', '/user'], ['POST', '/logout']] as const) {
      // The gateway supplies the anon key as bearer when none is sent; it has no `sub`.
      expectError(await authFetch(path, { method }), 403, 'bad_jwt', 'invalid claim: missing sub claim');
      expectError(
        await authFetch(path, { method, headers: { authorization: 'Token abc' } }),
        401,
        'no_authorization',
        'This endpoint requires a valid Bearer token',
      );
      expectError(
        await authFetch(path, { method, token: 'not.a.jwt.at-all' }),
        403,
        'bad_jwt',
        'invalid JWT: unable to parse or verify signature, token is malformed: token contains an invalid number of segments',
      );
    }
  });

  it('answers unknown paths with a JSON 404 auth-js can read, and wrong methods with 405', async () => {
    const missing = await authFetch('/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'not_found', message: 'Not Found' });
    expect((await authFetch('/admin/nothing', { token: serviceRoleKey })).body).toEqual({ code: 'not_found', message: 'Not Found' });
    const legacy = await authFetch('/does-not-exist', { version: null });
    expect(legacy.body).toEqual({ code: 404, error_code: 'not_found', msg: 'Not Found' });
    const wrongMethod = await authFetch('/signup', { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('features that are off answer as GoTrue does when they are off', async () => {
    const idToken = await clientFor().auth.signInWithIdToken({ provider: 'google', token: 'not-a-real-id-token' });
    expect(idToken.error).toMatchObject({ status: 400, code: 'provider_disabled', message: 'Provider (issuer "https://accounts.google.com") is not enabled' });
    expect((await authFetch('/token?grant_type=id_token', { body: { provider: 'google' } })).body).toEqual({
      error: 'invalid request',
      error_description: 'id_token required',
    });
    expectError(await authFetch('/token?grant_type=web3', { body: { chain: 'solana' } }), 422, 'web3_provider_disabled', 'Web3 provider is disabled');

    const sso = await clientFor().auth.signInWithSSO({ domain: 'example.com' });
    expect(sso.error).toMatchObject({ status: 404, code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });
    expectError(await authFetch('/sso/saml/metadata'), 404, 'saml_provider_disabled', 'SAML 2.0 is disabled');

    // Manual linking: a signed-in user is told it is off; without a session, the bearer comes first.
    const { session } = await signUpUser();
    const signedIn = clientFor();
    await signedIn.auth.setSession(session);
    const { error: linkError } = await signedIn.auth.linkIdentity({ provider: 'github' });
    expect(linkError).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' });
    const identities = (await signedIn.auth.getUserIdentities()).data!.identities;
    const { error: unlinkError } = await signedIn.auth.unlinkIdentity(identities[0]!);
    expect(unlinkError).toMatchObject({ status: 404, code: 'manual_linking_disabled' });
    expect((await authFetch('/user/identities/authorize?provider=github')).body.code).toBe('bad_jwt');
  });
});

describe('legacy error shape without the API version header', () => {
  it('uses {code: <http status>, error_code, msg} and no version header', async () => {
    const res = await authFetch('/token?grant_type=password', { version: null, body: { email: uniqueEmail('nobody'), password: 'correct-horse-1' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
    expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
    expect(res.headers.get('x-supabase-api-version')).toBeNull();

    const weak = await authFetch('/signup', { version: null, body: { email: uniqueEmail(), password: '123' } });
    expect(weak.body).toEqual({ code: 422, error_code: 'weak_password', msg: 'Password should be at least 6 characters.', weak_password: { reasons: ['length'] } });

    const old = await authFetch('/user', { version: '2023-05-01', headers: { authorization: 'Token abc' } });
    expect(old.body).toEqual({ code: 401, error_code: 'no_authorization', msg: 'This endpoint requires a valid Bearer token' });
  });
});

describe('with sign-ups disabled', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { disableSignup: true, anonymousSignIns: true } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses email and anonymous sign-ups with signup_disabled', async () => {
    expectError(await authFetch('/signup', { base: stack.url, body: { email: uniqueEmail(), password: 'correct-horse-1' } }), 422, 'signup_disabled', 'Signups not allowed for this instance');
    const { error } = await clientFor(stack.url).auth.signInAnonymously();
    expect(error).toMatchObject({ status: 422, code: 'signup_disabled' });
    expect((await authFetch('/settings', { base: stack.url })).body.disable_signup).toBe(true);
  });
});

describe('with email confirmations on (autoconfirm off)', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    // An hour between emails, so "again within the interval" holds however slow the machine is.
    stack = await privateStack({ auth: { autoconfirm: false, email: { maxFrequencySec: 3600 } } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('signs up without a session, refuses password sign-in until confirmed, and hides repeat sign-ups', async () => {
    const email = uniqueEmail();
    const supabase = clientFor(stack.url);
    const { data, error } = await supabase.auth.signUp({ email, password: 'correct-horse-1', options: { data: { a: 1 } } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user).toMatchObject({ email, role: 'authenticated', is_anonymous: false });
    expect(data.user!.confirmation_sent_at).toBeTruthy();
    expect(data.user).not.toHaveProperty('email_confirmed_at');
    expect(data.user!.user_metadata).toMatchObject({ a: 1, email_verified: false });

    const login = await authFetch('/token?grant_type=password', { base: stack.url, body: { email, password: 'correct-horse-1' } });
    expectError(login, 400, 'email_not_confirmed', 'Email not confirmed');

    // Asking again within the sending interval is rate limited like GoTrue's mailer.
    const again = await authFetch('/signup', { base: stack.url, body: { email, password: 'correct-horse-1' } });
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('over_email_send_rate_limit');

    // Once confirmed (here by the admin API), a repeat sign-up answers with a made-up user.
    const { data: list } = await clientFor(stack.url, stack.config.serviceRoleKey).auth.admin.listUsers();
    const id = list.users.find((u) => u.email === email)!.id;
    await clientFor(stack.url, stack.config.serviceRoleKey).auth.admin.updateUserById(id, { email_confirm: true });
    const repeat = await authFetch('/signup', { base: stack.url, body: { email, password: 'correct-horse-1' } });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).not.toBe(id);
    expect(repeat.body.email).toBe(email);
    expect(repeat.body.identities).toEqual([]);
    expect((await authFetch('/token?grant_type=password', { base: stack.url, body: { email, password: 'correct-horse-1' } })).status).toBe(200);
  });
});

describe('/token rate limit', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { rateLimit: { tokenRefresh: 3, burst: 3, signInSignUps: 10_000, windowMs: 60_000 } } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 over_request_rate_limit once a client IP has used up its requests', async () => {
    const { email, password } = await signUpUser(stack.url);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await authFetch('/token?grant_type=password', { base: stack.url, body: { email, password: i === 1 ? 'wrong-horse' : password } })).status);
    }
    expect(statuses).toEqual([200, 400, 200]);
    const limited = await authFetch('/token?grant_type=refresh_token', { base: stack.url, body: { refresh_token: 'aaaaaaaaaaaa' } });
    expectError(limited, 429, 'over_request_rate_limit', 'Request rate limit reached');
    const { error } = await clientFor(stack.url).auth.signInWithPassword({ email, password });
    expect(error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
    // Other endpoints are not limited.
    expect((await authFetch('/settings', { base: stack.url })).status).toBe(200);
  });
});
