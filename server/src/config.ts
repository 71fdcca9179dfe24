import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { durationSeconds } from './auth/go-duration.ts';
import { readSupabaseConfig } from './supabase-config.ts';

/** The Supabase CLI's local defaults, so one `.env` works against this server or `supabase start`. */
export const DEMO_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const DEMO_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const DEMO_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
/** The Supabase CLI's local publishable and secret keys (`supabase status`). */
export const DEMO_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const DEMO_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

/**
 * The JWT the gateway hands the services for an API key: the anon or service_role JWT for the
 * opaque publishable or secret key, the key itself when it is one of those JWTs; undefined otherwise.
 */
export function apiKeyJwt(config: Pick<ServerConfig, 'anonKey' | 'serviceRoleKey' | 'publishableKey' | 'secretKey'>, key: string): string | undefined {
  if (key === config.publishableKey) return config.anonKey;
  if (key === config.secretKey) return config.serviceRoleKey;
  if (key === config.anonKey || key === config.serviceRoleKey) return key;
  return undefined;
}

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerConfig {
  host: string;
  port: number;
  /** Public URL clients use; also the JWT `iss` base. */
  siteUrl: string;
  jwtSecret: string;
  jwtExpiry: number;
  anonKey: string;
  serviceRoleKey: string;
  /**
   * The opaque API keys the Supabase CLI prints (`sb_publishable_…`, `sb_secret_…`): the gateway
   * accepts them as `apikey` and hands the services the anon or service_role JWT in their place.
   */
  publishableKey: string;
  secretKey: string;
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl: string | undefined;
  /** PGlite data directory; `memory://` for a throwaway database. */
  dataDir: string;
  /** PGlite on disk flushes every commit to disk; `DUIZHAO_DURABLE_COMMITS=false` opts out (throwaway data). */
  durableCommits: boolean;
  migrationsDir: string;
  seedFile: string | undefined;
  /** Hosted Supabase answers 401 without an `apikey`; the CLI's local gateway does not. */
  requireApiKey: boolean;
  /**
   * CORS as Supabase's gateway: any origin (`*`) without credentials. A list of origins
   * (`DUIZHAO_CORS_ORIGINS`, comma-separated) is echoed back to those origins only, with
   * credentials allowed when `DUIZHAO_CORS_CREDENTIALS=true`.
   */
  cors: { origins: '*' | string[]; credentials: boolean };
  maxRows: number;
  maxBodyBytes: number;
  dbSchemas: string[];
  extraSearchPath: string[];
  auth: {
    minPasswordLength: number;
    disableSignup: boolean;
    /** Email sign-ups are confirmed at once (`[auth.email] enable_confirmations = false`). */
    autoconfirm: boolean;
    anonymousSignIns: boolean;
    refreshTokenReuseIntervalSec: number;
    /** GoTrue's SITE_URL: where users land after following an email link, and the base of allowed redirects. */
    siteUrl: string;
    /** Further redirect targets, exact URLs or globs (`*` within a host or path segment, `**` across them). */
    additionalRedirectUrls: string[];
    email: {
      /** Digits in an email one-time code. */
      otpLength: number;
      /** Seconds an email link or code stays valid. */
      otpExpirySec: number;
      /** Seconds before another mail of the same kind may go to the same user. */
      maxFrequencySec: number;
      /** An email change needs confirming from both the old and the new address. */
      doubleConfirmChanges: boolean;
      /** A password change in a session older than a day needs a reauthentication code (`nonce`). */
      securePasswordChange: boolean;
      /** New users may sign up with an email address ([auth.email] enable_signup). */
      enableSignup: boolean;
    };
    mfa: {
      /** Factors a user may have enrolled, verified or not ([auth.mfa] max_enrolled_factors). */
      maxEnrolledFactors: number;
      maxVerifiedFactors: number;
      totpEnroll: boolean;
      totpVerify: boolean;
      /** Seconds a challenge may be answered in. */
      challengeExpirySec: number;
      /** Seconds an unverified factor is kept. */
      factorExpirySec: number;
    };
    /**
     * The request header that carries the client's address, set by a trusted proxy in front of the
     * server (GoTrue's GOTRUE_RATE_LIMIT_HEADER, e.g. X-Forwarded-For: its first entry is used).
     * Unset, the socket's peer address is the client, so nobody can pick their own rate-limit key.
     */
    clientAddressHeader: string | undefined;
    /** Per client address, refilled per window as GoTrue's tollbooth limiters are ([auth.rate_limit]). */
    rateLimit: {
      /** /token requests (token_refresh). */
      tokenRefresh: number;
      /** Sign-ups, OTP and magic-link, recovery and resend requests, and user updates (sign_in_sign_ups). */
      signInSignUps: number;
      /** /verify requests (token_verifications). */
      tokenVerifications: number;
      /** Anonymous sign-ins per hour (anonymous_users). */
      anonymousUsers: number;
      /** MFA challenges and verifications per minute. */
      mfaChallengeAndVerify: number;
      /** Requests a client address may make at once before the refill rate applies (tollbooth's burst, 30). */
      burst: number;
      /** Failed password sign-ins per account per window; further attempts are refused before any password check. */
      signInFailuresPerAccount: number;
      windowMs: number;
    };
  };
  logRequests: boolean;
  /** The local mail catcher (the Supabase CLI's [inbucket]). */
  mail: {
    /** 54324 as the CLI; 0 (any free port) when the API itself is on port 0. */
    port: number;
    host: string;
    /** The sender of auth emails ([inbucket] admin_email, sender_name). */
    adminEmail: string;
    senderName: string;
  };
}

/** The settings file the Supabase CLI reads; `DUIZHAO_SUPABASE_CONFIG` names another. */
export const SUPABASE_CONFIG = path.join(PROJECT_ROOT, 'supabase', 'config.toml');

type Env = NodeJS.ProcessEnv;

function int(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
}

/** `DUIZHAO_CORS_ORIGINS` (comma-separated, or `*`) and `DUIZHAO_CORS_CREDENTIALS` (only with a list). */
function cors(env: Env): ServerConfig['cors'] | undefined {
  const raw = (env.DUIZHAO_CORS_ORIGINS ?? '').trim();
  if (raw === '' && env.DUIZHAO_CORS_CREDENTIALS === undefined) return undefined;
  const origins = raw === '' || raw === '*' ? '*' : raw.split(',').map((o) => o.trim()).filter(Boolean);
  return { origins, credentials: origins !== '*' && bool(env, 'DUIZHAO_CORS_CREDENTIALS') === true };
}

function bool(env: Env, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

function list(env: Env, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function duration(env: Env, name: string): number | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : durationSeconds(raw, name);
}

/** The settings environment variables give, under the names GoTrue, PostgREST and the CLI use. */
function fromEnvironment(env: Env): ConfigOverrides {
  return {
    port: int(env, 'DUIZHAO_API_PORT'),
    host: env.DUIZHAO_API_HOST,
    siteUrl: env.DUIZHAO_API_URL,
    jwtSecret: env.JWT_SECRET,
    jwtExpiry: int(env, 'GOTRUE_JWT_EXP') ?? int(env, 'JWT_EXPIRY'),
    anonKey: env.SUPABASE_ANON_KEY,
    serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
    publishableKey: env.SUPABASE_PUBLISHABLE_KEY,
    secretKey: env.SUPABASE_SECRET_KEY,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DUIZHAO_DATA_DIR,
    durableCommits: bool(env, 'DUIZHAO_DURABLE_COMMITS'),
    requireApiKey: bool(env, 'DUIZHAO_REQUIRE_APIKEY'),
    cors: cors(env),
    maxRows: int(env, 'PGRST_DB_MAX_ROWS'),
    maxBodyBytes: int(env, 'DUIZHAO_MAX_BODY_BYTES'),
    dbSchemas: list(env, 'PGRST_DB_SCHEMAS'),
    extraSearchPath: list(env, 'PGRST_DB_EXTRA_SEARCH_PATH'),
    logRequests: bool(env, 'DUIZHAO_LOG_REQUESTS'),
    auth: {
      minPasswordLength: int(env, 'GOTRUE_PASSWORD_MIN_LENGTH'),
      disableSignup: bool(env, 'GOTRUE_DISABLE_SIGNUP'),
      autoconfirm: bool(env, 'GOTRUE_MAILER_AUTOCONFIRM'),
      anonymousSignIns: bool(env, 'GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED'),
      refreshTokenReuseIntervalSec: int(env, 'GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL') ?? int(env, 'GOTRUE_REFRESH_TOKEN_REUSE_INTERVAL'),
      siteUrl: env.GOTRUE_SITE_URL,
      additionalRedirectUrls: list(env, 'GOTRUE_URI_ALLOW_LIST'),
      email: {
        otpLength: int(env, 'GOTRUE_MAILER_OTP_LENGTH'),
        otpExpirySec: int(env, 'GOTRUE_MAILER_OTP_EXP'),
        maxFrequencySec: duration(env, 'GOTRUE_SMTP_MAX_FREQUENCY'),
        doubleConfirmChanges: bool(env, 'GOTRUE_MAILER_SECURE_EMAIL_CHANGE_ENABLED'),
        securePasswordChange: bool(env, 'GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION'),
        enableSignup: bool(env, 'GOTRUE_EXTERNAL_EMAIL_ENABLED'),
      },
      mfa: {
        maxEnrolledFactors: int(env, 'GOTRUE_MFA_MAX_ENROLLED_FACTORS'),
        maxVerifiedFactors: int(env, 'GOTRUE_MFA_MAX_VERIFIED_FACTORS'),
        totpEnroll: bool(env, 'GOTRUE_MFA_TOTP_ENROLL_ENABLED'),
        totpVerify: bool(env, 'GOTRUE_MFA_TOTP_VERIFY_ENABLED'),
        challengeExpirySec: duration(env, 'GOTRUE_MFA_CHALLENGE_EXPIRY_DURATION'),
        factorExpirySec: duration(env, 'GOTRUE_MFA_FACTOR_EXPIRY_DURATION'),
      },
      clientAddressHeader: env.GOTRUE_RATE_LIMIT_HEADER || undefined,
      rateLimit: {
        tokenRefresh: int(env, 'GOTRUE_RATE_LIMIT_TOKEN_REFRESH') ?? int(env, 'GOTRUE_RATE_LIMIT_TOKEN'),
        signInSignUps: int(env, 'GOTRUE_RATE_LIMIT_OTP'),
        tokenVerifications: int(env, 'GOTRUE_RATE_LIMIT_VERIFY'),
        anonymousUsers: int(env, 'GOTRUE_RATE_LIMIT_ANONYMOUS_USERS'),
        mfaChallengeAndVerify: int(env, 'GOTRUE_MFA_RATE_LIMIT_CHALLENGE_AND_VERIFY'),
        burst: int(env, 'GOTRUE_RATE_LIMIT_BURST'),
        signInFailuresPerAccount: int(env, 'DUIZHAO_RATE_LIMIT_ACCOUNT_SIGN_IN_FAILURES'),
        windowMs: int(env, 'GOTRUE_RATE_LIMIT_WINDOW_MS'),
      },
    },
    mail: {
      port: int(env, 'DUIZHAO_MAIL_PORT'),
      adminEmail: env.GOTRUE_SMTP_ADMIN_EMAIL,
      senderName: env.GOTRUE_SMTP_SENDER_NAME,
    },
  };
}

/** Settings to override, at any depth (e.g. `{ auth: { rateLimit: { burst: 3 } } }`). */
export type ConfigOverrides = { [K in keyof ServerConfig]?: ServerConfig[K] extends object ? DeepPartial<ServerConfig[K]> : ServerConfig[K] };
type DeepPartial<T> = T extends unknown[] ? T : { [K in keyof T]?: T[K] extends object | undefined ? DeepPartial<T[K]> : T[K] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Overrides win at every depth; a key given as undefined is unset (e.g. `databaseUrl` to force PGlite). */
function merge<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) out[key] = merge(out[key], value);
  return out as T;
}

/** Drops keys whose value is undefined, at any depth: a layer that does not set a value leaves it alone. */
function prune<T>(value: T): T {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, prune(v)])) as T;
}

function defaults(): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 54321,
    siteUrl: '',
    jwtSecret: DEMO_JWT_SECRET,
    jwtExpiry: 3600,
    anonKey: DEMO_ANON_KEY,
    serviceRoleKey: DEMO_SERVICE_ROLE_KEY,
    publishableKey: DEMO_PUBLISHABLE_KEY,
    secretKey: DEMO_SECRET_KEY,
    databaseUrl: undefined,
    dataDir: path.join(PROJECT_ROOT, '.data', 'pglite'),
    durableCommits: true,
    migrationsDir: path.join(PROJECT_ROOT, 'supabase', 'migrations'),
    seedFile: path.join(PROJECT_ROOT, 'supabase', 'seed.sql'),
    requireApiKey: false,
    cors: { origins: '*', credentials: false },
    maxRows: 1000,
    maxBodyBytes: 25 * 1024 * 1024,
    dbSchemas: ['public', 'graphql_public'],
    extraSearchPath: ['public', 'extensions'],
    auth: {
      minPasswordLength: 6,
      disableSignup: false,
      autoconfirm: true,
      anonymousSignIns: true,
      refreshTokenReuseIntervalSec: 10,
      siteUrl: 'http://127.0.0.1:3000',
      additionalRedirectUrls: [],
      email: { otpLength: 6, otpExpirySec: 3600, maxFrequencySec: 60, doubleConfirmChanges: true, securePasswordChange: false, enableSignup: true },
      mfa: { maxEnrolledFactors: 10, maxVerifiedFactors: 10, totpEnroll: true, totpVerify: true, challengeExpirySec: 300, factorExpirySec: 300 },
      clientAddressHeader: undefined,
      // GoTrue's defaults: 150 token requests and 30 of the others per 5 minutes, 30 anonymous sign-ins an hour.
      rateLimit: {
        tokenRefresh: 150,
        signInSignUps: 30,
        tokenVerifications: 30,
        anonymousUsers: 30,
        mfaChallengeAndVerify: 15,
        burst: 30,
        signInFailuresPerAccount: 10,
        windowMs: 5 * 60 * 1000,
      },
    },
    logRequests: false,
    mail: { port: 54324, host: '', adminEmail: 'admin@email.com', senderName: 'Duizhao' },
  };
}

/**
 * The server's settings: built-in defaults (the Supabase CLI's), then supabase/config.toml, then
 * environment variables, then `overrides`.
 */
export function loadConfig(overrides: ConfigOverrides = {}, env: Env = process.env): ServerConfig {
  const file = readSupabaseConfig(env.DUIZHAO_SUPABASE_CONFIG ?? SUPABASE_CONFIG, env);
  const fromEnv = prune(fromEnvironment(env));
  const config = merge(merge(merge(defaults(), prune(file)), fromEnv), overrides);
  config.mail.host = config.host;
  // Servers on a free port (tests) take a free port for the mail catcher too, unless told otherwise.
  if (config.port === 0 && fromEnv.mail?.port === undefined && overrides.mail?.port === undefined) config.mail.port = 0;
  if (config.siteUrl === '') config.siteUrl = `http://${config.host}:${config.port}`;
  return config;
}
