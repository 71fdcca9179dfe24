import { randomUUID } from 'node:crypto';
import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { audit } from './audit.ts';
import { type AuthDeps, DEFAULT_ROLE, grantParams, rateLimit, requestAud, requestIp, signingConfig } from './context.ts';
import { sendConfirmation } from './email-actions.ts';
import { deliver, type PendingEmail } from './mailer.ts';
import { createFlowState, type PkceParams, pkceParams } from './pkce.ts';
import { badRequest, internal, jsonResponse, unprocessable } from './errors.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { grantSession } from './sessions.ts';
import {
  confirmEmail,
  findDuplicateEmail,
  findIdentity,
  findUserById,
  identityData,
  insertIdentity,
  insertUser,
  type LoadedUser,
  loadedUserJson,
  setRole,
  syncProviders,
  userJson,
} from './users.ts';
import { parseBody, signupBody, validateEmail } from './validation.ts';

class UserExists extends Error {}

/** POST /signup: email sign-up, or an anonymous sign-in when neither email nor phone is given. */
export async function signup(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, signupBody);
  const email = body.email ?? '';
  const phone = body.phone ?? '';
  const { config } = deps.ctx;
  if (email === '' && phone === '') {
    if (!config.auth.anonymousSignIns) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
    rateLimit(deps, req, 'anonymous');
    return signupAnonymously(deps, req, body.data ?? {});
  }
  rateLimit(deps, req, 'signup');
  if (config.auth.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const password = body.password ?? '';
  if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
  checkPasswordStrength(password, config.auth.minPasswordLength);
  if (email !== '' && phone !== '') {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
  }
  const pkce = pkceParams(body.code_challenge, body.code_challenge_method);
  // The Supabase CLI's default config leaves phone sign-ups off ([auth.sms] enable_signup = false).
  if (email === '') throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
  if (!config.auth.email.enableSignup) throw unprocessable('email_provider_disabled', 'Email signups are disabled');
  const outcome = await signUpWithEmail(deps, req, { email: validateEmail(email), password, data: body.data ?? {}, pkce });
  return jsonResponse(200, outcome);
}

export interface EmailSignup {
  /** Already validated and lower-cased. */
  email: string;
  password: string;
  data: Record<string, unknown>;
  pkce: PkceParams | undefined;
}

/**
 * GoTrue's Signup for an email address: a new user, or an unconfirmed one again; confirmed at once
 * (autoconfirm, answered with a session) or sent a confirmation email (answered with the user).
 */
export async function signUpWithEmail(deps: AuthDeps, req: HttpRequest, params: EmailSignup): Promise<Record<string, unknown>> {
  const { config, db } = deps.ctx;
  const { password, data, pkce } = params;
  const aud = requestAud(req);
  const normalised = params.email;
  const existingId = await findDuplicateEmail(db, normalised, aud);
  const ip = requestIp(deps, req);
  // Hashing is slow, so like GoTrue it happens before the transaction opens.
  const passwordHash = existingId ? '' : await hashPassword(password);

  let user: LoadedUser;
  const pending: PendingEmail[] = [];
  try {
    user = await db.transaction(async (tx) => {
      let userId = existingId;
      if (userId) {
        const existing = await findUserById(tx, userId);
        if (existing?.row.email_confirmed_at) throw new UserExists();
      } else {
        try {
          userId = await insertUser(tx, {
            aud,
            email: normalised,
            phone: null,
            passwordHash,
            userMetadata: data,
            appMetadata: { provider: 'email', providers: ['email'] },
            isAnonymous: false,
          });
          await setRole(tx, userId, DEFAULT_ROLE);
        } catch (e) {
          // A failing trigger on auth.users lands here, as in GoTrue's signupNewUser.
          console.error('[auth] inserting the new user failed', e);
          throw internal('Database error saving new user');
        }
      }
      if (!(await findIdentity(tx, userId, 'email'))) {
        const identity = identityData(userId, { email: normalised });
        for (const [k, v] of Object.entries(data)) if (!(k in identity)) identity[k] = v;
        await insertIdentity(tx, userId, 'email', identity);
        // GoTrue's RemoveUnconfirmedIdentities: an unconfirmed user's metadata becomes the identity's.
        await tx.query('update auth.users set raw_user_meta_data = $2::jsonb, updated_at = now() where id = $1', [
          userId,
          JSON.stringify(Object.fromEntries(Object.entries(identity).filter(([, v]) => v !== null))),
        ]);
        await tx.query("delete from auth.identities where user_id = $1 and not (provider = 'email' and provider_id = $1::text)", [userId]);
        await syncProviders(tx, userId);
      }
      const current = (await findUserById(tx, userId))!;
      if (!current.row.email_confirmed_at) {
        const actor = { id: userId, email: normalised, fullName: current.row.raw_user_meta_data?.full_name };
        if (config.auth.autoconfirm) {
          await audit(tx, actor, 'user_signedup', ip, { provider: 'email' });
          await confirmEmail(tx, userId);
        } else {
          await audit(tx, actor, 'user_confirmation_requested', ip, { provider: 'email' });
          if (pkce) await createFlowState(tx, userId, 'signup', pkce);
          pending.push(await sendConfirmation(deps, req, tx, current.row, { pkce: !!pkce }));
        }
      }
      return (await findUserById(tx, userId))!;
    });
  } catch (e) {
    if (!(e instanceof UserExists)) throw e;
    await db.transaction((tx) => audit(tx, { id: existingId!, email: normalised }, 'user_repeated_signup', ip, { provider: 'email' }));
    if (config.auth.autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
    return obfuscatedUser(normalised, aud, data);
  }

  deliver(deps, pending);
  if (!user.row.email_confirmed_at) return loadedUserJson(user);
  const session = await db.transaction(async (tx) => {
    await audit(tx, { id: user.row.id, email: user.row.email }, 'login', ip, { provider: 'email' });
    return grantSession(tx, user.row.id, 'password', grantParams(deps, req), signingConfig(deps));
  });
  return session;
}

/**
 * GoTrue's sanitizeUser: with confirmations on, signing up an existing address answers with a
 * made-up unconfirmed user so the response does not reveal that the address is registered.
 */
function obfuscatedUser(email: string, aud: string, data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString().replace(/Z$/, '');
  return userJson(
    {
      id: randomUUID(),
      aud,
      role: '',
      email,
      phone: null,
      encrypted_password: null,
      is_anonymous: false,
      is_sso_user: false,
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: data,
      email_change: null,
      phone_change: null,
      email_confirmed_at: null,
      invited_at: null,
      phone_confirmed_at: null,
      confirmation_sent_at: now,
      confirmed_at: null,
      recovery_sent_at: null,
      email_change_sent_at: null,
      phone_change_sent_at: null,
      reauthentication_sent_at: null,
      last_sign_in_at: null,
      created_at: now,
      updated_at: now,
      banned_until: null,
      deleted_at: null,
      banned: false,
    },
    [],
  );
}

async function signupAnonymously(deps: AuthDeps, req: HttpRequest, data: Record<string, unknown>): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  if (config.auth.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const aud = requestAud(req);
  const signing = signingConfig(deps);
  try {
    const session = await db.transaction(async (tx) => {
      const userId = await insertUser(tx, { aud, email: null, phone: null, passwordHash: '', userMetadata: data, appMetadata: {}, isAnonymous: true });
      await setRole(tx, userId, DEFAULT_ROLE);
      return grantSession(tx, userId, 'anonymous', grantParams(deps, req), signing);
    });
    return jsonResponse(200, session);
  } catch (e) {
    console.error('[auth] anonymous sign-in failed', e);
    throw internal('Database error creating anonymous user');
  }
}

