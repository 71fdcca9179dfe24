import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import type { JwtKeys } from '../jwt.ts';
import { NIL_UUID } from './validation.ts';
import { newRefreshToken, signAccessToken, type AccessTokenClaims } from './tokens.ts';
import type { LoadedUser } from './users.ts';
import { findUserById, loadedUserJson } from './users.ts';

/** The client facts GoTrue's GrantParams records on a new session. */
export interface GrantParams {
  userAgent: string;
  ip: string;
}

export interface RefreshTokenRow {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  parent: string | null;
  session_id: string | null;
  /** Seconds since the row was last written (revocation time for a revoked token). */
  age_seconds: number;
}

export interface SigningConfig {
  issuer: string;
  keys: JwtKeys;
  expiresIn: number;
}

async function insertRefreshToken(q: Queryable, userId: string, sessionId: string, parent: string | null): Promise<string> {
  const token = newRefreshToken();
  await q.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, now(), now(), $4, $5)`,
    [NIL_UUID, token, userId, parent, sessionId],
  );
  return token;
}

/**
 * GoTrue's GrantAuthenticatedUser + AddClaimToSession: a new session with its first refresh
 * token, the authentication method recorded for the `amr` claim, and last_sign_in_at bumped.
 */
export async function startSession(q: Queryable, userId: string, method: string, grant: GrantParams): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = randomUUID();
  await q.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, factor_id, aal, not_after, user_agent, ip)
     values ($1, $2, now(), now(), null, 'aal1', null, $3, $4::inet)`,
    [sessionId, userId, grant.userAgent || null, grant.ip || null],
  );
  const refreshToken = await insertRefreshToken(q, userId, sessionId, null);
  await q.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [userId]);
  await q.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
     values ($1, $2, now(), now(), $3)
     on conflict (session_id, authentication_method) do update set updated_at = excluded.updated_at`,
    [randomUUID(), sessionId, method],
  );
  return { sessionId, refreshToken };
}

/** Finds a refresh token, locking its row so concurrent refreshes of one token serialise. */
export async function findRefreshToken(q: Queryable, token: string): Promise<RefreshTokenRow | undefined> {
  const { rows } = await q.query<RefreshTokenRow>(
    `select id::text, token, user_id, revoked, parent, session_id,
            extract(epoch from (now() - updated_at))::float8 as age_seconds
       from auth.refresh_tokens where token = $1 for update`,
    [token],
  );
  return rows[0];
}

export async function sessionExists(q: Queryable, sessionId: string): Promise<boolean> {
  const { rows } = await q.query('select 1 from auth.sessions where id = $1', [sessionId]);
  return rows.length > 0;
}

/** The newest non-revoked refresh token of a session (GoTrue's FindCurrentlyActiveRefreshToken). */
export async function activeRefreshToken(q: Queryable, sessionId: string): Promise<{ token: string; parent: string | null } | undefined> {
  const { rows } = await q.query<{ token: string; parent: string | null }>(
    'select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
    [sessionId],
  );
  return rows[0];
}

/** GoTrue's GrantRefreshTokenSwap: revokes `token` and issues its child in the same session. */
export async function swapRefreshToken(q: Queryable, token: RefreshTokenRow): Promise<string> {
  await q.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [token.id]);
  return insertRefreshToken(q, token.user_id, token.session_id!, token.token);
}

export async function touchSession(q: Queryable, sessionId: string, grant: GrantParams): Promise<void> {
  await q.query(
    `update auth.sessions set refreshed_at = (now() at time zone 'UTC'), user_agent = $2, ip = $3::inet, updated_at = now() where id = $1`,
    [sessionId, grant.userAgent || null, grant.ip || null],
  );
}

/** Logout scopes: deleting sessions cascades to their refresh tokens, as GoTrue's models.Logout* do. */
export async function deleteSessions(q: Queryable, userId: string, scope: 'global' | 'local' | 'others', sessionId: string | undefined): Promise<void> {
  if (sessionId && scope === 'local') {
    await q.query('delete from auth.sessions where id = $1', [sessionId]);
  } else if (sessionId && scope === 'others') {
    await q.query('delete from auth.sessions where id <> $1 and user_id = $2', [sessionId, userId]);
  } else {
    await q.query('delete from auth.sessions where user_id = $1', [userId]);
  }
}

/** The authentication methods that are a second factor: a session holding one is at AAL2. */
export const AAL2_METHODS = ['totp', 'mfa/phone', 'mfa/webauthn'];

/** The session's AMR entries, most recent first (GoTrue's CalculateAALAndAMR). */
async function sessionAmr(q: Queryable, sessionId: string): Promise<{ method: string; timestamp: number }[]> {
  const { rows } = await q.query<{ method: string; ts: string | number }>(
    `select authentication_method as method, floor(extract(epoch from updated_at))::bigint as ts
       from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
    [sessionId],
  );
  return rows.map((r) => ({ method: r.method, timestamp: Number(r.ts) }));
}

/** GoTrue's AccessTokenResponse for a user and session, signing a fresh access token. */
export async function tokenResponse(
  q: Queryable,
  user: LoadedUser,
  sessionId: string,
  refreshToken: string,
  signing: SigningConfig,
): Promise<Record<string, unknown>> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + signing.expiresIn;
  const row = user.row;
  const amr = await sessionAmr(q, sessionId);
  const claims: AccessTokenClaims = {
    iss: signing.issuer,
    sub: row.id,
    aud: row.aud ?? '',
    exp,
    iat,
    email: row.email ?? '',
    phone: row.phone ?? '',
    app_metadata: row.raw_app_meta_data,
    user_metadata: row.raw_user_meta_data,
    role: row.role ?? '',
    aal: amr.some((a) => AAL2_METHODS.includes(a.method)) ? 'aal2' : 'aal1',
    // `amr` is omitempty in GoTrue's claims struct.
    ...(amr.length > 0 ? { amr } : {}),
    session_id: sessionId,
    is_anonymous: row.is_anonymous,
  };
  return {
    access_token: await signAccessToken(claims, signing.keys),
    token_type: 'bearer',
    expires_in: signing.expiresIn,
    expires_at: exp,
    refresh_token: refreshToken,
    user: loadedUserJson(user),
  };
}

/** GoTrue's issueRefreshToken: a new session for the user and its first access and refresh tokens. */
export async function grantSession(
  q: Queryable,
  userId: string,
  method: string,
  grant: GrantParams,
  signing: SigningConfig,
): Promise<Record<string, unknown>> {
  const { sessionId, refreshToken } = await startSession(q, userId, method, grant);
  return tokenResponse(q, (await findUserById(q, userId))!, sessionId, refreshToken, signing);
}
