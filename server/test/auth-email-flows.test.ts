import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import WebSocket from 'ws';
import type { RunningStack } from '../src/stack.ts';
import { anonKey } from './env.ts';
import { authFetch, clientFor, codeIn, follow, latestMail, linkIn, mailsTo, privateStack, signUpUser, uniqueEmail } from './auth-helpers.ts';

const SITE = 'http://127.0.0.1:3000';

/** A stack that asks for email confirmation, as `enable_confirmations = true` does. */
function confirmingStack(extra: Parameters<typeof privateStack>[0] = {}) {
  return privateStack({ ...extra, auth: { autoconfirm: false, email: { maxFrequencySec: 0 }, ...extra.auth } });
}

function pkceClient(url: string): SupabaseClient {
  return createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType: 'pkce' },
    realtime: { transport: WebSocket as never },
  });
}

describe('sign-up with confirmation', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await confirmingStack();
  });
  afterAll(() => stack?.stop());
  const mail = (to: string, after?: string[]) => latestMail(to, { base: stack.mail.url, after });

  it('signUp answers without a session, mails a link that confirms and signs in once', async () => {
    const supabase = clientFor(stack.url);
    const email = uniqueEmail('confirm');
    const { data, error } = await supabase.auth.signUp({ email, password: 'correct-horse-1', options: { emailRedirectTo: `${SITE}/confirmed` } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user?.email_confirmed_at).toBeUndefined();
    expect(data.user?.confirmation_sent_at).toBeTruthy();

    const refused = await supabase.auth.signInWithPassword({ email, password: 'correct-horse-1' });
    expect(refused.error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' });

    const message = await mail(email);
    expect(message.Subject).toBe('Confirm your email address');
    const link = linkIn(message);
    expect(new URL(link).searchParams.get('type')).toBe('signup');
    const landed = await follow(link);
    expect(landed.location.startsWith(`${SITE}/confirmed#access_token=`)).toBe(true);
    expect(landed.fragment.get('type')).toBe('signup');
    expect((await follow(link)).fragment.get('error_code')).toBe('otp_expired');
    expect((await supabase.auth.signInWithPassword({ email, password: 'correct-horse-1' })).error).toBeNull();
  });

  it('verifyOtp takes the emailed code (type email or signup) or the link’s token hash', async () => {
    const supabase = clientFor(stack.url);
    const a = uniqueEmail('code');
    await supabase.auth.signUp({ email: a, password: 'correct-horse-1' });
    const byCode = await supabase.auth.verifyOtp({ email: a, token: codeIn(await mail(a)), type: 'email' });
    expect(byCode.error).toBeNull();
    expect(byCode.data.user?.email_confirmed_at).toBeTruthy();

    const b = uniqueEmail('hash');
    await supabase.auth.signUp({ email: b, password: 'correct-horse-1' });
    const tokenHash = new URL(linkIn(await mail(b))).searchParams.get('token')!;
    const byHash = await clientFor(stack.url).auth.verifyOtp({ token_hash: tokenHash, type: 'signup' });
    expect(byHash.error).toBeNull();
    expect(byHash.data.session?.user.email).toBe(b);

    const wrong = await supabase.auth.verifyOtp({ email: b, token: '000000', type: 'signup' });
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('resend mails a fresh confirmation and retires the previous code; confirmed users get nothing', async () => {
    const supabase = clientFor(stack.url);
    const email = uniqueEmail('resend');
    await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    const first = await mail(email);
    expect((await supabase.auth.resend({ type: 'signup', email })).error).toBeNull();
    const second = await mail(email, [first.ID]);
    expect(second.Subject).toBe('Confirm your email address');
    expect((await supabase.auth.verifyOtp({ email, token: codeIn(first), type: 'signup' })).error?.code).toBe('otp_expired');
    expect((await supabase.auth.verifyOtp({ email, token: codeIn(second), type: 'signup' })).error).toBeNull();
    expect((await supabase.auth.resend({ type: 'signup', email })).error).toBeNull();
    expect(await mailsTo(email, stack.mail.url)).toHaveLength(2);
    expect((await supabase.auth.resend({ type: 'signup', email: uniqueEmail('nobody') })).error).toBeNull();
    const bad = await authFetch('/resend', { base: stack.url, body: { type: 'magic', email } });
    expect(bad.body).toEqual({ code: 'validation_failed', message: 'Missing one of these types: signup, email_change, sms, phone_change' });
  });

  it('signInWithOtp for a new address sends the confirmation, which signs in', async () => {
    const supabase = clientFor(stack.url);
    const email = uniqueEmail('otp-new');
    expect((await supabase.auth.signInWithOtp({ email })).error).toBeNull();
    const message = await mail(email);
    expect(message.Subject).toBe('Confirm your email address');
    const { data, error } = await supabase.auth.verifyOtp({ email, token: codeIn(message), type: 'email' });
    expect(error).toBeNull();
    expect(data.session).toBeTruthy();
  });
});

describe('magic links and email codes', () => {
  it('signInWithOtp mails a link and a code; each signs in once', async () => {
    const { email } = await signUpUser();
    const supabase = clientFor();
    expect((await supabase.auth.signInWithOtp({ email, options: { emailRedirectTo: `${SITE}/in` } })).error).toBeNull();
    const message = await latestMail(email);
    expect(message.Subject).toBe('Your sign-in link');
    const landed = await follow(linkIn(message));
    expect(landed.location.startsWith(`${SITE}/in#`)).toBe(true);
    expect(landed.fragment.get('type')).toBe('magiclink');
    expect(decodeJwt(landed.fragment.get('access_token')!).amr).toEqual([expect.objectContaining({ method: 'otp' })]);
    // The code was sent with the same link and went with it.
    expect((await supabase.auth.verifyOtp({ email, token: codeIn(message), type: 'email' })).error?.code).toBe('otp_expired');
  });

  describe('with a sending interval of a minute', () => {
    // Started in a hook: a stack of its own can take long to start on a busy machine.
    let stack: RunningStack;
    beforeAll(async () => {
      stack = await privateStack({ auth: { email: { maxFrequencySec: 60 } } });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('a second request within the sending interval is refused with 429', async () => {
      const { email } = await signUpUser(stack.url);
      const supabase = clientFor(stack.url);
      expect((await supabase.auth.signInWithOtp({ email })).error).toBeNull();
      const again = await supabase.auth.signInWithOtp({ email });
      expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
      expect(again.error?.message).toMatch(/^For security purposes, you can only request this after (59|60) seconds\.$/);
    });
  });

  it('verifyOtp({ type: "email" }) signs in with the code; shouldCreateUser false refuses unknown addresses', async () => {
    const { email } = await signUpUser();
    const supabase = clientFor();
    await supabase.auth.signInWithOtp({ email });
    const { data, error } = await supabase.auth.verifyOtp({ email, token: codeIn(await latestMail(email)), type: 'email' });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    const unknown = await supabase.auth.signInWithOtp({ email: uniqueEmail('nobody'), options: { shouldCreateUser: false } });
    expect(unknown.error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' });
  });

  it('signInWithOtp for a new address under autoconfirm creates the user and mails a sign-in link', async () => {
    const email = uniqueEmail('otp-auto');
    expect((await clientFor().auth.signInWithOtp({ email, options: { data: { display_name: 'Wen' } } })).error).toBeNull();
    const { data } = await clientFor().auth.verifyOtp({ email, token: codeIn(await latestMail(email)), type: 'email' });
    expect(data.user).toMatchObject({ email, user_metadata: expect.objectContaining({ display_name: 'Wen' }) });
  });
});

describe('password recovery', () => {
  it('resetPasswordForEmail mails a link into a recovery session, where updateUser sets the new password', async () => {
    const { email, password } = await signUpUser();
    const supabase = clientFor();
    expect((await supabase.auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/reset` })).error).toBeNull();
    const message = await latestMail(email);
    expect(message.Subject).toBe('Reset your password');
    const landed = await follow(linkIn(message));
    expect(landed.fragment.get('type')).toBe('recovery');
    expect(landed.location.startsWith(`${SITE}/reset#`)).toBe(true);
    await supabase.auth.setSession({ access_token: landed.fragment.get('access_token')!, refresh_token: landed.fragment.get('refresh_token')! });
    expect((await supabase.auth.updateUser({ password: 'new-horse-22' })).error).toBeNull();
    expect((await clientFor().auth.signInWithPassword({ email, password })).error?.code).toBe('invalid_credentials');
    expect((await clientFor().auth.signInWithPassword({ email, password: 'new-horse-22' })).error).toBeNull();
  });

  it('answers an unknown address the same way and mails nothing', async () => {
    const nobody = uniqueEmail('nobody');
    expect((await clientFor().auth.resetPasswordForEmail(nobody)).error).toBeNull();
    expect(await mailsTo(nobody)).toEqual([]);
  });

  it('the code works too: verifyOtp({ type: "recovery" })', async () => {
    const { email } = await signUpUser();
    await clientFor().auth.resetPasswordForEmail(email);
    const { data, error } = await clientFor().auth.verifyOtp({ email, token: codeIn(await latestMail(email)), type: 'recovery' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
  });
});

describe('email change', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await confirmingStack();
  });
  afterAll(() => stack?.stop());

  async function confirmedUser() {
    const supabase = clientFor(stack.url);
    const email = uniqueEmail('old');
    await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    await supabase.auth.verifyOtp({ email, token: codeIn(await latestMail(email, { base: stack.mail.url })), type: 'email' });
    return { supabase, email };
  }

  it('needs both the old and the new address to confirm (double confirmation)', async () => {
    const { supabase, email } = await confirmedUser();
    const seen = (await mailsTo(email, stack.mail.url)).map((m) => m.ID);
    const newEmail = uniqueEmail('new');
    const { data, error } = await supabase.auth.updateUser({ email: newEmail }, { emailRedirectTo: `${SITE}/changed` });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, new_email: newEmail });

    const toNew = await latestMail(newEmail, { base: stack.mail.url });
    const toOld = await latestMail(email, { base: stack.mail.url, after: seen });
    expect(toNew.Subject).toBe('Confirm your new email address');
    expect(toOld.Text).toContain(newEmail);

    const first = await follow(linkIn(toOld));
    expect(first.location.startsWith(`${SITE}/changed#message=`)).toBe(true);
    expect(first.fragment.get('message')).toBe('Confirmation link accepted. Please proceed to confirm link sent to the other email');
    expect((await supabase.auth.getUser()).data.user?.email).toBe(email);

    const second = await follow(linkIn(toNew));
    expect(second.fragment.get('type')).toBe('email_change');
    const after = await supabase.auth.getUser();
    expect(after.data.user?.email).toBe(newEmail);
    expect(after.data.user?.new_email).toBeUndefined();
    expect(after.data.user?.identities?.[0]?.identity_data).toMatchObject({ email: newEmail, email_verified: true });
    expect((await clientFor(stack.url).auth.signInWithPassword({ email: newEmail, password: 'correct-horse-1' })).error).toBeNull();
  });

  it('verifyOtp with type email_change takes either code', async () => {
    const { supabase, email } = await confirmedUser();
    const seen = (await mailsTo(email, stack.mail.url)).map((m) => m.ID);
    const newEmail = uniqueEmail('new');
    await supabase.auth.updateUser({ email: newEmail });
    const single = await clientFor(stack.url).auth.verifyOtp({ email, token: codeIn(await latestMail(email, { base: stack.mail.url, after: seen })), type: 'email_change' });
    expect(single.error).toBeNull();
    expect(single.data).toEqual({ user: null, session: null });
    const done = await clientFor(stack.url).auth.verifyOtp({ email: newEmail, token: codeIn(await latestMail(newEmail, { base: stack.mail.url })), type: 'email_change' });
    expect(done.error).toBeNull();
    expect(done.data.user?.email).toBe(newEmail);
  });
});

describe('email change with single confirmation', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await confirmingStack({ auth: { email: { doubleConfirmChanges: false, maxFrequencySec: 0 } } });
  });
  afterAll(() => stack?.stop());

  it('mails only the new address, whose link completes the change', async () => {
    const supabase = clientFor(stack.url);
    const email = uniqueEmail('old');
    await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    await supabase.auth.verifyOtp({ email, token: codeIn(await latestMail(email, { base: stack.mail.url })), type: 'email' });
    const newEmail = uniqueEmail('new');
    await supabase.auth.updateUser({ email: newEmail });
    expect(await mailsTo(email, stack.mail.url)).toHaveLength(1);
    await follow(linkIn(await latestMail(newEmail, { base: stack.mail.url })));
    expect((await supabase.auth.getUser()).data.user?.email).toBe(newEmail);
  });
});

describe('reauthentication for a password change', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { email: { securePasswordChange: true, maxFrequencySec: 0 } } });
  });
  afterAll(() => stack?.stop());

  it('an old session needs the emailed nonce; a fresh one does not', async () => {
    const supabase = clientFor(stack.url);
    const email = uniqueEmail('reauth');
    await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    expect((await supabase.auth.updateUser({ password: 'fresh-horse-2' })).error).toBeNull();

    const { data } = await supabase.auth.getSession();
    await stack.db.query(`update auth.sessions set created_at = now() - interval '2 days' where id = $1`, [decodeJwt(data.session!.access_token).session_id]);
    const refused = await supabase.auth.updateUser({ password: 'third-horse-3' });
    expect(refused.error).toMatchObject({ status: 400, code: 'reauthentication_needed', message: 'Password update requires reauthentication' });

    expect((await supabase.auth.reauthenticate()).error).toBeNull();
    const message = await latestMail(email, { base: stack.mail.url });
    expect(message.Subject).toMatch(/^\d{6} is your verification code$/);
    const nonce = codeIn(message);
    expect((await supabase.auth.updateUser({ password: 'third-horse-3', nonce: '000000' })).error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
    expect((await supabase.auth.updateUser({ password: 'third-horse-3', nonce })).error).toBeNull();
    expect((await supabase.auth.updateUser({ password: 'fourth-horse-4', nonce })).error?.code).toBe('reauthentication_not_valid');
  });
});

describe('PKCE', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await confirmingStack();
  });
  afterAll(() => stack?.stop());

  it('a magic link returns a code that exchangeCodeForSession trades for a session', async () => {
    const seed = clientFor(stack.url);
    const email = uniqueEmail('pkce');
    await seed.auth.signUp({ email, password: 'correct-horse-1' });
    await seed.auth.verifyOtp({ email, token: codeIn(await latestMail(email, { base: stack.mail.url })), type: 'email' });
    const seen = (await mailsTo(email, stack.mail.url)).map((m) => m.ID);

    const supabase = pkceClient(stack.url);
    expect((await supabase.auth.signInWithOtp({ email, options: { emailRedirectTo: `${SITE}/callback` } })).error).toBeNull();
    const link = linkIn(await latestMail(email, { base: stack.mail.url, after: seen }));
    expect(new URL(link).searchParams.get('token')).toMatch(/^pkce_[0-9a-f]{56}$/);
    const landed = await follow(link);
    const code = landed.query.get('code')!;
    expect(landed.location).toBe(`${SITE}/callback?code=${code}`);
    const { data, error } = await supabase.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
    expect(decodeJwt(data.session!.access_token).amr).toEqual([expect.objectContaining({ method: 'magiclink' })]);
    const reused = await pkceClient(stack.url).auth.exchangeCodeForSession(code);
    expect(reused.error).toBeTruthy();
  });

  it('sign-up and recovery run through PKCE too; a wrong verifier is refused', async () => {
    const supabase = pkceClient(stack.url);
    const email = uniqueEmail('pkce-signup');
    expect((await supabase.auth.signUp({ email, password: 'correct-horse-1', options: { emailRedirectTo: `${SITE}/cb` } })).error).toBeNull();
    const signupCode = (await follow(linkIn(await latestMail(email, { base: stack.mail.url })))).query.get('code')!;
    const wrong = await authFetch('/token?grant_type=pkce', { base: stack.url, body: { auth_code: signupCode, code_verifier: 'x'.repeat(43) } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ code: 'bad_code_verifier', message: 'code challenge does not match previously saved code verifier' });
    expect((await supabase.auth.exchangeCodeForSession(signupCode)).data.user?.email_confirmed_at).toBeTruthy();

    const seen = (await mailsTo(email, stack.mail.url)).map((m) => m.ID);
    const recovering = pkceClient(stack.url);
    await recovering.auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/reset` });
    const recoveryCode = (await follow(linkIn(await latestMail(email, { base: stack.mail.url, after: seen })))).query.get('code')!;
    const { data } = await recovering.auth.exchangeCodeForSession(recoveryCode);
    expect(decodeJwt(data.session!.access_token).amr).toEqual([expect.objectContaining({ method: 'recovery' })]);
    expect((await recovering.auth.updateUser({ password: 'reset-horse-9' })).error).toBeNull();

    const missing = await authFetch('/token?grant_type=pkce', { base: stack.url, body: { auth_code: 'nope', code_verifier: 'x'.repeat(43) } });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('flow_state_not_found');
  });
});

describe('redirect targets', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { siteUrl: 'https://duizhao.example.org', additionalRedirectUrls: ['http://localhost:*/**', 'myapp://auth/callback'] } });
  });
  afterAll(() => stack?.stop());

  const redirectOf = async (redirectTo: string) => {
    const { email } = await signUpUser(stack.url);
    await clientFor(stack.url).auth.signInWithOtp({ email, options: { emailRedirectTo: redirectTo } });
    return new URL(linkIn(await latestMail(email, { base: stack.mail.url }))).searchParams.get('redirect_to');
  };

  it('keeps the site’s host and allow-listed patterns, and replaces anything else with the site URL', async () => {
    expect(await redirectOf('https://duizhao.example.org/any/path?x=1')).toBe('https://duizhao.example.org/any/path?x=1');
    expect(await redirectOf('http://localhost:4173/welcome/back')).toBe('http://localhost:4173/welcome/back');
    expect(await redirectOf('myapp://auth/callback')).toBe('myapp://auth/callback');
    expect(await redirectOf('https://evil.example.net/')).toBe('https://duizhao.example.org');
    expect(await redirectOf('http://localhost.evil.net:4173/')).toBe('https://duizhao.example.org');
  });
});
