import { randomBytes } from 'node:crypto';
import type { HttpRequest, ApiResponse } from '../http/types.ts';
import type { Queryable } from '../db/types.ts';
import { audit, type AuditActor } from './audit.ts';
import { type AuthDeps, requestIp, DEFAULT_ROLE, requestAud } from './context.ts';
import { badRequest, internal, jsonResponse, notFound, unprocessable } from './errors.ts';
import { parseGoDuration } from './go-duration.ts';
import { checkPasswordStrength, hashPassword, MAX_PASSWORD_BYTES } from './passwords.ts';
import { deleteSessions } from './sessions.ts';
import type { BearerClaims } from './tokens.ts';
import {
  confirmEmail,
  confirmPhone,
  findDuplicateEmail,
  findIdentity,
  findUserById,
  identityData,
  insertIdentity,
  insertUser,
  listUsers,
  type LoadedUser,
  loadedUserJson,
  phoneTaken,
  setRole,
  updateAppMetadata,
  updateIdentityData,
  updateUserMetadata,
  userJson,
} from './users.ts';
import { adminDeleteBody, adminUserBody, isUuid, NIL_UUID, parseBody, validateEmail, validatePhone, varchar255 } from './validation.ts';

const DEFAULT_PER_PAGE = 50;

/** The actor GoTrue records for admin calls: a nil-id user named after the token's role. */
export function adminActor(claims: BearerClaims): AuditActor {
  return { id: NIL_UUID, email: typeof claims.role === 'string' ? claims.role : '' };
}

/** Go's strconv.ParseUint(raw, 10, 64), kept within what SQL's LIMIT and OFFSET take. */
function parseUint(raw: string | null, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  const fail = (why: string) => badRequest('validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(raw)}: ${why}`);
  if (!/^\d+$/.test(raw)) throw fail('invalid syntax');
  if (BigInt(raw) > 0xffff_ffff_ffff_ffffn) throw fail('value out of range');
  return Math.min(Number(raw), Number.MAX_SAFE_INTEGER);
}

/** Go's url.Values.Encode: keys sorted, each value query-escaped. */
function encodeQuery(params: URLSearchParams): string {
  const keys = [...new Set(params.keys())].sort();
  return keys.flatMap((k) => params.getAll(k).map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)).join('&');
}

/** GET /admin/users: `{users, aud}` newest first, with GoTrue's `Link` and `X-Total-Count` headers. */
export async function adminListUsers(deps: AuthDeps, req: HttpRequest, claims: BearerClaims): Promise<ApiResponse> {
  const query = req.url.searchParams;
  const page = parseUint(query.get('page'), 1);
  const perPage = parseUint(query.get('per_page'), DEFAULT_PER_PAGE);
  // pop's Paginate treats a page below 1 as the first and a page size below 1 as 20.
  const effectivePage = Math.max(page, 1);
  const effectivePerPage = perPage < 1 ? 20 : perPage;
  const aud = requestAud(req, claims);
  const { users, total } = await listUsers(deps.ctx.db, aud, effectivePage, effectivePerPage, query.get('filter') ?? '');

  const totalPages = Math.ceil(total / effectivePerPage);
  const link = new URLSearchParams(query);
  let header = '';
  if (totalPages > page) {
    link.set('page', String(page + 1));
    header += `</admin/users?${encodeQuery(link)}>; rel="next", `;
  }
  link.set('page', String(totalPages));
  header += `</admin/users?${encodeQuery(link)}>; rel="last"`;
  return jsonResponse(200, { users: users.map((u) => userJson(u, null)), aud }, { Link: header, 'X-Total-Count': String(total) });
}

/** Resolves `{user_id}` as GoTrue's loadUser middleware does. */
export async function loadAdminTarget(q: Queryable, id: string): Promise<LoadedUser> {
  if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
  const user = await findUserById(q, id.toLowerCase());
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

function banMs(raw: string | null | undefined): number | undefined {
  if (!raw) return undefined;
  if (raw === 'none') return 0;
  const ms = parseGoDuration(raw);
  if (ms === undefined) throw badRequest('validation_failed', `invalid format for ban duration: time: invalid duration ${JSON.stringify(raw)}`);
  return ms;
}

async function ban(q: Queryable, userId: string, ms: number): Promise<void> {
  if (ms === 0) await q.query('update auth.users set banned_until = null, updated_at = now() where id = $1', [userId]);
  else await q.query('update auth.users set banned_until = now() + make_interval(secs => $2), updated_at = now() where id = $1', [userId, ms / 1000]);
}

/** A random 64-character password for users created without one (GoTrue uses go-password the same way). */
function generatedPassword(): string {
  return randomBytes(48).toString('base64url').slice(0, 64);
}

function isBcryptHash(hash: string): boolean {
  return /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash);
}

/** POST /admin/users: GoTrue's adminUserCreate. */
export async function adminCreateUser(deps: AuthDeps, req: HttpRequest, claims: BearerClaims): Promise<ApiResponse> {
  const { db } = deps.ctx;
  const body = parseBody(req, adminUserBody);
  const aud = body.aud ? varchar255(body.aud, 'aud') : requestAud(req, claims);
  if (body.role) varchar255(body.role, 'role');
  let email = body.email ?? '';
  let phone = body.phone ?? '';
  if (email === '' && phone === '') throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
  const providers: string[] = [];
  if (email !== '') {
    email = validateEmail(email);
    if (await findDuplicateEmail(db, email, aud)) {
      throw unprocessable('email_exists', 'A user with this email address has already been registered');
    }
    providers.push('email');
  }
  if (phone !== '') {
    phone = validatePhone(phone);
    if (await phoneTaken(db, phone, aud)) throw unprocessable('phone_exists', 'Phone number already registered by another user');
    providers.push('phone');
  }
  if (body.password != null && body.password_hash) {
    throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
  }
  let passwordHash: string;
  if (body.password_hash) {
    if (!isBcryptHash(body.password_hash)) throw internal('Error creating user');
    passwordHash = body.password_hash;
  } else {
    const password = body.password || generatedPassword();
    if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes');
    passwordHash = await hashPassword(password);
  }
  let id: string | undefined;
  if (body.id) {
    if (!isUuid(body.id)) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
    if (body.id === NIL_UUID) throw badRequest('validation_failed', 'ID cannot be a nil uuid');
    id = body.id.toLowerCase();
  }
  const banFor = banMs(body.ban_duration);

  try {
    const user = await db.transaction(async (tx) => {
      const userId = await insertUser(tx, {
        id,
        aud,
        email: email || null,
        phone: phone || null,
        passwordHash,
        userMetadata: body.user_metadata ?? {},
        appMetadata: { provider: providers[0], providers },
        isAnonymous: false,
      });
      if (email) await insertIdentity(tx, userId, 'email', identityData(userId, { email }));
      if (phone) await insertIdentity(tx, userId, 'phone', identityData(userId, { phone }));
      await audit(tx, adminActor(claims), 'user_signedup', requestIp(deps, req), { user_id: userId, user_email: email, user_phone: phone });
      await setRole(tx, userId, body.role || DEFAULT_ROLE);
      if (body.app_metadata) await updateAppMetadata(tx, userId, body.app_metadata);
      if (body.email_confirm) await confirmEmail(tx, userId);
      if (body.phone_confirm) await confirmPhone(tx, userId);
      if (banFor !== undefined) await ban(tx, userId, banFor);
      return (await findUserById(tx, userId))!;
    });
    return jsonResponse(200, loadedUserJson(user));
  } catch (e) {
    console.error('[auth] admin create user failed', e);
    throw internal('Database error creating new user');
  }
}

/** PUT /admin/users/{id}: GoTrue's adminUserUpdate. */
export async function adminUpdateUser(deps: AuthDeps, req: HttpRequest, claims: BearerClaims, target: LoadedUser): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  const body = parseBody(req, adminUserBody);
  const email = body.email ? validateEmail(body.email) : '';
  const phone = body.phone ? validatePhone(body.phone) : '';
  const banFor = banMs(body.ban_duration);
  if (body.role) varchar255(body.role, 'role');
  let passwordHash: string | undefined;
  if (body.password != null) {
    checkPasswordStrength(body.password, config.auth.minPasswordLength);
    passwordHash = await hashPassword(body.password);
  }
  const userId = target.row.id;
  try {
    const user = await db.transaction(async (tx) => {
      if (body.role) await setRole(tx, userId, body.role);
      if (body.email_confirm) await confirmEmail(tx, userId);
      if (body.phone_confirm) await confirmPhone(tx, userId);
      if (passwordHash !== undefined) {
        await tx.query('update auth.users set encrypted_password = $2, updated_at = now() where id = $1', [userId, passwordHash]);
        await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
        // GoTrue's UpdatePassword without a session signs the user out everywhere.
        await deleteSessions(tx, userId, 'global', undefined);
      }
      if (email) {
        const identity = await findIdentity(tx, userId, 'email');
        if (identity) await updateIdentityData(tx, identity.id, { email, email_verified: !!body.email_confirm });
        else await insertIdentity(tx, userId, 'email', identityData(userId, { email }, { email: !!body.email_confirm, phone: false }));
        if (target.row.is_anonymous && body.email_confirm) await tx.query('update auth.users set is_anonymous = false where id = $1', [userId]);
        await tx.query('update auth.users set email = $2, updated_at = now() where id = $1', [userId, email]);
      }
      if (phone) {
        const identity = await findIdentity(tx, userId, 'phone');
        if (identity) await updateIdentityData(tx, identity.id, { phone, phone_verified: !!body.phone_confirm });
        else await insertIdentity(tx, userId, 'phone', identityData(userId, { phone }, { email: false, phone: !!body.phone_confirm }));
        if (target.row.is_anonymous && body.phone_confirm) await tx.query('update auth.users set is_anonymous = false where id = $1', [userId]);
        await tx.query('update auth.users set phone = $2, updated_at = now() where id = $1', [userId, phone]);
      }
      if (body.app_metadata) await updateAppMetadata(tx, userId, body.app_metadata);
      if (body.user_metadata) await updateUserMetadata(tx, userId, body.user_metadata);
      if (banFor !== undefined) await ban(tx, userId, banFor);
      const after = (await findUserById(tx, userId))!;
      await audit(tx, adminActor(claims), 'user_modified', requestIp(deps, req), {
        user_id: userId,
        user_email: after.row.email ?? '',
        user_phone: after.row.phone ?? '',
      });
      return after;
    });
    return jsonResponse(200, loadedUserJson(user));
  } catch (e) {
    console.error('[auth] admin update user failed', e);
    throw internal('Error updating user');
  }
}

/** DELETE /admin/users/{id}: hard delete (cascading to identities and sessions) or soft delete. */
export async function adminDeleteUser(deps: AuthDeps, req: HttpRequest, claims: BearerClaims, target: LoadedUser): Promise<ApiResponse> {
  const soft = req.body.length > 0 ? !!parseBody(req, adminDeleteBody).should_soft_delete : false;
  const { row } = target;
  await deps.ctx.db.transaction(async (tx) => {
    await audit(tx, adminActor(claims), 'user_deleted', requestIp(deps, req), { user_id: row.id, user_email: row.email ?? '', user_phone: row.phone ?? '' });
    if (!soft) {
      await tx.query('delete from auth.users where id = $1', [row.id]);
    } else if (!row.deleted_at) {
      // GoTrue's SoftDeleteUser: contact details obfuscated, secrets cleared, sessions and identities gone.
      await tx.query(
        `update auth.users set
           email = case when email is null then null else encode(extensions.digest(id::text || email, 'sha256'), 'hex') end,
           phone = case when phone is null then null else encode(extensions.digest(id::text || phone, 'sha256'), 'hex') end,
           email_change = '', phone_change = '', encrypted_password = null, confirmation_token = '', recovery_token = '',
           email_change_token_current = '', email_change_token_new = '', phone_change_token = '', reauthentication_token = '',
           raw_app_meta_data = '{}'::jsonb, raw_user_meta_data = '{}'::jsonb, deleted_at = now(), updated_at = now()
         where id = $1`,
        [row.id],
      );
      await tx.query('delete from auth.identities where user_id = $1', [row.id]);
      await tx.query('delete from auth.mfa_factors where user_id = $1', [row.id]);
      await deleteSessions(tx, row.id, 'global', undefined);
    }
  });
  return jsonResponse(200, {});
}
