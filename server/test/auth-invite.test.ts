import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { RunningStack } from '../src/stack.ts';
import { serviceRoleKey, siteUrl } from './env.ts';
import { authFetch, clientFor, codeIn, follow, latestMail, linkIn, mailsTo, privateStack, signUpUser, uniqueEmail } from './auth-helpers.ts';

const SITE = 'http://127.0.0.1:3000';

describe('invitations', () => {
  const admin = () => clientFor(undefined, serviceRoleKey).auth.admin;

  it('inviteUserByEmail creates an unconfirmed user without a password and mails an accept link', async () => {
    const email = uniqueEmail('invitee');
    const { data, error } = await admin().inviteUserByEmail(email, { data: { display_name: 'Lin' }, redirectTo: `${SITE}/welcome` });
    expect(error).toBeNull();
    const user = data.user!;
    expect(user).toMatchObject({ email, role: 'authenticated', user_metadata: { display_name: 'Lin' } });
    expect(user.invited_at).toBeTruthy();
    expect(user.confirmation_sent_at).toBeTruthy();
    expect(user.email_confirmed_at).toBeUndefined();
    expect(user.identities).toHaveLength(1);

    const mail = await latestMail(email);
    expect(mail.Subject).toBe('You have been invited to Duizhao');
    const link = linkIn(mail);
    expect(link).toMatch(/\/auth\/v1\/verify\?token=[0-9a-f]{56}&type=invite&redirect_to=/);

    const accepted = await follow(link);
    expect(accepted.status).toBe(303);
    expect(accepted.location.startsWith(`${SITE}/welcome#`)).toBe(true);
    expect(accepted.fragment.get('type')).toBe('invite');
    expect(accepted.fragment.get('token_type')).toBe('bearer');
    const accessToken = accepted.fragment.get('access_token')!;
    expect(decodeJwt(accessToken)).toMatchObject({ sub: user.id, email, aal: 'aal1', amr: [{ method: 'otp' }] });

    // The invited user is signed in and chooses a password.
    const invitee = clientFor();
    await invitee.auth.setSession({ access_token: accessToken, refresh_token: accepted.fragment.get('refresh_token')! });
    const me = await invitee.auth.getUser();
    expect(me.data.user?.email_confirmed_at).toBeTruthy();
    expect(me.data.user?.user_metadata).toMatchObject({ display_name: 'Lin', email_verified: true });
    expect((await invitee.auth.updateUser({ password: 'chosen-horse-1' })).error).toBeNull();
    const again = await clientFor().auth.signInWithPassword({ email, password: 'chosen-horse-1' });
    expect(again.error).toBeNull();
  });

  it('the link works once', async () => {
    const email = uniqueEmail('invitee');
    await admin().inviteUserByEmail(email, { redirectTo: SITE });
    const link = linkIn(await latestMail(email));
    expect((await follow(link)).fragment.get('access_token')).toBeTruthy();
    const second = await follow(link);
    expect(second.status).toBe(303);
    expect(second.location.startsWith(`${SITE}#`)).toBe(true);
    expect(Object.fromEntries(second.fragment)).toEqual({ error: 'access_denied', error_code: 'otp_expired', error_description: 'Email link is invalid or has expired' });
  });

  it('the emailed code signs in through verifyOtp({ type: "invite" })', async () => {
    const email = uniqueEmail('invitee');
    await admin().inviteUserByEmail(email);
    const code = codeIn(await latestMail(email));
    const { data, error } = await clientFor().auth.verifyOtp({ email, token: code, type: 'invite' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
    const reused = await clientFor().auth.verifyOtp({ email, token: code, type: 'invite' });
    expect(reused.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('re-invites an unconfirmed user and refuses a confirmed one', async () => {
    const email = uniqueEmail('invitee');
    const first = await admin().inviteUserByEmail(email);
    const second = await admin().inviteUserByEmail(email);
    expect(second.error).toBeNull();
    expect(second.data.user?.id).toBe(first.data.user?.id);
    expect(await mailsTo(email)).toHaveLength(2);
    // The first link died with the second invitation.
    const links = (await mailsTo(email)).map((m) => m.ID);
    const older = await latestMail(email, { after: [links[0]!] });
    expect((await follow(linkIn(older))).fragment.get('error_code')).toBe('otp_expired');

    const { email: registered } = await signUpUser();
    const { error } = await admin().inviteUserByEmail(registered);
    expect(error).toMatchObject({ status: 422, code: 'email_exists', message: 'A user with this email address has already been registered' });
  });

  it('needs the service key, a valid address, and sends users only where the site allows', async () => {
    const anon = await authFetch('/invite', { body: { email: uniqueEmail() } });
    expect(anon.status).toBe(403);
    expect(anon.body).toEqual({ code: 'not_admin', message: 'User not allowed' });
    const bad = await authFetch('/invite', { token: serviceRoleKey, body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');

    const email = uniqueEmail('invitee');
    await admin().inviteUserByEmail(email, { redirectTo: 'https://evil.example.net/steal' });
    const link = new URL(linkIn(await latestMail(email)));
    expect(link.searchParams.get('redirect_to')).toBe(siteUrl());
  });

  it('writes the invitation in Chinese for a user whose locale is zh', async () => {
    const email = uniqueEmail('invitee');
    await admin().inviteUserByEmail(email, { data: { locale: 'zh' } });
    const mail = await latestMail(email);
    expect(mail.Subject).toBe('您已受邀加入对照（Duizhao）');
    expect(mail.HTML).toContain('接受邀请');
    expect(mail.HTML).toContain('lang="zh-CN"');
  });
});

describe('invitation expiry', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { email: { otpExpirySec: 60 } } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('an expired link redirects with otp_expired', async () => {
    const email = uniqueEmail('late');
    const res = await authFetch('/invite', { base: stack.url, token: serviceRoleKey, body: { email } });
    expect(res.status).toBe(200);
    await stack.db.query(`update auth.users set confirmation_sent_at = now() - interval '61 seconds' where email = $1`, [email]);
    const expired = await follow(linkIn(await latestMail(email, { base: stack.mail.url })));
    expect(expired.fragment.get('error_code')).toBe('otp_expired');
    const { rows } = await stack.db.query<{ confirmed: boolean }>('select email_confirmed_at is not null as confirmed from auth.users where email = $1', [email]);
    expect(rows[0]?.confirmed).toBe(false);
  });
});
