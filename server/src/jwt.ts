import { SignJWT, jwtVerify, decodeProtectedHeader, errors } from 'jose';

export type JwtClaims = Record<string, unknown> & { role?: string; sub?: string; exp?: number };

export type JwtFailure =
  | { kind: 'malformed'; message: string }
  | { kind: 'expired'; message: string }
  | { kind: 'invalid'; message: string };

/** PostgREST allows 30 s of clock skew on exp, nbf and iat. */
export const CLOCK_SKEW_SECONDS = 30;

export class JwtKeys {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: JwtClaims, options: { expiresInSeconds?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
    if (claims.iat === undefined) jwt.setIssuedAt(now);
    if (options.expiresInSeconds !== undefined) jwt.setExpirationTime(now + options.expiresInSeconds);
    return jwt.sign(this.key);
  }

  /** Verifies an HS256 token; everything else (alg none, RS256, bad signature, expiry) fails. */
  async verify(token: string): Promise<{ ok: true; claims: JwtClaims } | { ok: false; error: JwtFailure }> {
    const parts = token.split('.');
    if (parts.length !== 3) {
      return { ok: false, error: { kind: 'malformed', message: `Expected 3 parts in JWT; got ${parts.length}` } };
    }
    try {
      decodeProtectedHeader(token);
    } catch {
      return { ok: false, error: { kind: 'malformed', message: 'JWT cryptographic operation failed' } };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], clockTolerance: CLOCK_SKEW_SECONDS });
      const now = Math.floor(Date.now() / 1000);
      if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS) {
        return { ok: false, error: { kind: 'invalid', message: 'JWT issued at future' } };
      }
      return { ok: true, claims: payload as JwtClaims };
    } catch (e) {
      if (e instanceof errors.JWTExpired) return { ok: false, error: { kind: 'expired', message: 'JWT expired' } };
      if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'nbf') {
        return { ok: false, error: { kind: 'invalid', message: 'JWT not yet valid' } };
      }
      return { ok: false, error: { kind: 'invalid', message: 'JWT cryptographic operation failed' } };
    }
  }
}
