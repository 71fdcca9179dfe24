import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { Secret, TOTP } from 'otpauth';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RunningStack } from '../src/stack.ts';
import { authFetch, clientFor, privateStack, uniqueEmail } from './auth-helpers.ts';

/** The code an authenticator app shows for `secret` now. */
const codeFor = (secret: string) => new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();

describe('MFA with TOTP', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({ auth: { rateLimit: { tokenRefresh: 10_000, signInSignUps: 10_000, burst: 10_000 } } });
    // A table only AAL2 sessions may read, as Supabase's MFA guide enforces it.
    await stack.db.exec(`
      create table public.mfa_vault (id int primary key, body text not null);
      alter table public.mfa_vault enable row level security;
      create policy "aal2 reads" on public.mfa_vault for select to authenticated using ((select auth.jwt() ->> 'aal') = 'aal2');
      grant select on public.mfa_vault to authenticated;
      insert into public.mfa_vault values (1, 'second factor required');
    `);
    await stack.reloadSchema();
  });
  afterAll(() => stack?.stop());

  async function userWithClient(): Promise<{ supabase: SupabaseClient; email: string; password: string }> {
    const supabase = clientFor(stack.url);
    const email = uniqueEmail('mfa');
    const { error } = await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    if (error) throw error;
    return { supabase, email, password: 'correct-horse-1' };
  }

  async function enrolled(supabase: SupabaseClient) {
    const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone app' });
    if (error) throw error;
    const verified = await supabase.auth.mfa.challengeAndVerify({ factorId: data.id, code: codeFor(data.totp.secret) });
    if (verified.error) throw verified.error;
    return { factorId: data.id, secret: data.totp.secret };
  }

  it('enroll returns the secret, an otpauth URI and a QR code; the factor stays unverified until verified', async () => {
    const { supabase, email } = await userWithClient();
    const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone app', issuer: 'Duizhao' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ type: 'totp', friendly_name: 'Phone app' });
    expect(data!.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(data!.totp.uri).toMatch(new RegExp(`^otpauth://totp/Duizhao:${encodeURIComponent(email)}\\?`));
    expect(data!.totp.uri).toContain(`secret=${data!.totp.secret}`);
    expect(data!.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg/);
    const listed = await supabase.auth.mfa.listFactors();
    expect(listed.data?.all).toEqual([expect.objectContaining({ id: data!.id, status: 'unverified', factor_type: 'totp', friendly_name: 'Phone app' })]);
    expect(listed.data?.totp).toEqual([]);
  });

  it('challenge and verify raise the session to AAL2 with a totp claim; the policy then lets the user read', async () => {
    const { supabase } = await userWithClient();
    expect((await supabase.from('mfa_vault').select('body')).data).toEqual([]);
    const { data: factor } = await supabase.auth.mfa.enroll({ factorType: 'totp' });
    const { data: challenge, error: challengeError } = await supabase.auth.mfa.challenge({ factorId: factor!.id });
    expect(challengeError).toBeNull();
    expect(challenge!.type).toBe('totp');
    expect(challenge!.expires_at).toBeGreaterThan(Date.now() / 1000 + 250);

    const wrong = await supabase.auth.mfa.verify({ factorId: factor!.id, challengeId: challenge!.id, code: '000000' });
    expect(wrong.error).toMatchObject({ status: 422, code: 'mfa_verification_failed', message: 'Invalid TOTP code entered' });

    const { data, error } = await supabase.auth.mfa.verify({ factorId: factor!.id, challengeId: challenge!.id, code: codeFor(factor!.totp.secret) });
    expect(error).toBeNull();
    const claims = decodeJwt(data!.access_token);
    expect(claims.aal).toBe('aal2');
    expect((claims.amr as { method: string }[]).map((a) => a.method)).toEqual(['totp', 'password']);
    expect(await supabase.auth.mfa.getAuthenticatorAssuranceLevel()).toMatchObject({ data: { currentLevel: 'aal2', nextLevel: 'aal2' } });
    expect((await supabase.from('mfa_vault').select('body')).data).toEqual([{ body: 'second factor required' }]);
    expect((await supabase.auth.mfa.listFactors()).data?.totp).toEqual([expect.objectContaining({ id: factor!.id, status: 'verified' })]);

    // A challenge answers once.
    const again = await supabase.auth.mfa.verify({ factorId: factor!.id, challengeId: challenge!.id, code: codeFor(factor!.totp.secret) });
    expect(again.error).toMatchObject({ status: 422, code: 'mfa_ip_address_mismatch' });
  });

  it('a new password sign-in is AAL1 until the second factor; AAL1 sessions end when a factor is first verified', async () => {
    const { supabase, email, password } = await userWithClient();
    const other = clientFor(stack.url);
    await other.auth.signInWithPassword({ email, password });
    const { factorId, secret } = await enrolled(supabase);
    expect((await other.auth.refreshSession()).error).toMatchObject({ code: 'refresh_token_not_found' });

    const later = clientFor(stack.url);
    await later.auth.signInWithPassword({ email, password });
    expect(await later.auth.mfa.getAuthenticatorAssuranceLevel()).toMatchObject({ data: { currentLevel: 'aal1', nextLevel: 'aal2' } });
    expect((await later.from('mfa_vault').select('body')).data).toEqual([]);
    const changed = await later.auth.updateUser({ password: 'other-horse-2' });
    expect(changed.error).toMatchObject({ status: 401, code: 'insufficient_aal', message: 'AAL2 session is required to update email or password when MFA is enabled.' });
    const second = await later.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Backup' });
    expect(second.error).toMatchObject({ status: 403, code: 'insufficient_aal', message: 'AAL2 required to enroll a new factor' });
    const remove = await later.auth.mfa.unenroll({ factorId });
    expect(remove.error).toMatchObject({ status: 422, code: 'insufficient_aal', message: 'AAL2 required to unenroll verified factor' });

    expect((await later.auth.mfa.challengeAndVerify({ factorId, code: codeFor(secret) })).error).toBeNull();
    expect((await later.from('mfa_vault').select('body')).data).toHaveLength(1);
    expect((await later.auth.updateUser({ password: 'other-horse-2' })).error).toBeNull();
  });

  it('unenrolling from an AAL2 session drops the session back to AAL1', async () => {
    const { supabase } = await userWithClient();
    const { factorId } = await enrolled(supabase);
    const { data, error } = await supabase.auth.mfa.unenroll({ factorId });
    expect(error).toBeNull();
    expect(data).toEqual({ id: factorId });
    const { data: refreshed } = await supabase.auth.refreshSession();
    expect(decodeJwt(refreshed.session!.access_token).aal).toBe('aal1');
    expect((await supabase.auth.mfa.listFactors()).data?.all).toEqual([]);
  });

  it('refuses duplicate names, unknown factors and stale challenges', async () => {
    const { supabase } = await userWithClient();
    await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Laptop' });
    const dup = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Laptop' });
    expect(dup.error).toMatchObject({ status: 422, code: 'mfa_factor_name_conflict', message: 'A factor with the friendly name "Laptop" for this user already exists' });
    const unknown = await supabase.auth.mfa.challenge({ factorId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    const badType = await authFetch('/factors', { base: stack.url, token: (await supabase.auth.getSession()).data.session!.access_token, body: { factor_type: 'sms' } });
    expect(badType.body).toEqual({ code: 'validation_failed', message: 'factor_type needs to be totp, phone, or webauthn' });

    const { data: factor } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Tablet' });
    const { data: challenge } = await supabase.auth.mfa.challenge({ factorId: factor!.id });
    await stack.db.query("update auth.mfa_challenges set created_at = now() - interval '10 minutes' where id = $1", [challenge!.id]);
    const stale = await supabase.auth.mfa.verify({ factorId: factor!.id, challengeId: challenge!.id, code: codeFor(factor!.totp.secret) });
    expect(stale.error).toMatchObject({ status: 422, code: 'mfa_challenge_expired' });
  });

  it('admins list and delete a user’s factors', async () => {
    const { supabase } = await userWithClient();
    const { factorId } = await enrolled(supabase);
    const userId = (await supabase.auth.getUser()).data.user!.id;
    const admin = clientFor(stack.url, stack.config.serviceRoleKey).auth.admin.mfa;
    const { data } = await admin.listFactors({ userId });
    expect(data?.factors).toEqual([expect.objectContaining({ id: factorId, status: 'verified', factor_type: 'totp' })]);
    const removed = await admin.deleteFactor({ userId, id: factorId });
    expect(removed.error).toBeNull();
    expect((await admin.listFactors({ userId })).data?.factors).toEqual([]);
  });
});
