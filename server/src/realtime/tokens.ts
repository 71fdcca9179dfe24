/**
 * Access-token checks as Realtime makes them: the signature (HS256/384/512 with the project
 * secret), `exp` in the future with no clock skew, and both `role` and `exp` present.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';

export type Claims = Record<string, unknown> & { role: string; exp: number };

export type TokenFailure =
  | { kind: 'malformed' }
  | { kind: 'signer' }
  | { kind: 'signature' }
  | { kind: 'expired'; secondsAgo: number }
  | { kind: 'missing_claims' };

export type TokenCheck = { ok: true; claims: Claims } | { ok: false; failure: TokenFailure };

const HS_ALGORITHMS = ['HS256', 'HS384', 'HS512'];

export class TokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async verify(raw: string): Promise<TokenCheck> {
    let token = raw;
    try {
      token = decodeURIComponent(raw);
    } catch {
      // not percent-encoded; use as sent
    }
    token = token.replace(/\s/g, '');
    let alg: string | undefined;
    let claims: Record<string, unknown>;
    try {
      alg = decodeProtectedHeader(token).alg;
      claims = decodeJwt(token);
    } catch {
      return { ok: false, failure: { kind: 'malformed' } };
    }
    if (!alg || !HS_ALGORITHMS.includes(alg)) return { ok: false, failure: { kind: 'signer' } };
    try {
      await compactVerify(token, this.key, { algorithms: [alg] });
    } catch {
      return { ok: false, failure: { kind: 'signature' } };
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = claims.exp;
    if (typeof exp === 'number' && exp <= now) return { ok: false, failure: { kind: 'expired', secondsAgo: now - exp } };
    if (!('role' in claims) || typeof exp !== 'number' || !Number.isInteger(exp) || typeof claims.role !== 'string') {
      return { ok: false, failure: { kind: 'missing_claims' } };
    }
    return { ok: true, claims: claims as Claims };
  }
}

/** The `reason` of a refused `phx_join`. */
export function joinErrorReason(f: TokenFailure): string {
  switch (f.kind) {
    case 'malformed':
      return 'MalformedJWT: The token provided is not a valid JWT';
    case 'signer':
      return 'JwtSignerError: Failed to generate JWT signer, check your JWT secret or JWKS configuration';
    case 'signature':
      return 'JwtSignatureError: Failed to validate JWT signature';
    case 'expired':
      return `InvalidJWTToken: Token has expired ${f.secondsAgo} seconds ago`;
    case 'missing_claims':
      return 'InvalidJWTToken: Fields `role` and `exp` are required in JWT';
  }
}

/** The `system` message that precedes closing a joined channel whose token stopped being valid. */
export function shutdownMessage(f: TokenFailure): string {
  switch (f.kind) {
    case 'malformed':
      return 'The token provided is not a valid JWT';
    case 'signer':
      return ':error_generating_signer';
    case 'signature':
      return ':signature_error';
    case 'expired':
      return `Token has expired ${f.secondsAgo} seconds ago`;
    case 'missing_claims':
      return 'Fields `role` and `exp` are required in JWT';
  }
}
