/**
 * POST /admin/generate_link (service key): GoTrue's adminGenerateLink. Makes the same token an
 * email would carry and answers with it instead of sending anything: the user (created for
 * `signup`, `invite` and an unknown address's `magiclink`) plus `action_link`, `email_otp`,
 * `hashed_token`, `verification_type` and `redirect_to`.
 */
import { randomBytes } from 'node:crypto';
import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { adminActor } from './admin.ts';
import { audit } from './audit.ts';
import { type AuthDeps, DEFAULT_ROLE, requestAud, requestIp } from './context.ts';
import { badRequest, jsonResponse, notFound, unprocessable } from './errors.ts';
import { DUPLICATE_EMAIL } from './invite.ts';
import { verifyLink } from './mailer.ts';
import { newOtp, saveToken, tokenHash } from './one-time-tokens.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { isRedirectAllowed, referrer } from './redirect.ts';
import type { BearerClaims } from './tokens.ts';
import { findDuplicateEmail, findUserByEmail, findUserById, insertEmailUser, type LoadedUser, loadedUserJson, updateUserMetadata } from './users.ts';
import { generateLinkBody, parseBody, validateEmail } from './validation.ts';

type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change_current' | 'email_change_new';
const LINK_TYPES = new Set<string>(['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new']);

export async function generateLink(deps: AuthDeps, req: HttpRequest, claims: BearerClaims): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  const body = parseBody(req, generateLinkBody);
  const email = validateEmail(body.email ?? '');
  const requested = body.redirect_to ?? '';
  const redirectTo = isRedirectAllowed(config.auth, requested) ? requested : referrer(config.auth, req);
  const aud = requestAud(req, claims);
  const data = body.data ?? {};
  const existing = await findUserByEmail(db, email, aud);

  let type = body.type ?? '';
  let password = body.password ?? '';
  if (!existing) {
    if (type === 'magiclink') {
      // An unknown address's magic link signs it up, with a password nobody knows.
      type = 'signup';
      password = randomBytes(48).toString('base64url');
    } else if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
      throw notFound('user_not_found', 'User with this email not found');
    }
  }
  if (!LINK_TYPES.has(type)) throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`);
  const linkType = type as LinkType;

  let passwordHash = '';
  if (linkType === 'signup' && !existing) {
    // GoTrue's validateSignupParams; hashing is slow, so it happens before the transaction.
    if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
    checkPasswordStrength(password, config.auth.minPasswordLength);
    passwordHash = await hashPassword(password);
  }
  let newEmail = '';
  if (linkType === 'email_change_current' || linkType === 'email_change_new') {
    if (linkType === 'email_change_current' && !config.auth.email.doubleConfirmChanges) {
      throw badRequest('validation_failed', 'Enable secure email change to generate link for current email');
    }
    newEmail = validateEmail(body.new_email ?? '');
  }

  const otp = newOtp(config.auth.email.otpLength);
  const hashed = tokenHash(email, otp);
  let linkHash = hashed;
  const ip = requestIp(deps, req);

  const user: LoadedUser = await db.transaction(async (tx) => {
    let userId = existing?.row.id;
    switch (linkType) {
      case 'magiclink':
      case 'recovery':
        await audit(tx, { id: userId!, email }, 'user_recovery_requested', ip);
        await saveToken(tx, userId!, 'recovery_token', hashed, email, 'recovery_sent_at');
        break;
      case 'invite':
        if (existing?.row.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
        userId ??= await insertEmailUser(tx, { aud, email, passwordHash: '', data, role: DEFAULT_ROLE });
        await audit(tx, adminActor(claims), 'user_invited', ip, { user_id: userId, user_email: email });
        await saveToken(tx, userId, 'confirmation_token', hashed, email, 'confirmation_sent_at');
        await tx.query('update auth.users set invited_at = now() where id = $1', [userId]);
        break;
      case 'signup':
        if (existing) {
          if (existing.row.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
          await updateUserMetadata(tx, existing.row.id, data);
        } else {
          userId = await insertEmailUser(tx, { aud, email, passwordHash, data, role: DEFAULT_ROLE });
        }
        await saveToken(tx, userId!, 'confirmation_token', hashed, email, 'confirmation_sent_at');
        break;
      case 'email_change_current':
      case 'email_change_new': {
        if (await findDuplicateEmail(tx, newEmail, aud, userId)) throw unprocessable('email_exists', DUPLICATE_EMAIL);
        await tx.query(
          'update auth.users set email_change = $2, email_change_confirm_status = 0, email_change_sent_at = now(), updated_at = now() where id = $1',
          [userId, newEmail],
        );
        if (linkType === 'email_change_current') {
          await saveToken(tx, userId!, 'email_change_token_current', hashed, email);
        } else {
          linkHash = tokenHash(newEmail, otp);
          await saveToken(tx, userId!, 'email_change_token_new', linkHash, newEmail);
        }
        break;
      }
    }
    return (await findUserById(tx, userId!))!;
  });

  const verifyType = linkType === 'email_change_current' || linkType === 'email_change_new' ? 'email_change' : linkType;
  return jsonResponse(200, {
    ...loadedUserJson(user),
    action_link: verifyLink(deps, linkHash, verifyType, redirectTo),
    email_otp: otp,
    hashed_token: linkHash,
    verification_type: linkType,
    redirect_to: redirectTo,
  });
}
