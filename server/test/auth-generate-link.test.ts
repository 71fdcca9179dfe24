import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { GenerateLinkParams } from '@supabase/supabase-js';
import { serviceRoleKey, siteUrl } from './env.ts';
import { authFetch, clientFor, follow, mailsTo, signUpUser, uniqueEmail } from './auth-helpers.ts';

const SITE = 'http://127.0.0.1:3000';
const admin = () => clientFor(undefined, serviceRoleKey).auth.admin;

/** generateLink, expected to succeed: the user and the link properties. */
async function generate(params: GenerateLinkParams) {
  const { data, error } = await admin().generateLink(params);
  expect(error).toBeNull();
  return { user: data.user!, properties: data.properties! };
}

describe('admin.generateLink', () => {
  it('signup: creates the user with its metadata and answers with a working link, code and token hash, sending no email', async () => {
    const email = uniqueEmail('linked');
    const { user, properties } = await generate({
      type: 'signup',
      email,
      password: 'correct-horse-1',
      options: { data: { status: 'alpha' }, redirectTo: `${SITE}/welcome` },
    });
    expect(user).toMatchObject({ email, user_metadata: { status: 'alpha' }, role: 'authenticated' });
    expect(user.email_confirmed_at).toBeUndefined();
    expect(properties.verification_type).toBe('signup');
    expect(properties.redirect_to).toBe(`${SITE}/welcome`);
    expect(properties.email_otp).toMatch(/^\d{6}$/);
    expect(properties.hashed_token).toMatch(/^[0-9a-f]{56}$/);
    // As GoTrue writes it: the redirect goes in unescaped when it has no & = or #.
    expect(properties.action_link).toBe(`${new URL('/auth/v1/verify', apiUrlOf(properties.action_link))}?token=${properties.hashed_token}&type=signup&redirect_to=${SITE}/welcome`);
    expect(await mailsTo(email)).toHaveLength(0);

    const followed = await follow(properties.action_link);
    expect(followed.location.startsWith(`${SITE}/welcome#`)).toBe(true);
    expect(decodeJwt(followed.fragment.get('access_token')!)).toMatchObject({ email, sub: user.id });
    // The password given to generateLink is the account's.
    expect((await clientFor().auth.signInWithPassword({ email, password: 'correct-horse-1' })).error).toBeNull();
  });

  it('magiclink: the code signs an existing user in once; an unknown address is signed up instead', async () => {
    const email = uniqueEmail('linked');
    await signUpUser(undefined, email);
    const { properties } = await generate({ type: 'magiclink', email });
    expect(properties.verification_type).toBe('magiclink');
    expect(properties.redirect_to).toBe(siteUrl());
    const signedIn = await clientFor().auth.verifyOtp({ email, token: properties.email_otp, type: 'email' });
    expect(signedIn.error).toBeNull();
    expect(signedIn.data.session?.user.email).toBe(email);
    const again = await clientFor().auth.verifyOtp({ email, token: properties.email_otp, type: 'email' });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired' });

    const stranger = uniqueEmail('linked');
    const created = await generate({ type: 'magiclink', email: stranger });
    expect(created.properties.verification_type).toBe('signup');
    expect(created.user.email).toBe(stranger);
    const confirmed = await clientFor().auth.verifyOtp({ token_hash: created.properties.hashed_token, type: 'signup' });
    expect(confirmed.data.user?.email_confirmed_at).toBeTruthy();
  });

  it('recovery: a recovery session from the token hash; unknown addresses are 404', async () => {
    const email = uniqueEmail('linked');
    await signUpUser(undefined, email);
    const { properties } = await generate({ type: 'recovery', email, options: { redirectTo: `${SITE}/reset` } });
    const recovered = await clientFor().auth.verifyOtp({ token_hash: properties.hashed_token, type: 'recovery' });
    expect(recovered.error).toBeNull();
    expect(decodeJwt(recovered.data.session!.access_token)).toMatchObject({ amr: [{ method: 'otp' }] });

    const missing = await authFetch('/admin/generate_link', { token: serviceRoleKey, body: { type: 'recovery', email: uniqueEmail('nobody') } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'user_not_found', message: 'User with this email not found' });
  });

  it('invite: sets invited_at; a confirmed address cannot be invited', async () => {
    const email = uniqueEmail('linked');
    const { user, properties } = await generate({ type: 'invite', email, options: { data: { team: 'zh' } } });
    expect(user.invited_at).toBeTruthy();
    expect(user.user_metadata).toMatchObject({ team: 'zh' });
    expect(properties.action_link).toContain('&type=invite&');
    expect((await follow(properties.action_link)).fragment.get('type')).toBe('invite');

    const taken = await admin().generateLink({ type: 'invite', email });
    expect(taken.error).toMatchObject({ status: 422, code: 'email_exists' });
    expect(taken.data).toEqual({ properties: null, user: null });
  });

  it('email_change_current and email_change_new: both links together move the address', async () => {
    const email = uniqueEmail('linked');
    const newEmail = uniqueEmail('moved');
    await signUpUser(undefined, email);
    const current = await generate({ type: 'email_change_current', email, newEmail });
    expect(current.user.new_email).toBe(newEmail);
    expect(current.properties.action_link).toMatch(/&type=email_change&/);
    const next = await generate({ type: 'email_change_new', email, newEmail });
    await follow(current.properties.action_link);
    await follow(next.properties.action_link);
    const { data } = await clientFor().auth.signInWithPassword({ email: newEmail, password: 'correct-horse-1' });
    expect(data.user?.email).toBe(newEmail);
  });

  it('refuses bad input and callers without the service key', async () => {
    const bad = (body: unknown) => authFetch('/admin/generate_link', { token: serviceRoleKey, body });
    expect((await bad({ type: 'signup', email: 'xx:;x@x.x', password: 'correct-horse-1' })).body).toEqual({
      code: 'validation_failed',
      message: 'Unable to validate email address: invalid format',
    });
    expect((await bad({ type: 'phone_change', email: uniqueEmail() })).body).toEqual({
      code: 'validation_failed',
      message: 'Invalid email action link type requested: phone_change',
    });
    expect((await bad({ type: 'signup', email: uniqueEmail() })).body).toEqual({ code: 'validation_failed', message: 'Signup requires a valid password' });
    // A redirect outside the allow-list falls back to the site URL.
    const elsewhere = await bad({ type: 'signup', email: uniqueEmail(), password: 'correct-horse-1', redirect_to: 'https://evil.example/' });
    expect(elsewhere.body.redirect_to).toBe(siteUrl());

    const { session } = await signUpUser();
    const user = await authFetch('/admin/generate_link', { token: session.access_token, body: { type: 'signup', email: uniqueEmail(), password: 'correct-horse-1' } });
    expect(user.status).toBe(403);
    expect(user.body.code).toBe('not_admin');
  });
});

/** The API's origin as the action link names it. */
function apiUrlOf(link: string): string {
  return new URL(link).origin;
}
