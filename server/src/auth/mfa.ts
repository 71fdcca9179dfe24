/**
 * Multi-factor authentication with TOTP authenticator apps, as GoTrue's /factors endpoints do it:
 * enroll (secret, otpauth URI, QR code), challenge, verify (which raises the session to AAL2 and
 * issues new tokens whose `aal` claim says so) and unenroll; admins list and delete factors.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';
import type { Queryable } from '../db/types.ts';
import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { audit } from './audit.ts';
import { type Authenticated, type AuthDeps, rateLimit, requestIp, signingConfig } from './context.ts';
import { badRequest, forbidden, jsonResponse, notFound, unprocessable } from './errors.ts';
import { activeRefreshToken, findRefreshToken, swapRefreshToken, tokenResponse } from './sessions.ts';
import { factorJson, type FactorRow, findUserById, loadFactors, type LoadedUser } from './users.ts';
import { enrollBody, isUuid, mfaVerifyBody, parseBody } from './validation.ts';

/** GoTrue's TOTP settings (pquerna/otp): SHA1, six digits, 30-second steps, one step of skew. */
const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

async function sessionAal(q: Queryable, sessionId: string | undefined): Promise<string> {
  if (!sessionId) return 'aal1';
  const { rows } = await q.query<{ aal: string | null }>('select aal from auth.sessions where id = $1', [sessionId]);
  return rows[0]?.aal ?? 'aal1';
}

function requireNotAnonymous(auth: Authenticated): void {
  if (auth.user.row.is_anonymous) throw forbidden('no_authorization', 'Anonymous user not allowed to perform these actions');
}

/** GoTrue's loadFactor: the factor must be the caller's. */
async function loadFactor(q: Queryable, userId: string, factorId: string): Promise<FactorRow & { secret: string | null }> {
  if (!isUuid(factorId)) throw notFound('mfa_factor_not_found', 'Factor not found');
  const { rows } = await q.query<{ id: string; secret: string | null }>('select id::text, secret from auth.mfa_factors where id = $1 and user_id = $2', [
    factorId.toLowerCase(),
    userId,
  ]);
  if (!rows[0]) throw notFound('mfa_factor_not_found', 'Factor not found');
  const factor = (await loadFactors(q, [userId])).find((f) => f.id === rows[0]!.id)!;
  return { ...factor, secret: rows[0].secret };
}

/** POST /factors: a new, unverified TOTP factor with its secret, otpauth URI and QR code. */
export async function enrollFactor(deps: AuthDeps, req: HttpRequest, auth: Authenticated): Promise<ApiResponse> {
  requireNotAnonymous(auth);
  const { config, db } = deps.ctx;
  const mfa = config.auth.mfa;
  if (!auth.sessionId) throw badRequest('validation_failed', 'A valid session and a registered user are required to enroll a factor');
  const body = parseBody(req, enrollBody);
  const type = body.factor_type ?? '';
  if (type === 'phone') throw unprocessable('mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
  if (type === 'webauthn') throw unprocessable('mfa_web_authn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn');
  if (type !== 'totp') throw badRequest('validation_failed', 'factor_type needs to be totp, phone, or webauthn');
  if (!mfa.totpEnroll) throw unprocessable('mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP');

  const userId = auth.user.row.id;
  const friendlyName = body.friendly_name ?? '';
  // GoTrue's validateFactors: forget stale unverified factors, then the name and count rules.
  await db.query(`delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and created_at < now() - make_interval(secs => $2)`, [
    userId,
    mfa.factorExpirySec,
  ]);
  const factors = await loadFactors(db, [userId]);
  if (friendlyName !== '' && factors.some((f) => f.friendly_name === friendlyName)) {
    throw unprocessable('mfa_factor_name_conflict', `A factor with the friendly name "${friendlyName}" for this user already exists`);
  }
  const verified = factors.filter((f) => f.status === 'verified').length;
  if (factors.length >= mfa.maxEnrolledFactors || verified >= mfa.maxVerifiedFactors) {
    throw unprocessable('too_many_enrolled_mfa_factors', 'Maximum number of verified factors reached, unenroll to continue');
  }
  if (verified > 0 && (await sessionAal(db, auth.sessionId)) !== 'aal2') {
    throw forbidden('insufficient_aal', 'AAL2 required to enroll a new factor');
  }

  let issuer = body.issuer ?? '';
  if (issuer === '') {
    try {
      issuer = new URL(config.auth.siteUrl).host;
    } catch {
      throw new Error('site url is improperly formatted');
    }
  }
  const totp = new TOTP({ ...TOTP_SETTINGS, issuer, label: auth.user.row.email ?? '', secret: new Secret({ size: 20 }) });
  const uri = totp.toString();
  const factorId = randomUUID();
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
       values ($1, $2, $3, 'totp', 'unverified', now(), now(), $4)`,
      [factorId, userId, friendlyName, totp.secret.base32],
    );
    await audit(tx, { id: userId, email: auth.user.row.email }, 'factor_in_progress', requestIp(deps, req), { factor_id: factorId });
  });
  return jsonResponse(200, {
    id: factorId,
    type: 'totp',
    friendly_name: friendlyName,
    totp: { qr_code: renderSVG(uri, { pixelSize: 3 }), secret: totp.secret.base32, uri },
  });
}

/** POST /factors/{id}/challenge: a challenge to answer with the current code before it expires. */
export async function challengeFactor(deps: AuthDeps, req: HttpRequest, auth: Authenticated, factorId: string): Promise<ApiResponse> {
  requireNotAnonymous(auth);
  const { config, db } = deps.ctx;
  const factor = await loadFactor(db, auth.user.row.id, factorId);
  if (factor.factor_type !== 'totp') throw unprocessable('mfa_phone_verify_not_enabled', 'MFA verification is disabled for Phone');
  if (!config.auth.mfa.totpVerify) throw unprocessable('mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
  rateLimit(deps, req, 'factorChallenge');
  const ip = requestIp(deps, req);
  const challengeId = randomUUID();
  const expiresAt = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ expires_at: string | number }>(
      `insert into auth.mfa_challenges (id, factor_id, created_at, ip_address) values ($1, $2, now(), $3::inet)
       returning floor(extract(epoch from created_at + make_interval(secs => $4)))::bigint as expires_at`,
      [challengeId, factor.id, isIP(ip) ? ip : '0.0.0.0', config.auth.mfa.challengeExpirySec],
    );
    await tx.query('update auth.mfa_factors set last_challenged_at = now(), updated_at = now() where id = $1', [factor.id]);
    await audit(tx, { id: auth.user.row.id, email: auth.user.row.email }, 'challenge_created', ip, { factor_id: factor.id, factor_status: factor.status });
    return Number(rows[0]!.expires_at);
  });
  return jsonResponse(200, { id: challengeId, type: 'totp', expires_at: expiresAt });
}

/**
 * POST /factors/{id}/verify: checks the code against a live challenge from the same address; the
 * factor becomes verified, the session AAL2 (its refresh token rotated), the user's AAL1 sessions
 * end and other unverified TOTP factors go.
 */
export async function verifyFactor(deps: AuthDeps, req: HttpRequest, auth: Authenticated, factorId: string): Promise<ApiResponse> {
  requireNotAnonymous(auth);
  const { config, db } = deps.ctx;
  const body = parseBody(req, mfaVerifyBody);
  const code = body.code ?? '';
  const factor = await loadFactor(db, auth.user.row.id, factorId);
  if (code === '') throw badRequest('validation_failed', 'Code needs to be non-empty');
  if (factor.factor_type !== 'totp') throw unprocessable('mfa_phone_verify_not_enabled', 'MFA verification is disabled for Phone');
  if (!config.auth.mfa.totpVerify) throw unprocessable('mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
  rateLimit(deps, req, 'factorVerify');
  const sessionId = auth.sessionId;
  if (!sessionId) throw badRequest('validation_failed', 'A valid session is required to verify a factor');

  const challengeId = body.challenge_id ?? '';
  const ip = requestIp(deps, req);
  const { rows } = isUuid(challengeId)
    ? await db.query<{ id: string; ip: string; verified: boolean; expired: boolean }>(
        `select id::text, host(ip_address) as ip, verified_at is not null as verified,
                created_at + make_interval(secs => $3) < now() as expired
           from auth.mfa_challenges where id = $1 and factor_id = $2`,
        [challengeId.toLowerCase(), factor.id, config.auth.mfa.challengeExpirySec],
      )
    : { rows: [] };
  const challenge = rows[0];
  if (!challenge) throw unprocessable('mfa_factor_not_found', 'MFA factor with the provided challenge ID not found');
  if (challenge.verified || challenge.ip !== (isIP(ip) ? ip : '0.0.0.0')) {
    throw unprocessable('mfa_ip_address_mismatch', 'Challenge and verify IP addresses mismatch.');
  }
  if (challenge.expired) {
    await db.query('delete from auth.mfa_challenges where id = $1', [challenge.id]);
    throw unprocessable('mfa_challenge_expired', `MFA challenge ${challenge.id} has expired, verify against another challenge or create a new challenge.`);
  }
  const totp = new TOTP({ ...TOTP_SETTINGS, secret: Secret.fromBase32(factor.secret ?? '') });
  if (totp.validate({ token: code, window: 1 }) === null) throw unprocessable('mfa_verification_failed', 'Invalid TOTP code entered');

  const session = await db.transaction(async (tx) => {
    const actor = { id: auth.user.row.id, email: auth.user.row.email };
    await audit(tx, actor, 'verification_attempted', ip, { factor_id: factor.id, challenge_id: challenge.id, factor_type: 'totp' });
    await tx.query('update auth.mfa_challenges set verified_at = now() where id = $1', [challenge.id]);
    if (factor.status !== 'verified') await tx.query("update auth.mfa_factors set status = 'verified', updated_at = now() where id = $1", [factor.id]);
    // GoTrue's updateMFASessionAndClaims: the TOTP claim on the session, AAL2, a fresh refresh token.
    await tx.query(
      `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method) values ($1, $2, now(), now(), 'totp')
       on conflict (session_id, authentication_method) do update set updated_at = excluded.updated_at`,
      [randomUUID(), sessionId],
    );
    await tx.query("update auth.sessions set aal = 'aal2', factor_id = $2, updated_at = now() where id = $1", [sessionId, factor.id]);
    const current = await activeRefreshToken(tx, sessionId);
    const row = current ? await findRefreshToken(tx, current.token) : undefined;
    if (!row) throw unprocessable('session_not_found', 'Session has no active refresh token');
    const issued = await swapRefreshToken(tx, row);
    await tx.query("delete from auth.sessions where user_id = $1 and (aal is null or aal < 'aal2')", [actor.id]);
    await tx.query("delete from auth.mfa_factors where user_id = $1 and factor_type = 'totp' and status = 'unverified'", [actor.id]);
    return tokenResponse(tx, (await findUserById(tx, actor.id))!, sessionId, issued, signingConfig(deps));
  });
  return jsonResponse(200, session);
}

/** DELETE /factors/{id}: a verified factor only from an AAL2 session; sessions it raised drop to AAL1. */
export async function unenrollFactor(deps: AuthDeps, req: HttpRequest, auth: Authenticated, factorId: string): Promise<ApiResponse> {
  requireNotAnonymous(auth);
  const { db } = deps.ctx;
  const factor = await loadFactor(db, auth.user.row.id, factorId);
  if (factor.status === 'verified' && (await sessionAal(db, auth.sessionId)) !== 'aal2') {
    throw unprocessable('insufficient_aal', 'AAL2 required to unenroll verified factor');
  }
  await db.transaction(async (tx) => {
    await removeFactor(tx, factor);
    await audit(tx, { id: auth.user.row.id, email: auth.user.row.email }, 'factor_unenrolled', requestIp(deps, req), {
      factor_id: factor.id,
      factor_status: factor.status,
      session_id: auth.sessionId,
    });
  });
  return jsonResponse(200, { id: factor.id });
}

/** Deletes a factor; sessions it raised lose its claim and drop to AAL1 (GoTrue's DowngradeSessionsToAAL1). */
async function removeFactor(q: Queryable, factor: FactorRow): Promise<void> {
  await q.query(
    `delete from auth.mfa_amr_claims c using auth.sessions s
      where c.session_id = s.id and s.factor_id = $1 and c.authentication_method = $2`,
    [factor.id, factor.factor_type],
  );
  await q.query("update auth.sessions set aal = 'aal1', factor_id = null, updated_at = now() where factor_id = $1", [factor.id]);
  await q.query('delete from auth.mfa_factors where id = $1', [factor.id]);
}

/** GET /admin/users/{id}/factors. */
export async function adminListFactors(user: LoadedUser): Promise<ApiResponse> {
  return jsonResponse(200, user.factors.map(factorJson));
}

/** DELETE /admin/users/{id}/factors/{factor_id}: the factor as it was. */
export async function adminDeleteFactor(deps: AuthDeps, user: LoadedUser, factorId: string): Promise<ApiResponse> {
  const factor = await loadFactor(deps.ctx.db, user.row.id, factorId);
  await deps.ctx.db.transaction((tx) => removeFactor(tx, factor));
  const { secret: _secret, ...shown } = factor;
  return jsonResponse(200, factorJson(shown));
}
