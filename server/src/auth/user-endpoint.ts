import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { audit } from './audit.ts';
import { type Authenticated, type AuthDeps, requestIp, requestAud } from './context.ts';
import { AuthHttpError, badRequest, forbidden, jsonResponse, unprocessable } from './errors.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { deleteSessions } from './sessions.ts';
import { sendEmailChange } from './email-actions.ts';
import { deliver, type PendingEmail } from './mailer.ts';
import { clearTokens, newOtp, tokenHash } from './one-time-tokens.ts';
import { createFlowState, pkceParams } from './pkce.ts';
import { changeEmailNow } from './verify.ts';
import {
  findDuplicateEmail,
  findIdentity,
  findUserById,
  identityData,
  insertIdentity,
  loadedUserJson,
  phoneTaken,
  syncProviders,
  updateAppMetadata,
  updateIdentityData,
  updateUserMetadata,
} from './users.ts';
import { parseBody, userUpdateBody, validateEmail, validatePhone } from './validation.ts';

/** GET /user. */
export async function getUser(_deps: AuthDeps, req: HttpRequest, auth: Authenticated): Promise<ApiResponse> {
  const claimed = Array.isArray(auth.claims.aud) ? auth.claims.aud[0] : auth.claims.aud;
  if (typeof claimed !== 'string' || claimed === '' || claimed !== requestAud(req, auth.claims)) {
    throw badRequest('validation_failed', "Token audience doesn't match request audience");
  }
  return jsonResponse(200, loadedUserJson(auth.user));
}

/** PUT /user: GoTrue's UserUpdate for email, password, phone, data and app_metadata. */
export async function updateUser(deps: AuthDeps, req: HttpRequest, auth: Authenticated): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  const body = parseBody(req, userUpdateBody);
  const { row } = auth.user;
  const userId = row.id;
  const aud = requestAud(req, auth.claims);

  const email = body.email ? validateEmail(body.email) : '';
  const phone = body.phone ? validatePhone(body.phone) : '';
  const password = body.password ?? undefined;
  if (password !== undefined) checkPasswordStrength(password, config.auth.minPasswordLength);
  // GoTrue's isAdmin: the user's own role equals GOTRUE_JWT_ADMIN_GROUP_NAME ("admin").
  if (body.app_metadata && row.role !== 'admin') {
    throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
  }
  if (row.is_anonymous && password && email === '' && phone === '') {
    throw unprocessable('validation_failed', 'Updating password of an anonymous user without an email or phone is not allowed');
  }
  const changingEmail = email !== '' && email !== (row.email ?? '');
  const changingPhone = phone !== '' && phone !== (row.phone ?? '');
  if ((password || changingEmail || changingPhone) && auth.user.factors.some((f) => f.status === 'verified')) {
    const { rows } = await db.query<{ aal: string | null }>('select aal from auth.sessions where id = $1', [auth.sessionId ?? null]);
    if (rows[0]?.aal !== 'aal2') {
      throw new AuthHttpError(401, 'insufficient_aal', 'AAL2 session is required to update email or password when MFA is enabled.');
    }
  }
  if (changingEmail && (await findDuplicateEmail(db, email, aud, userId))) {
    throw unprocessable('email_exists', 'A user with this email address has already been registered');
  }
  if (changingPhone && (await phoneTaken(db, phone, aud))) {
    throw unprocessable('phone_exists', 'A user with this phone number has already been registered');
  }
  if (password !== undefined && config.auth.email.securePasswordChange) await checkReauthentication(deps, auth, body.nonce ?? '');
  let passwordHash: string | null | undefined;
  if (password !== undefined) {
    if (password !== '' && row.encrypted_password && (await verifyPassword(password, row.encrypted_password))) {
      throw unprocessable('same_password', 'New password should be different from the old password.');
    }
    passwordHash = password === '' ? null : await hashPassword(password);
  }

  const pkce = changingEmail ? pkceParams(body.code_challenge, body.code_challenge_method) : undefined;
  const ip = requestIp(deps, req);
  const actor = { id: userId, email: row.email, phone: row.phone };
  const pending: PendingEmail[] = [];
  const updated = await db.transaction(async (tx) => {
    if (passwordHash !== undefined) {
      await tx.query(
        `update auth.users set encrypted_password = $2, confirmation_token = '', confirmation_sent_at = null,
           recovery_token = '', recovery_sent_at = null, email_change_token_current = '', email_change_token_new = '',
           email_change_sent_at = null, phone_change_token = '', phone_change_sent_at = null,
           reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
         where id = $1`,
        [userId, passwordHash],
      );
      await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
      // A new password signs the user out everywhere else.
      await deleteSessions(tx, userId, auth.sessionId ? 'others' : 'global', auth.sessionId);
      await audit(tx, actor, 'user_updated_password', ip);
    }
    if (body.data) await updateUserMetadata(tx, userId, body.data);
    if (body.app_metadata) await updateAppMetadata(tx, userId, body.app_metadata);

    if (changingEmail) {
      if (row.is_anonymous && config.auth.autoconfirm) {
        // An anonymous user adding an email under autoconfirm is converted like a sign-up.
        await tx.query('update auth.users set email_change = $2 where id = $1', [userId, email]);
        await changeEmailNow(deps, req, tx, (await findUserById(tx, userId))!);
        await syncProviders(tx, userId);
      } else {
        // A permanent user's new address is confirmed through the emailed link(s).
        if (pkce) await createFlowState(tx, userId, 'email_change', pkce);
        pending.push(...(await sendEmailChange(deps, req, tx, row, email, { pkce: !!pkce })));
      }
    }
    if (changingPhone && config.auth.autoconfirm) {
      await tx.query("update auth.users set phone = $2, phone_change = '', phone_change_token = '', phone_confirmed_at = now(), updated_at = now() where id = $1", [
        userId,
        phone,
      ]);
      const identity = await findIdentity(tx, userId, 'phone');
      if (identity) await updateIdentityData(tx, identity.id, { phone });
      if (row.is_anonymous) {
        await tx.query('update auth.users set is_anonymous = false where id = $1', [userId]);
        if (!identity) await insertIdentity(tx, userId, 'phone', identityData(userId, { phone }, { email: false, phone: true }));
        await syncProviders(tx, userId);
      }
    } else if (changingPhone) {
      await tx.query("update auth.users set phone_change = $2, phone_change_token = $3, phone_change_sent_at = now(), updated_at = now() where id = $1", [
        userId,
        phone,
        tokenHash(phone, newOtp(config.auth.email.otpLength)),
      ]);
    }
    await audit(tx, actor, 'user_modified', ip);
    return (await findUserById(tx, userId))!;
  });
  deliver(deps, pending);
  return jsonResponse(200, loadedUserJson(updated));
}

/**
 * GoTrue's reauthentication check for a password change: not needed within a day of signing in
 * in this session; otherwise the `nonce` must be the code /reauthenticate sent, which it spends.
 */
async function checkReauthentication(deps: AuthDeps, auth: Authenticated, nonce: string): Promise<void> {
  const { db, config } = deps.ctx;
  if (auth.sessionId) {
    const { rows } = await db.query<{ recent: boolean }>("select created_at > now() - interval '24 hours' as recent from auth.sessions where id = $1", [auth.sessionId]);
    if (rows[0]?.recent) return;
  }
  if (nonce === '') throw badRequest('reauthentication_needed', 'Password update requires reauthentication');
  const { row } = auth.user;
  const { rows } = await db.query<{ valid: boolean }>(
    `select reauthentication_token <> '' and reauthentication_token = $2
            and reauthentication_sent_at + make_interval(secs => $3) > now() as valid
       from auth.users where id = $1`,
    [row.id, tokenHash(row.email ?? '', nonce), config.auth.email.otpExpirySec],
  );
  if (!rows[0]?.valid) throw unprocessable('reauthentication_not_valid', 'Nonce has expired or is invalid');
  await clearTokens(db, row.id, 'reauthentication_token');
}

/** POST /logout?scope=global|local|others: 204, sessions deleted with their refresh tokens. */
export async function logout(deps: AuthDeps, req: HttpRequest, auth: Authenticated): Promise<ApiResponse> {
  const raw = req.url.searchParams.get('scope') ?? '';
  if (!['', 'global', 'local', 'others'].includes(raw)) {
    throw badRequest('validation_failed', `Unsupported logout scope ${JSON.stringify(raw)}`);
  }
  const scope = (raw || 'global') as 'global' | 'local' | 'others';
  const { row } = auth.user;
  await deps.ctx.db.transaction(async (tx) => {
    await audit(tx, { id: row.id, email: row.email, phone: row.phone }, 'logout', requestIp(deps, req));
    await deleteSessions(tx, row.id, scope, auth.sessionId);
  });
  return { status: 204, headers: {}, body: null };
}
