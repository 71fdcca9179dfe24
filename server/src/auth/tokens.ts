import { randomBytes } from 'node:crypto';
import { describeFailure, type FailureTable, type JwtKeys, signHs256, verify, type VerifyOptions } from '../jwt.ts';
import { badRequest, forbidden } from './errors.ts';
import { isUuid, NIL_UUID } from './validation.ts';

/** The claims GoTrue puts in an access token, in the order its AccessTokenClaims struct marshals them. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  email: string;
  phone: string;
  app_metadata: Record<string, unknown> | null;
  user_metadata: Record<string, unknown> | null;
  role: string;
  aal: string;
  amr?: { method: string; timestamp: number }[];
  session_id: string;
  is_anonymous: boolean;
}

export type BearerClaims = Record<string, unknown> & { sub?: unknown; role?: unknown; session_id?: unknown; aud?: unknown };

export function signAccessToken(claims: AccessTokenClaims, keys: JwtKeys): Promise<string> {
  return signHs256({ ...claims }, keys);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** An opaque refresh token like GoTrue's crypto.SecureAlphanumeric(12): 12 lower-case base32 characters. */
export function newRefreshToken(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

/** How GoTrue's parseJWTClaims verifies (golang-jwt v5, HS256 only, no leeway). */
const GOTRUE_JWT: VerifyOptions = { algorithms: ['HS256'], leeway: 0, notBefore: true, issuedAt: 'type' };

/** golang-jwt's error text for each failure, after GoTrue's own prefix. */
const GOTRUE_JWT_ERRORS: FailureTable<string> = {
  segments: () => 'token is malformed: token contains an invalid number of segments',
  header: () => 'token is malformed: could not JSON decode header',
  claims: () => 'token is malformed: could not JSON decode claim',
  claim_type: () => 'token is malformed: could not JSON decode claim',
  no_algorithm: () => 'token is unverifiable: signing method (alg) is unavailable',
  algorithm: (f) => `token signature is invalid: signing method ${f.alg} is invalid`,
  signature: () => 'token signature is invalid: signature is invalid',
  expired: () => 'token has invalid claims: token is expired',
  not_yet_valid: () => 'token has invalid claims: token is not valid yet',
  issued_in_future: () => 'token has invalid claims: token used before issued',
};

/** Verifies a bearer token as GoTrue does and fails with its 403 `bad_jwt` messages. */
export async function verifyBearer(token: string, keys: JwtKeys): Promise<BearerClaims> {
  const result = await verify(token, keys, GOTRUE_JWT);
  if (!result.ok) {
    const text = describeFailure(GOTRUE_JWT_ERRORS, result.failure);
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${text}`);
  }
  return result.claims as BearerClaims;
}

/** The user id a token names, with GoTrue's errors for a missing or non-UUID `sub`. */
export function subjectOf(claims: BearerClaims): string {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (sub === '') throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  return sub.toLowerCase();
}

/** The session a token names, or undefined when it has none (an empty or nil `session_id`). */
export function sessionIdOf(claims: BearerClaims): string | undefined {
  const sid = typeof claims.session_id === 'string' ? claims.session_id : '';
  if (sid === '' || sid === NIL_UUID) return undefined;
  if (!isUuid(sid)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
  return sid.toLowerCase();
}
