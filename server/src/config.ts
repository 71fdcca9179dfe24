import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGoDuration } from './auth/go-duration.ts';

/** The Supabase CLI's local defaults, so one `.env` works against this server or `supabase start`. */
export const DEMO_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const DEMO_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const DEMO_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

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
    autoconfirm: boolean;
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
    };
    /**
     * The request header that carries the client's address, set by a trusted proxy in front of the
     * server (GoTrue's GOTRUE_RATE_LIMIT_HEADER, e.g. X-Forwarded-For: its first entry is used).
     * Unset, the socket's peer address is the client, so nobody can pick their own rate-limit key.
     */
    clientAddressHeader: string | undefined;
    rateLimit: {
      /** /token requests per client address per window (GoTrue's token rate limit). */
      tokenRefresh: number;
      /** Requests a client address may make at once before the refill rate applies (tollbooth's burst). */
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

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
}

function corsFromEnv(): ServerConfig['cors'] {
  const raw = (process.env.DUIZHAO_CORS_ORIGINS ?? '').trim();
  const origins = raw === '' || raw === '*' ? '*' : raw.split(',').map((o) => o.trim()).filter(Boolean);
  return { origins, credentials: origins !== '*' && process.env.DUIZHAO_CORS_CREDENTIALS === 'true' };
}

function envBool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

function envList(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Seconds from a Go duration ("1s", "1m30s") or a bare number of seconds. */
function envDuration(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : (parseGoDuration(raw) ?? NaN) / 1000;
  if (!Number.isFinite(seconds)) throw new Error(`${name} must be a duration such as 60s, got "${raw}"`);
  return seconds;
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

export function loadConfig(overrides: ConfigOverrides = {}): ServerConfig {
  const port = overrides.port ?? envInt('DUIZHAO_API_PORT', 54321);
  const host = overrides.host ?? process.env.DUIZHAO_API_HOST ?? '127.0.0.1';
  const base: ServerConfig = {
    host,
    port,
    siteUrl: process.env.DUIZHAO_API_URL ?? `http://${host}:${port}`,
    jwtSecret: process.env.JWT_SECRET ?? DEMO_JWT_SECRET,
    jwtExpiry: envInt('JWT_EXPIRY', 3600),
    anonKey: process.env.SUPABASE_ANON_KEY ?? DEMO_ANON_KEY,
    serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY ?? DEMO_SERVICE_ROLE_KEY,
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DUIZHAO_DATA_DIR ?? path.join(PROJECT_ROOT, '.data', 'pglite'),
    durableCommits: process.env.DUIZHAO_DURABLE_COMMITS !== 'false',
    migrationsDir: path.join(PROJECT_ROOT, 'supabase', 'migrations'),
    seedFile: path.join(PROJECT_ROOT, 'supabase', 'seed.sql'),
    requireApiKey: process.env.DUIZHAO_REQUIRE_APIKEY === 'true',
    cors: corsFromEnv(),
    maxRows: envInt('PGRST_DB_MAX_ROWS', 1000),
    maxBodyBytes: envInt('DUIZHAO_MAX_BODY_BYTES', 25 * 1024 * 1024),
    dbSchemas: ['public', 'graphql_public'],
    extraSearchPath: ['public', 'extensions'],
    auth: {
      minPasswordLength: envInt('GOTRUE_PASSWORD_MIN_LENGTH', 6),
      disableSignup: process.env.GOTRUE_DISABLE_SIGNUP === 'true',
      autoconfirm: process.env.GOTRUE_MAILER_AUTOCONFIRM !== 'false',
      refreshTokenReuseIntervalSec: envInt('GOTRUE_REFRESH_TOKEN_REUSE_INTERVAL', 10),
      siteUrl: process.env.GOTRUE_SITE_URL ?? 'http://127.0.0.1:3000',
      additionalRedirectUrls: envList('GOTRUE_URI_ALLOW_LIST', []),
      email: {
        otpLength: envInt('GOTRUE_MAILER_OTP_LENGTH', 6),
        otpExpirySec: envInt('GOTRUE_MAILER_OTP_EXP', 3600),
        maxFrequencySec: envDuration('GOTRUE_SMTP_MAX_FREQUENCY', 60),
        doubleConfirmChanges: envBool('GOTRUE_MAILER_SECURE_EMAIL_CHANGE_ENABLED', true),
      },
      clientAddressHeader: process.env.GOTRUE_RATE_LIMIT_HEADER || undefined,
      rateLimit: {
        tokenRefresh: envInt('GOTRUE_RATE_LIMIT_TOKEN', 30),
        burst: envInt('GOTRUE_RATE_LIMIT_BURST', 30),
        signInFailuresPerAccount: envInt('DUIZHAO_RATE_LIMIT_ACCOUNT_SIGN_IN_FAILURES', 10),
        windowMs: envInt('GOTRUE_RATE_LIMIT_WINDOW_MS', 5 * 60 * 1000),
      },
    },
    logRequests: process.env.DUIZHAO_LOG_REQUESTS === 'true',
    mail: {
      port: envInt('DUIZHAO_MAIL_PORT', port === 0 ? 0 : 54324),
      host,
      adminEmail: process.env.GOTRUE_SMTP_ADMIN_EMAIL ?? 'admin@email.com',
      senderName: process.env.GOTRUE_SMTP_SENDER_NAME ?? 'Duizhao',
    },
  };
  return merge(base, overrides);
}
