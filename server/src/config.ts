import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
    /** Password grant attempts allowed per IP per window (GoTrue's token rate limit). */
    tokenRateLimit: number;
    tokenRateWindowMs: number;
    refreshTokenReuseIntervalSec: number;
  };
  logRequests: boolean;
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

export function loadConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
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
      tokenRateLimit: envInt('GOTRUE_RATE_LIMIT_TOKEN', 30),
      tokenRateWindowMs: envInt('GOTRUE_RATE_LIMIT_WINDOW_MS', 5 * 60 * 1000),
      refreshTokenReuseIntervalSec: envInt('GOTRUE_REFRESH_TOKEN_REUSE_INTERVAL', 10),
    },
    logRequests: process.env.DUIZHAO_LOG_REQUESTS === 'true',
  };
  return { ...base, ...overrides, auth: { ...base.auth, ...(overrides.auth ?? {}) } };
}
