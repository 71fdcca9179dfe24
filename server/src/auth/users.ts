import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { goTime, sqlUtc } from './time.ts';
import { NIL_UUID } from './validation.ts';

/** A row of auth.users with its timestamps already rendered as UTC text. */
export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  is_anonymous: boolean;
  is_sso_user: boolean;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  email_change: string | null;
  phone_change: string | null;
  email_confirmed_at: string | null;
  invited_at: string | null;
  phone_confirmed_at: string | null;
  confirmation_sent_at: string | null;
  confirmed_at: string | null;
  recovery_sent_at: string | null;
  email_change_sent_at: string | null;
  phone_change_sent_at: string | null;
  reauthentication_sent_at: string | null;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  banned_until: string | null;
  deleted_at: string | null;
  banned: boolean;
}

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown> | null;
  provider: string;
  email: string | null;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** A row of auth.mfa_factors as GoTrue's Factor model marshals it (the secret never leaves the server). */
export interface FactorRow {
  id: string;
  created_at: string;
  updated_at: string;
  status: 'verified' | 'unverified';
  friendly_name: string | null;
  factor_type: string;
  phone: string | null;
  last_challenged_at: string | null;
}

export interface LoadedUser {
  row: UserRow;
  identities: IdentityRow[];
  factors: FactorRow[];
}

const USER_SELECT = `select u.id, u.aud, u.role, u.email, u.phone, u.encrypted_password, u.is_anonymous, u.is_sso_user,
  u.raw_app_meta_data, u.raw_user_meta_data, u.email_change, u.phone_change,
  ${['email_confirmed_at', 'invited_at', 'phone_confirmed_at', 'confirmation_sent_at', 'confirmed_at', 'recovery_sent_at',
    'email_change_sent_at', 'phone_change_sent_at', 'reauthentication_sent_at', 'last_sign_in_at', 'created_at', 'updated_at',
    'banned_until', 'deleted_at'].map((c) => sqlUtc(`u.${c}`)).join(',\n  ')},
  (u.banned_until is not null and u.banned_until > now()) as banned
from auth.users u`;

const IDENTITY_SELECT = `select i.id, i.provider_id, i.user_id, i.identity_data, i.provider, i.email,
  ${sqlUtc('i.last_sign_in_at')}, ${sqlUtc('i.created_at')}, ${sqlUtc('i.updated_at')}
from auth.identities i`;

// GoTrue only sees users of the default instance (instance_id = the nil UUID).
const DEFAULT_INSTANCE = `u.instance_id = '${NIL_UUID}'`;

const FACTOR_SELECT = `select f.id, f.user_id, ${sqlUtc('f.created_at')}, ${sqlUtc('f.updated_at')}, f.status, f.friendly_name, f.factor_type, f.phone,
  ${sqlUtc('f.last_challenged_at')}
from auth.mfa_factors f`;

/** The MFA factors of some users, oldest first. */
export async function loadFactors(q: Queryable, userIds: string[]): Promise<(FactorRow & { user_id: string })[]> {
  const { rows } = await q.query<FactorRow & { user_id: string }>(`${FACTOR_SELECT} where f.user_id = any($1::uuid[]) order by f.created_at, f.id`, [userIds]);
  return rows;
}

async function withIdentities(q: Queryable, rows: UserRow[]): Promise<LoadedUser[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const { rows: identities } = await q.query<IdentityRow>(`${IDENTITY_SELECT} where i.user_id = any($1::uuid[]) order by i.created_at, i.id`, [ids]);
  const factors = await loadFactors(q, ids);
  return rows.map((row) => ({
    row,
    identities: identities.filter((i) => i.user_id === row.id),
    factors: factors.filter((f) => f.user_id === row.id),
  }));
}

/** GoTrue's Factor JSON: fields in struct order, the secret left out. */
export function factorJson(f: FactorRow): Record<string, unknown> {
  const out: Record<string, unknown> = { id: f.id, created_at: goTime(f.created_at), updated_at: goTime(f.updated_at), status: f.status };
  if (f.friendly_name) out.friendly_name = f.friendly_name;
  out.factor_type = f.factor_type;
  out.phone = f.phone ?? '';
  out.last_challenged_at = goTime(f.last_challenged_at) ?? null;
  return out;
}

export async function findUserById(q: Queryable, id: string): Promise<LoadedUser | undefined> {
  const { rows } = await q.query<UserRow>(`${USER_SELECT} where ${DEFAULT_INSTANCE} and u.id = $1`, [id]);
  return (await withIdentities(q, rows))[0];
}

/** GoTrue's FindUserByEmailAndAudience (case-insensitive, SSO users excluded). */
export async function findUserByEmail(q: Queryable, email: string, aud: string): Promise<LoadedUser | undefined> {
  const { rows } = await q.query<UserRow>(
    `${USER_SELECT} where ${DEFAULT_INSTANCE} and lower(u.email) = lower($1) and u.aud = $2 and u.is_sso_user = false limit 1`,
    [email, aud],
  );
  return (await withIdentities(q, rows))[0];
}

/**
 * GoTrue's IsDuplicatedEmail: an identity (of a non-SSO provider) or a user with this email
 * in the audience, other than `exceptUserId`.
 */
export async function findDuplicateEmail(q: Queryable, email: string, aud: string, exceptUserId?: string): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `select u.id from auth.users u
      where ${DEFAULT_INSTANCE} and u.aud = $2 and u.id is distinct from $3::uuid
        and (u.id in (select i.user_id from auth.identities i where i.email = lower($1) and i.provider not like 'sso:%')
             or (lower(u.email) = lower($1) and u.is_sso_user = false))
      limit 1`,
    [email, aud, exceptUserId ?? null],
  );
  return rows[0]?.id;
}

export async function phoneTaken(q: Queryable, phone: string, aud: string): Promise<boolean> {
  const { rows } = await q.query(`select 1 from auth.users u where ${DEFAULT_INSTANCE} and u.phone = $1 and u.aud = $2 and u.is_sso_user = false`, [
    phone,
    aud,
  ]);
  return rows.length > 0;
}

/** Users of an audience, newest first, as GoTrue's admin list pages them (identities not loaded). */
export async function listUsers(
  q: Queryable,
  aud: string,
  page: number,
  perPage: number,
  filter: string,
): Promise<{ users: UserRow[]; total: number }> {
  const params: unknown[] = [aud];
  let where = `${DEFAULT_INSTANCE} and u.aud = $1`;
  if (filter !== '') {
    params.push(`%${filter}%`);
    where += ` and (u.email like $2 or u.raw_user_meta_data->>'full_name' ilike $2)`;
  }
  const total = Number((await q.query<{ n: string | number }>(`select count(*) as n from auth.users u where ${where}`, params)).rows[0]?.n ?? 0);
  params.push(perPage, Math.min((page - 1) * perPage, Number.MAX_SAFE_INTEGER));
  const { rows } = await q.query<UserRow>(
    `${USER_SELECT} where ${where} order by u.created_at desc, u.id limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return { users: rows, total };
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

function identityJson(i: IdentityRow): Record<string, unknown> {
  const out: Record<string, unknown> = { identity_id: i.id, id: i.provider_id, user_id: i.user_id };
  if (i.identity_data && Object.keys(i.identity_data).length > 0) out.identity_data = i.identity_data;
  out.provider = i.provider;
  if (i.last_sign_in_at) out.last_sign_in_at = goTime(i.last_sign_in_at);
  out.created_at = goTime(i.created_at) ?? ZERO_TIME;
  out.updated_at = goTime(i.updated_at) ?? ZERO_TIME;
  if (i.email) out.email = i.email;
  return out;
}

/**
 * The user object GoTrue marshals (models.User): fields in struct order, `omitempty` ones left
 * out when unset, a null email or phone as "". `identities` is null where GoTrue does not load them.
 */
export function userJson(row: UserRow, identities: IdentityRow[] | null, factors: FactorRow[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id, aud: row.aud ?? '', role: row.role ?? '', email: row.email ?? '' };
  const put = (key: string, value: string | null) => {
    if (value) out[key] = goTime(value);
  };
  put('email_confirmed_at', row.email_confirmed_at);
  put('invited_at', row.invited_at);
  out.phone = row.phone ?? '';
  put('phone_confirmed_at', row.phone_confirmed_at);
  put('confirmation_sent_at', row.confirmation_sent_at);
  put('confirmed_at', row.confirmed_at);
  put('recovery_sent_at', row.recovery_sent_at);
  if (row.email_change) out.new_email = row.email_change;
  put('email_change_sent_at', row.email_change_sent_at);
  if (row.phone_change) out.new_phone = row.phone_change;
  put('phone_change_sent_at', row.phone_change_sent_at);
  put('reauthentication_sent_at', row.reauthentication_sent_at);
  put('last_sign_in_at', row.last_sign_in_at);
  out.app_metadata = row.raw_app_meta_data;
  out.user_metadata = row.raw_user_meta_data;
  out.identities = identities === null ? null : identities.map(identityJson);
  // `factors` is omitempty in GoTrue's User.
  if (factors.length > 0) out.factors = factors.map(factorJson);
  out.created_at = goTime(row.created_at) ?? ZERO_TIME;
  out.updated_at = goTime(row.updated_at) ?? ZERO_TIME;
  put('banned_until', row.banned_until);
  put('deleted_at', row.deleted_at);
  out.is_anonymous = row.is_anonymous;
  return out;
}

export const loadedUserJson = (u: LoadedUser) => userJson(u.row, u.identities, u.factors);

export interface NewUser {
  id?: string;
  aud: string;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  isAnonymous: boolean;
}

/**
 * Inserts a user the way GoTrue's pop model does: every writable column, empty strings for the
 * token columns, role '' until SetRole runs. Triggers on auth.users run in the caller's transaction.
 */
export async function insertUser(q: Queryable, user: NewUser): Promise<string> {
  const id = user.id ?? randomUUID();
  await q.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
       phone, phone_confirmed_at, confirmation_token, confirmation_sent_at, recovery_token, recovery_sent_at,
       email_change_token_current, email_change_token_new, email_change, email_change_sent_at, email_change_confirm_status,
       phone_change, phone_change_token, phone_change_sent_at, reauthentication_token, reauthentication_sent_at,
       last_sign_in_at, raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at, banned_until,
       is_sso_user, deleted_at, is_anonymous)
     values ($1, $2, $3, '', $4, $5, null, null, $6, null, '', null, '', null, '', '', '', null, 0, '', '', null, '', null,
       null, $7::jsonb, $8::jsonb, false, now(), now(), null, false, null, $9)`,
    [NIL_UUID, id, user.aud, user.email, user.passwordHash, user.phone, JSON.stringify(user.appMetadata), JSON.stringify(user.userMetadata), user.isAnonymous],
  );
  return id;
}

/**
 * A new email user as GoTrue's signupNewUser and createNewIdentity leave it: the user row with the
 * given role and an unverified email identity.
 */
export async function insertEmailUser(
  q: Queryable,
  user: { aud: string; email: string; passwordHash: string; data: Record<string, unknown>; role: string },
): Promise<string> {
  const userId = await insertUser(q, {
    aud: user.aud,
    email: user.email,
    phone: null,
    passwordHash: user.passwordHash,
    userMetadata: user.data,
    appMetadata: { provider: 'email', providers: ['email'] },
    isAnonymous: false,
  });
  await setRole(q, userId, user.role);
  await insertIdentity(q, userId, 'email', identityData(userId, { email: user.email }));
  return userId;
}

export async function setRole(q: Queryable, userId: string, role: string): Promise<void> {
  await q.query('update auth.users set role = $2, updated_at = now() where id = $1', [userId, role.trim()]);
}

/** GoTrue's UpdateUserMetaData / UpdateAppMetaData: merge, a null value deletes its key. */
export function mergeMetadata(current: Record<string, unknown> | null, updates: Record<string, unknown>): Record<string, unknown> {
  if (current === null) return updates;
  const merged = { ...current };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** Reads a jsonb column, merges `updates` into it as mergeMetadata does and writes it back. */
async function mergeJsonColumn(
  q: Queryable,
  table: 'auth.users' | 'auth.identities',
  column: 'raw_user_meta_data' | 'raw_app_meta_data' | 'identity_data',
  id: string,
  updates: Record<string, unknown>,
): Promise<void> {
  const { rows } = await q.query<{ m: Record<string, unknown> | null }>(`select ${column} as m from ${table} where id = $1`, [id]);
  await q.query(`update ${table} set ${column} = $2::jsonb, updated_at = now() where id = $1`, [
    id,
    JSON.stringify(mergeMetadata(rows[0]?.m ?? null, updates)),
  ]);
}

export async function updateUserMetadata(q: Queryable, userId: string, updates: Record<string, unknown>): Promise<void> {
  await mergeJsonColumn(q, 'auth.users', 'raw_user_meta_data', userId, updates);
}

export async function updateAppMetadata(q: Queryable, userId: string, updates: Record<string, unknown>): Promise<void> {
  await mergeJsonColumn(q, 'auth.users', 'raw_app_meta_data', userId, updates);
}

/** GoTrue's User.Confirm: email confirmed now and `email_verified: true` in user_metadata. */
export async function confirmEmail(q: Queryable, userId: string): Promise<void> {
  await q.query("update auth.users set confirmation_token = '', email_confirmed_at = now(), updated_at = now() where id = $1", [userId]);
  await updateUserMetadata(q, userId, { email_verified: true });
  await q.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

export async function confirmPhone(q: Queryable, userId: string): Promise<void> {
  await q.query("update auth.users set confirmation_token = '', phone_confirmed_at = now(), updated_at = now() where id = $1", [userId]);
  await q.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

/** The identity_data GoTrue derives from provider.Claims{Subject, Email|Phone}: verified flags always present. */
export function identityData(userId: string, contact: { email?: string; phone?: string }, verified = { email: false, phone: false }) {
  const data: Record<string, unknown> = { sub: userId };
  if (contact.email) data.email = contact.email;
  data.email_verified = verified.email;
  if (contact.phone) data.phone = contact.phone;
  data.phone_verified = verified.phone;
  return data;
}

export async function insertIdentity(q: Queryable, userId: string, provider: string, data: Record<string, unknown>): Promise<void> {
  if (typeof data.email === 'string') data.email = data.email.toLowerCase();
  await q.query(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1, $2, $3, $4::jsonb, $5, now(), now(), now())`,
    [randomUUID(), String(data.sub), userId, JSON.stringify(data), provider],
  );
}

export async function findIdentity(q: Queryable, userId: string, provider: string): Promise<IdentityRow | undefined> {
  const { rows } = await q.query<IdentityRow>(`${IDENTITY_SELECT} where i.provider_id = $1 and i.provider = $2`, [userId, provider]);
  return rows[0];
}

export async function updateIdentityData(q: Queryable, identityId: string, updates: Record<string, unknown>): Promise<void> {
  await mergeJsonColumn(q, 'auth.identities', 'identity_data', identityId, updates);
}

/** GoTrue's UpdateAppMetaDataProviders: `providers` from the user's identities, `provider` the first. */
export async function syncProviders(q: Queryable, userId: string): Promise<void> {
  const { rows } = await q.query<{ provider: string }>('select provider from auth.identities where user_id = $1 order by created_at, id', [userId]);
  const providers = [...new Set(rows.map((r) => r.provider))];
  await updateAppMetadata(q, userId, providers.length > 0 ? { providers, provider: providers[0] } : { providers });
}
