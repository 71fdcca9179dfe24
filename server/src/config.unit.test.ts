import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SUPABASE_CONFIG } from './config.ts';

function configFile(toml: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'duizhao-config-')), 'config.toml');
  writeFileSync(file, toml);
  return file;
}

describe('loadConfig', () => {
  it('reads the project’s supabase/config.toml', () => {
    const config = loadConfig({}, { DUIZHAO_SUPABASE_CONFIG: SUPABASE_CONFIG });
    expect(config.dbSchemas).toEqual(['public', 'graphql_public']);
    expect(config.extraSearchPath).toEqual(['public', 'extensions']);
    expect(config.maxRows).toBe(1000);
    expect(config.jwtExpiry).toBe(3600);
    expect(config.auth).toMatchObject({
      siteUrl: 'http://127.0.0.1:5173',
      additionalRedirectUrls: ['http://localhost:5173', 'http://127.0.0.1:4173', 'http://localhost:4173'],
      disableSignup: false,
      anonymousSignIns: false,
      minPasswordLength: 6,
      autoconfirm: true,
      refreshTokenReuseIntervalSec: 10,
      email: { doubleConfirmChanges: true, otpLength: 6, otpExpirySec: 3600, maxFrequencySec: 1, securePasswordChange: false, enableSignup: true },
      rateLimit: { tokenRefresh: 150, signInSignUps: 30, tokenVerifications: 30, anonymousUsers: 30, burst: 30 },
    });
    expect(config.mail).toMatchObject({ port: 54324, host: '127.0.0.1' });
  });

  it('lets environment variables override the file, and explicit overrides win over both', () => {
    const file = configFile(`
[api]
schemas = ["public", "library"]
max_rows = 50
[auth]
site_url = "https://app.example.org"
enable_signup = false
jwt_expiry = 600
[auth.email]
enable_confirmations = true
max_frequency = "1m30s"
otp_length = 8
[auth.rate_limit]
token_refresh = 75
[inbucket]
port = 60000
`);
    const env = { DUIZHAO_SUPABASE_CONFIG: file, GOTRUE_SITE_URL: 'https://other.example.org', PGRST_DB_MAX_ROWS: '20' };
    const config = loadConfig({ auth: { email: { otpLength: 10 } } }, env);
    expect(config.dbSchemas).toEqual(['public', 'library']);
    expect(config.maxRows).toBe(20);
    expect(config.jwtExpiry).toBe(600);
    expect(config.auth).toMatchObject({ siteUrl: 'https://other.example.org', disableSignup: true, autoconfirm: false });
    expect(config.auth.email).toMatchObject({ maxFrequencySec: 90, otpLength: 10 });
    expect(config.auth.rateLimit.tokenRefresh).toBe(75);
    expect(config.mail.port).toBe(60000);
  });

  it('takes env(NAME) values from the environment, as the CLI does', () => {
    const file = configFile('[auth]\nsite_url = "env(MY_SITE)"\n');
    expect(loadConfig({}, { DUIZHAO_SUPABASE_CONFIG: file, MY_SITE: 'https://from-env.example.org' }).auth.siteUrl).toBe('https://from-env.example.org');
  });

  it('puts the mail catcher on a free port when the API is on one, unless told otherwise', () => {
    const env = { DUIZHAO_SUPABASE_CONFIG: SUPABASE_CONFIG };
    expect(loadConfig({ port: 0 }, env).mail.port).toBe(0);
    expect(loadConfig({ port: 0 }, { ...env, DUIZHAO_MAIL_PORT: '61000' }).mail.port).toBe(61000);
    expect(loadConfig({ port: 0, mail: { port: 61001 } }, env).mail.port).toBe(61001);
  });

  it('names the file and key of a value of the wrong kind', () => {
    const file = configFile('[api]\nmax_rows = "many"\n');
    expect(() => loadConfig({}, { DUIZHAO_SUPABASE_CONFIG: file })).toThrow(`${file}: api.max_rows must be a number, got "many"`);
    const broken = configFile('[api\n');
    expect(() => loadConfig({}, { DUIZHAO_SUPABASE_CONFIG: broken })).toThrow(broken);
  });

  it('works without a config file', () => {
    const config = loadConfig({}, { DUIZHAO_SUPABASE_CONFIG: '/nonexistent/config.toml' });
    expect(config.auth.siteUrl).toBe('http://127.0.0.1:3000');
    expect(config.auth.anonymousSignIns).toBe(true);
    expect(config.siteUrl).toBe('http://127.0.0.1:54321');
  });
});
