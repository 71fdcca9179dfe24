/**
 * Access-token checks as Realtime makes them: the signature (HS256/384/512 with the project
 * secret), `exp` in the future with no clock skew, and both `role` and `exp` present.
 */
import { describeFailure, type FailureTable, type JwtKeys, verify, type VerifyOptions } from '../jwt.ts';

export type Claims = Record<string, unknown> & { role: string; exp: number };

export type TokenFailure =
  | { kind: 'malformed' }
  | { kind: 'signer' }
  | { kind: 'signature' }
  | { kind: 'expired'; secondsAgo: number }
  | { kind: 'missing_claims' };

export type TokenCheck = { ok: true; claims: Claims } | { ok: false; failure: TokenFailure };

const REALTIME_JWT: VerifyOptions = { algorithms: ['HS256', 'HS384', 'HS512'], leeway: 0, notBefore: false, issuedAt: 'ignored' };

/** Realtime's failure for each of the verifier's reasons (nbf and iat are never checked here). */
const REALTIME_FAILURES: FailureTable<TokenFailure> = {
  segments: () => ({ kind: 'malformed' }),
  header: () => ({ kind: 'malformed' }),
  claims: () => ({ kind: 'malformed' }),
  no_algorithm: () => ({ kind: 'signer' }),
  algorithm: () => ({ kind: 'signer' }),
  signature: () => ({ kind: 'signature' }),
  claim_type: () => ({ kind: 'missing_claims' }),
  expired: (f) => ({ kind: 'expired', secondsAgo: f.secondsAgo }),
  not_yet_valid: () => ({ kind: 'missing_claims' }),
  issued_in_future: () => ({ kind: 'missing_claims' }),
};

export class TokenVerifier {
  constructor(private readonly keys: JwtKeys) {}

  async verify(raw: string): Promise<TokenCheck> {
    let token = raw;
    try {
      token = decodeURIComponent(raw);
    } catch {
      // not percent-encoded; use as sent
    }
    const result = await verify(token.replace(/\s/g, ''), this.keys, REALTIME_JWT);
    if (!result.ok) return { ok: false, failure: describeFailure(REALTIME_FAILURES, result.failure) };
    const { claims } = result;
    if (typeof claims.role !== 'string' || typeof claims.exp !== 'number' || !Number.isInteger(claims.exp)) {
      return { ok: false, failure: { kind: 'missing_claims' } };
    }
    return { ok: true, claims: claims as Claims };
  }
}

/** Realtime's texts for a failure: the `reason` of a refused `phx_join`, and the `system` message sent before shutting a joined channel. */
const MESSAGES: { [K in TokenFailure['kind']]: (f: Extract<TokenFailure, { kind: K }>) => [join: string, shutdown: string] } = {
  malformed: () => ['MalformedJWT: The token provided is not a valid JWT', 'The token provided is not a valid JWT'],
  signer: () => ['JwtSignerError: Failed to generate JWT signer, check your JWT secret or JWKS configuration', ':error_generating_signer'],
  signature: () => ['JwtSignatureError: Failed to validate JWT signature', ':signature_error'],
  expired: (f) => [`InvalidJWTToken: Token has expired ${f.secondsAgo} seconds ago`, `Token has expired ${f.secondsAgo} seconds ago`],
  missing_claims: () => ['InvalidJWTToken: Fields `role` and `exp` are required in JWT', 'Fields `role` and `exp` are required in JWT'],
};

const messages = (f: TokenFailure) => (MESSAGES[f.kind] as (f: TokenFailure) => [string, string])(f);

export const joinErrorReason = (f: TokenFailure): string => messages(f)[0];
export const shutdownMessage = (f: TokenFailure): string => messages(f)[1];
