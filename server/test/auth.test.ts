import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { RunningStack } from '../src/stack.ts';
import { apiUrl, client } from './env.ts';
import { authFetch, clientFor, privateStack, uniqueEmail } from './auth-helpers.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

describe('sign-up with autoconfirm (the CLI default)', () => {
  it('returns a session whose user has GoTrue’s shape, metadata from `data`, and an email identity', async () => {
    const supabase = client();
    const email = uniqueEmail('MixedCase');
    const { data, error } = await supabase.auth.signUp({ email, password: 'correct-horse-1', options: { data: { display_name: '李白' } } });
    expect(error).toBeNull();
    const session = data.session!;
    expect(session.token_type).toBe('bearer');
    expect(session.expires_in).toBe(3600);
    expect(session.expires_at).toBe(decodeJwt(session.access_token).exp);
    expect(session.refresh_token).toMatch(/^[a-z2-7]{12}$/);

    const user = data.user!;
    expect(user.email).toBe(email.toLowerCase());
    expect(user).toMatchObject({ aud: 'authenticated', role: 'authenticated', phone: '', is_anonymous: false });
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user.user_metadata).toEqual({
      sub: user.id,
      email: email.toLowerCase(),
      email_verified: true,
      phone_verified: false,
      display_name: '李白',
    });
    for (const key of ['email_confirmed_at', 'confirmed_at', 'last_sign_in_at', 'created_at', 'updated_at'] as const) {
      expect(user[key]).toMatch(ISO);
    }
    // omitempty fields GoTrue leaves out when unset
    for (const key of ['invited_at', 'phone_confirmed_at', 'confirmation_sent_at', 'recovery_sent_at', 'new_email', 'email_change_sent_at', 'banned_until', 'factors']) {
      expect(user).not.toHaveProperty(key);
    }
    expect(user.identities).toHaveLength(1);
    const identity = user.identities![0]!;
    expect(identity).toMatchObject({ id: user.id, user_id: user.id, provider: 'email', email: email.toLowerCase() });
    expect(identity.identity_data).toEqual({
      sub: user.id,
      email: email.toLowerCase(),
      email_verified: false,
      phone_verified: false,
      display_name: '李白',
    });
    expect(Object.keys(user)).toEqual([
      'id', 'aud', 'role', 'email', 'email_confirmed_at', 'phone', 'confirmed_at', 'last_sign_in_at',
      'app_metadata', 'user_metadata', 'identities', 'created_at', 'updated_at', 'is_anonymous',
    ]);
  });

  it('signs access tokens with exactly GoTrue’s claims', async () => {
    const supabase = client();
    const email = uniqueEmail();
    const { data } = await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    const token = data.session!.access_token;
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(Object.keys(claims)).toEqual([
      'iss', 'sub', 'aud', 'exp', 'iat', 'email', 'phone', 'app_metadata', 'user_metadata', 'role', 'aal', 'amr', 'session_id', 'is_anonymous',
    ]);
    expect(claims).toMatchObject({
      iss: `${apiUrl()}/auth/v1`,
      sub: data.user!.id,
      aud: 'authenticated',
      email,
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    expect(Math.abs((claims.amr as { timestamp: number }[])[0]!.timestamp - claims.iat!)).toBeLessThan(5);
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('password sign-in, getUser, updateUser', () => {
  it('signs in with the password, case-insensitively on the email, and getUser returns the same user', async () => {
    const email = uniqueEmail();
    const { data: up } = await client().auth.signUp({ email, password: 'correct-horse-1' });
    const supabase = client();
    const { data, error } = await supabase.auth.signInWithPassword({ email: email.toUpperCase(), password: 'correct-horse-1' });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(up.user!.id);
    expect(data.session!.access_token).not.toBe(up.session!.access_token);
    expect(decodeJwt(data.session!.access_token).session_id).not.toBe(decodeJwt(up.session!.access_token).session_id);
    expect(data.weakPassword).toBeUndefined();
    const { data: got, error: getError } = await supabase.auth.getUser();
    expect(getError).toBeNull();
    expect(got.user!.id).toBe(up.user!.id);
    expect(got.user!.identities).toHaveLength(1);
  });

  it('reports a password that no longer meets the minimum as weak_password on sign-in', async () => {
    const email = uniqueEmail();
    // An admin-created user skips the strength rules, as in GoTrue.
    const admin = client((await import('./env.ts')).serviceRoleKey);
    await admin.auth.admin.createUser({ email, password: 'abc', email_confirm: true });
    const { data, error } = await client().auth.signInWithPassword({ email, password: 'abc' });
    expect(error).toBeNull();
    expect(data.weakPassword).toEqual({ message: 'Password should be at least 6 characters.', reasons: ['length'] });
  });

  it('merges `data` into user_metadata (null deletes a key) and changes the password', async () => {
    const email = uniqueEmail();
    const supabase = client();
    await supabase.auth.signUp({ email, password: 'correct-horse-1', options: { data: { a: 1, b: 2 } } });
    const { data, error } = await supabase.auth.updateUser({ data: { b: null, c: '三' } });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toMatchObject({ a: 1, c: '三' });
    expect(data.user!.user_metadata).not.toHaveProperty('b');

    const { error: same } = await supabase.auth.updateUser({ password: 'correct-horse-1' });
    expect(same).toMatchObject({ status: 422, code: 'same_password', message: 'New password should be different from the old password.' });
    const { error: weak } = await supabase.auth.updateUser({ password: 'abc' });
    expect(weak).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });

    expect((await supabase.auth.updateUser({ password: 'battery-staple-2' })).error).toBeNull();
    expect((await client().auth.signInWithPassword({ email, password: 'correct-horse-1' })).error).toMatchObject({ code: 'invalid_credentials' });
    expect((await client().auth.signInWithPassword({ email, password: 'battery-staple-2' })).error).toBeNull();
    // The session that changed the password stays valid.
    expect((await supabase.auth.getUser()).error).toBeNull();
  });

  it('records an email change as pending confirmation for a permanent user', async () => {
    const email = uniqueEmail();
    const next = uniqueEmail('next');
    const supabase = client();
    await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    const { data, error } = await supabase.auth.updateUser({ email: next });
    expect(error).toBeNull();
    expect(data.user!.email).toBe(email);
    expect(data.user!.new_email).toBe(next);
    expect(data.user!.email_change_sent_at).toMatch(ISO);
  });

  it('refuses an email that another user has', async () => {
    const taken = uniqueEmail();
    await client().auth.signUp({ email: taken, password: 'correct-horse-1' });
    const supabase = client();
    await supabase.auth.signUp({ email: uniqueEmail(), password: 'correct-horse-1' });
    const { error } = await supabase.auth.updateUser({ email: taken.toUpperCase() });
    expect(error).toMatchObject({ status: 422, code: 'email_exists', message: 'A user with this email address has already been registered' });
  });

  it('sets a phone number directly under autoconfirm and refuses app_metadata from a non-admin', async () => {
    const supabase = client();
    await supabase.auth.signUp({ email: uniqueEmail(), password: 'correct-horse-1' });
    const phone = `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const { data, error } = await supabase.auth.updateUser({ phone: `+${phone}` });
    expect(error).toBeNull();
    expect(data.user!.phone).toBe(phone);
    expect(data.user!.phone_confirmed_at).toMatch(ISO);
    const res = await authFetch('/user', {
      method: 'PUT',
      token: (await supabase.auth.getSession()).data.session!.access_token,
      body: { app_metadata: { plan: 'pro' } },
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'not_admin', message: 'Updating app_metadata requires admin privileges' });
  });
});

describe('anonymous sign-in', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { anonymousSignIns: true } });
  });
  afterAll(() => stack?.stop());

  it('is off as supabase/config.toml says (enable_anonymous_sign_ins = false)', async () => {
    const { error } = await client().auth.signInAnonymously();
    expect(error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled', message: 'Anonymous sign-ins are disabled' });
  });

  it('creates an anonymous user with a session, and adding an email converts it', async () => {
    const supabase = clientFor(stack.url);
    const { data, error } = await supabase.auth.signInAnonymously({ options: { data: { locale: 'zh' } } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ is_anonymous: true, email: '', phone: '', app_metadata: {}, user_metadata: { locale: 'zh' }, identities: [] });
    const claims = decodeJwt(data.session!.access_token);
    expect(claims).toMatchObject({ is_anonymous: true, role: 'authenticated', amr: [{ method: 'anonymous', timestamp: expect.any(Number) }] });

    const { error: pwError } = await supabase.auth.updateUser({ password: 'correct-horse-1' });
    expect(pwError).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Updating password of an anonymous user without an email or phone is not allowed',
    });

    const email = uniqueEmail('anon');
    const { data: converted, error: convertError } = await supabase.auth.updateUser({ email, password: 'correct-horse-1' });
    expect(convertError).toBeNull();
    expect(converted.user).toMatchObject({ email, is_anonymous: false, app_metadata: { provider: 'email', providers: ['email'] } });
    expect(converted.user!.email_confirmed_at).toMatch(ISO);
    expect((await clientFor(stack.url).auth.signInWithPassword({ email, password: 'correct-horse-1' })).error).toBeNull();
  });
});

describe('settings, jwks, health', () => {
  it('GET /settings reports the providers and confirmation settings', async () => {
    const res = await authFetch('/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      disable_signup: false,
      mailer_autoconfirm: true,
      phone_autoconfirm: true,
      sms_provider: 'twilio',
      saml_enabled: false,
      external: { email: true, phone: false, anonymous_users: false, google: false, github: false },
    });
  });

  it('GET /.well-known/jwks.json has no keys with an HS256 secret, and auth-js getClaims still verifies the token', async () => {
    const res = await authFetch('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ keys: [] });
    expect(res.headers.get('cache-control')).toBe('public, max-age=600');

    const supabase = client();
    const email = uniqueEmail();
    await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    const { data, error } = await supabase.auth.getClaims();
    expect(error).toBeNull();
    expect(data!.claims).toMatchObject({ email, role: 'authenticated' });
  });

  it('GET /health names the service', async () => {
    const res = await authFetch('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' });
  });
});
