/**
 * Reads supabase/config.toml, the file the Supabase CLI reads, into server settings: `[api]`
 * schemas, search path and row limit for the REST layer, `[auth]` and its email and rate-limit
 * sections for the auth service, `[inbucket]` for the mail catcher. Values written `env(NAME)` are
 * taken from the environment, as the CLI does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { durationSeconds } from './auth/go-duration.ts';
import type { ConfigOverrides } from './config.ts';

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function readSupabaseConfig(file: string, env: NodeJS.ProcessEnv = process.env): ConfigOverrides {
  if (!existsSync(file)) return {};
  let doc: Table;
  try {
    doc = parse(readFileSync(file, 'utf8')) as Table;
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`, { cause: e });
  }

  /** The value at `path`, checked to be of the expected kind; env(NAME) substituted. */
  const at = (path: string): unknown => {
    let node: unknown = doc;
    for (const key of path.split('.')) node = isTable(node) ? node[key] : undefined;
    if (typeof node === 'string') {
      const ref = /^env\((\w+)\)$/.exec(node.trim());
      if (ref) return env[ref[1]!];
    }
    return node;
  };
  const fail = (path: string, expected: string, value: unknown): never => {
    throw new Error(`${file}: ${path} must be ${expected}, got ${JSON.stringify(value)}`);
  };
  const str = (path: string): string | undefined => {
    const v = at(path);
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v : fail(path, 'a string', v);
  };
  const num = (path: string): number | undefined => {
    const v = at(path);
    if (v === undefined) return undefined;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) ? n : fail(path, 'a number', v);
  };
  const bool = (path: string): boolean | undefined => {
    const v = at(path);
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    return typeof v === 'boolean' ? v : fail(path, 'true or false', v);
  };
  const strings = (path: string): string[] | undefined => {
    const v = at(path);
    if (v === undefined) return undefined;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fail(path, 'a list of strings', v);
  };
  const seconds = (path: string): number | undefined => {
    const v = at(path);
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    return typeof v === 'string' ? durationSeconds(v, `${file}: ${path}`) : fail(path, 'a duration such as "60s"', v);
  };
  const not = (b: boolean | undefined) => (b === undefined ? undefined : !b);

  return {
    port: num('api.port'),
    dbSchemas: strings('api.schemas'),
    extraSearchPath: strings('api.extra_search_path'),
    maxRows: num('api.max_rows'),
    jwtExpiry: num('auth.jwt_expiry'),
    auth: {
      siteUrl: str('auth.site_url'),
      additionalRedirectUrls: strings('auth.additional_redirect_urls'),
      disableSignup: not(bool('auth.enable_signup')),
      anonymousSignIns: bool('auth.enable_anonymous_sign_ins'),
      minPasswordLength: num('auth.minimum_password_length'),
      refreshTokenReuseIntervalSec: num('auth.refresh_token_reuse_interval'),
      autoconfirm: not(bool('auth.email.enable_confirmations')),
      email: {
        enableSignup: bool('auth.email.enable_signup'),
        doubleConfirmChanges: bool('auth.email.double_confirm_changes'),
        securePasswordChange: bool('auth.email.secure_password_change'),
        maxFrequencySec: seconds('auth.email.max_frequency'),
        otpLength: num('auth.email.otp_length'),
        otpExpirySec: num('auth.email.otp_expiry'),
      },
      mfa: {
        maxEnrolledFactors: num('auth.mfa.max_enrolled_factors'),
        totpEnroll: bool('auth.mfa.totp.enroll_enabled'),
        totpVerify: bool('auth.mfa.totp.verify_enabled'),
      },
      rateLimit: {
        tokenRefresh: num('auth.rate_limit.token_refresh'),
        signInSignUps: num('auth.rate_limit.sign_in_sign_ups'),
        tokenVerifications: num('auth.rate_limit.token_verifications'),
        anonymousUsers: num('auth.rate_limit.anonymous_users'),
      },
    },
    mail: {
      port: num('inbucket.port'),
      adminEmail: str('inbucket.admin_email'),
      senderName: str('inbucket.sender_name'),
    },
  };
}
