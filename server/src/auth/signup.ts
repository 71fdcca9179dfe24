import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import type { Queryable } from '../db/types.ts';
import { audit } from './audit.ts';
import { type AuthDeps, requestIp, DEFAULT_ROLE, EMAIL_MAX_FREQUENCY_SECONDS, grantParams, requestAud, signingConfig } from './context.ts';
import { badRequest, internal, jsonResponse, tooManyRequests, unprocessable } from './errors.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { startSession, tokenResponse } from './sessions.ts';
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

/** sha224(contact + otp) in hex, the form GoTrue stores confirmation tokens in. */
export function hashedOtp(contact: string): string {
  const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return createHash('sha224').update(contact + otp).digest('hex');
}

/** Fails with GoTrue's 429 when a mail of this kind went out less than a minute ago. */
export async function checkMailFrequency(q: Queryable, userId: string, column: 'confirmation_sent_at' | 'email_change_sent_at'): Promise<void> {
  const { rows } = await q.query<{ left: number | null }>(
    `select ceil(extract(epoch from (${column} + make_interval(secs => $2)) - now()))::int as left from auth.users where id = $1`,
    [userId, EMAIL_MAX_FREQUENCY_SECONDS],
  );
  const left = rows[0]?.left;
  if (left !== null && left !== undefined && left > 0) {
    throw tooManyRequests('over_email_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
  }
}

/** Records a confirmation mail as sent (the local stack delivers no mail). */
async function sendConfirmation(q: Queryable, userId: string, email: string): Promise<void> {
  await checkMailFrequency(q, userId, 'confirmation_sent_at');
  const token = hashedOtp(email);
  await q.query('update auth.users set confirmation_token = $2, confirmation_sent_at = now(), updated_at = now() where id = $1', [userId, token]);
  await q.query("delete from auth.one_time_tokens where user_id = $1 and token_type = 'confirmation_token'", [userId]);
  await q.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to) values ($1, $2, 'confirmation_token', $3, $4)`,
    [randomUUID(), userId, token, email],
  );
}

/** POST /signup: email sign-up, or an anonymous sign-in when neither email nor phone is given. */
export async function signup(deps: AuthDeps, req: ApiRequest): Promise<ApiResponse> {
  const body = parseBody(req, signupBody);
  const email = body.email ?? '';
  const phone = body.phone ?? '';
  if (email === '' && phone === '') return signupAnonymously(deps, req, body.data ?? {});

  const { config, db } = deps.ctx;
  if (config.auth.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const password = body.password ?? '';
  const data = body.data ?? {};
  if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
  checkPasswordStrength(password, config.auth.minPasswordLength);
  if (email !== '' && phone !== '') {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
  }
  if (!body.code_challenge !== !body.code_challenge_method) {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  }
  // The Supabase CLI's default config leaves phone sign-ups off ([auth.sms] enable_signup = false).
  if (email === '') throw badRequest('phone_provider_disabled', 'Phone signups are disabled');

  const aud = requestAud(req);
  const normalised = validateEmail(email);
  const existingId = await findDuplicateEmail(db, normalised, aud);
  const ip = requestIp(deps, req);
  // Hashing is slow, so like GoTrue it happens before the transaction opens.
  const passwordHash = existingId ? '' : await hashPassword(password);

  let user: LoadedUser;
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
          await sendConfirmation(tx, userId, normalised);
        }
      }
      return (await findUserById(tx, userId))!;
    });
  } catch (e) {
    if (!(e instanceof UserExists)) throw e;
    await db.transaction((tx) => audit(tx, { id: existingId!, email: normalised }, 'user_repeated_signup', ip, { provider: 'email' }));
    if (config.auth.autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
    return jsonResponse(200, obfuscatedUser(normalised, aud, data));
  }

  if (!user.row.email_confirmed_at) return jsonResponse(200, loadedUserJson(user));
  const signing = signingConfig(deps);
  const session = await db.transaction(async (tx) => {
    await audit(tx, { id: user.row.id, email: user.row.email }, 'login', ip, { provider: 'email' });
    const { sessionId, refreshToken } = await startSession(tx, user.row.id, 'password', grantParams(deps, req));
    return tokenResponse(tx, (await findUserById(tx, user.row.id))!, sessionId, refreshToken, signing);
  });
  return jsonResponse(200, session);
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

async function signupAnonymously(deps: AuthDeps, req: ApiRequest, data: Record<string, unknown>): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  if (config.auth.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const aud = requestAud(req);
  const signing = signingConfig(deps);
  try {
    const session = await db.transaction(async (tx) => {
      const userId = await insertUser(tx, { aud, email: null, phone: null, passwordHash: '', userMetadata: data, appMetadata: {}, isAnonymous: true });
      await setRole(tx, userId, DEFAULT_ROLE);
      const { sessionId, refreshToken } = await startSession(tx, userId, 'anonymous', grantParams(deps, req));
      return tokenResponse(tx, (await findUserById(tx, userId))!, sessionId, refreshToken, signing);
    });
    return jsonResponse(200, session);
  } catch (e) {
    console.error('[auth] anonymous sign-in failed', e);
    throw internal('Database error creating anonymous user');
  }
}

