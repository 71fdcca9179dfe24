/**
 * The server's one JWT verifier. Each service (GoTrue, PostgREST, Realtime) calls `verify` with
 * its own options and turns a failure's `reason` into its upstream error text with a small table
 * of its own. Checks run in the order the upstream libraries make them: shape, header, claims
 * JSON, algorithm, signature, then the time claims.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';

export type JwtClaims = Record<string, unknown>;

/** PostgREST allows 30 s of clock skew on exp, nbf and iat; GoTrue and Realtime allow none. */
export const CLOCK_SKEW_SECONDS = 30;

export type JwtFailure =
  | { reason: 'segments'; count: number }
  | { reason: 'header' }
  | { reason: 'claims' }
  | { reason: 'no_algorithm' }
  | { reason: 'algorithm'; alg: string }
  | { reason: 'signature' }
  /** A registered time claim (`exp`, `nbf`, `iat`) that is not a number. */
  | { reason: 'claim_type'; claim: 'exp' | 'nbf' | 'iat' }
  | { reason: 'expired'; secondsAgo: number }
  | { reason: 'not_yet_valid' }
  | { reason: 'issued_in_future' };

export type JwtFailureReason = JwtFailure['reason'];

/** A service's upstream answer for each failure reason. */
export type FailureTable<T> = { [R in JwtFailureReason]: (failure: Extract<JwtFailure, { reason: R }>) => T };

export function describeFailure<T>(table: FailureTable<T>, failure: JwtFailure): T {
  return (table[failure.reason] as (f: JwtFailure) => T)(failure);
}

export type JwtResult = { ok: true; claims: JwtClaims } | { ok: false; failure: JwtFailure };

export interface VerifyOptions {
  /** The HMAC algorithms accepted with the project secret. */
  algorithms: readonly string[];
  /** Seconds of clock skew allowed on the time claims. */
  leeway: number;
  /** Refuse a token whose `nbf` lies ahead. */
  notBefore: boolean;
  /** `type`: a present `iat` must be a number; `past`: and not lie ahead; `ignored`: not looked at. */
  issuedAt: 'ignored' | 'type' | 'past';
}

/** The project's signing secret, encoded once. */
export class JwtKeys {
  readonly secret: Uint8Array;
  constructor(secret: string) {
    this.secret = new TextEncoder().encode(secret);
  }
}

const fail = (failure: JwtFailure): JwtResult => ({ ok: false, failure });

// In jose's order: iat's type, then nbf, then exp, then (for PostgREST) iat in the future.
function checkTimes(claims: JwtClaims, options: VerifyOptions): JwtFailure | undefined {
  const now = Math.floor(Date.now() / 1000);
  const { exp, nbf, iat } = claims;
  if (options.issuedAt !== 'ignored' && iat !== undefined && typeof iat !== 'number') return { reason: 'claim_type', claim: 'iat' };
  if (options.notBefore && nbf !== undefined) {
    if (typeof nbf !== 'number') return { reason: 'claim_type', claim: 'nbf' };
    if (nbf > now + options.leeway) return { reason: 'not_yet_valid' };
  }
  if (exp !== undefined) {
    if (typeof exp !== 'number') return { reason: 'claim_type', claim: 'exp' };
    if (exp <= now - options.leeway) return { reason: 'expired', secondsAgo: now - exp };
  }
  if (options.issuedAt === 'past' && typeof iat === 'number' && iat > now + options.leeway) return { reason: 'issued_in_future' };
  return undefined;
}

/** Verifies a compact JWS signed with the project secret and checks its time claims. */
export async function verify(token: string, keys: JwtKeys, options: VerifyOptions): Promise<JwtResult> {
  const parts = token.split('.');
  if (parts.length !== 3) return fail({ reason: 'segments', count: parts.length });
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return fail({ reason: 'header' });
  }
  let claims: JwtClaims;
  try {
    claims = decodeJwt(token);
  } catch {
    return fail({ reason: 'claims' });
  }
  if (typeof alg !== 'string' || alg === '') return fail({ reason: 'no_algorithm' });
  if (!options.algorithms.includes(alg)) return fail({ reason: 'algorithm', alg });
  try {
    await compactVerify(token, keys.secret, { algorithms: [alg] });
  } catch {
    return fail({ reason: 'signature' });
  }
  const failure = checkTimes(claims, options);
  return failure ? fail(failure) : { ok: true, claims };
}

/** Signs claims with HS256 exactly as given (GoTrue's access tokens carry their own iat and exp). */
export function signHs256(claims: JwtClaims, keys: JwtKeys): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keys.secret);
}
