import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, decodeProtectedHeader, errors } from 'jose';
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

export async function signAccessToken(claims: AccessTokenClaims, secret: string): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** An opaque refresh token like GoTrue's crypto.SecureAlphanumeric(12): 12 lower-case base32 characters. */
export function newRefreshToken(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

const prefix = 'invalid JWT: unable to parse or verify signature, ';

/**
 * Verifies a bearer token as GoTrue's parseJWTClaims does (golang-jwt v5, HS256 only, no
 * leeway) and fails with its 403 `bad_jwt` messages.
 */
export async function verifyBearer(token: string, secret: string): Promise<BearerClaims> {
  const parts = token.split('.');
  if (parts.length !== 3) throw forbidden('bad_jwt', `${prefix}token is malformed: token contains an invalid number of segments`);
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw forbidden('bad_jwt', `${prefix}token is malformed: could not JSON decode header`);
  }
  if (typeof alg !== 'string' || alg === '') {
    throw forbidden('bad_jwt', `${prefix}token is unverifiable: signing method (alg) is unavailable`);
  }
  if (alg !== 'HS256') throw forbidden('bad_jwt', `${prefix}token signature is invalid: signing method ${alg} is invalid`);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    return payload as BearerClaims;
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw forbidden('bad_jwt', `${prefix}token has invalid claims: token is expired`);
    if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'nbf') {
      throw forbidden('bad_jwt', `${prefix}token has invalid claims: token is not valid yet`);
    }
    if (e instanceof errors.JWSSignatureVerificationFailed) {
      throw forbidden('bad_jwt', `${prefix}token signature is invalid: signature is invalid`);
    }
    throw forbidden('bad_jwt', `${prefix}token is malformed: could not JSON decode claim`);
  }
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
