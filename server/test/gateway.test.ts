import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from '../src/stack.ts';
import { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } from '../src/config.ts';
import { anonKey, apiUrl, client } from './env.ts';

describe('gateway, as the Supabase CLI runs it (no apikey required)', () => {
  it('runs a bare request as anon', async () => {
    const res = await fetch(`${apiUrl()}/auth/v1/settings`);
    expect(res.status).toBe(200);
  });

  it('answers a CORS preflight with the headers supabase-js needs', async () => {
    const res = await fetch(`${apiUrl()}/rest/v1/projects`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'apikey, prefer' },
    });
    expect(res.status).toBe(200);
    // Supabase's gateway: any origin, never credentials.
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(res.headers.get('access-control-allow-headers')).toBe('apikey, prefer');
  });

  it('exposes Content-Range and the auth error headers to browsers', async () => {
    const res = await fetch(`${apiUrl()}/auth/v1/settings`, { headers: { origin: 'http://localhost:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const exposed = res.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['Content-Range', 'Preference-Applied', 'X-Supabase-Api-Version', 'x-sb-error-code']) expect(exposed).toContain(h);
  });

  it("takes the CLI's publishable and secret keys in place of the anon and service_role JWTs", async () => {
    // supabase-js sends the key as apikey and as bearer; the services see the JWT of that role.
    const publishable = client(DEMO_PUBLISHABLE_KEY);
    expect((await publishable.from('projects').select('id').limit(1)).error).toBeNull();
    const refused = await publishable.auth.admin.listUsers({ perPage: 1 });
    expect(refused.error?.status).toBe(403);
    const secret = client(DEMO_SECRET_KEY);
    const listed = await secret.auth.admin.listUsers({ perPage: 1 });
    expect(listed.error).toBeNull();
    expect(listed.data.users.length).toBe(1);
    // A user's own JWT as bearer is left alone, whichever key comes with it.
    const res = await fetch(`${apiUrl()}/auth/v1/user`, { headers: { apikey: DEMO_SECRET_KEY, authorization: `Bearer ${anonKey}` } });
    expect(res.status).toBe(403);
  });

  it('answers an unknown route with 404', async () => {
    const res = await fetch(`${apiUrl()}/storage/v1/bucket`);
    expect(res.status).toBe(404);
  });
});

describe('gateway, as hosted Supabase runs it (apikey required)', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startStack({ port: 0, dataDir: 'memory://', databaseUrl: undefined, seedFile: undefined, requireApiKey: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a request without an apikey', async () => {
    const res = await fetch(`${stack.url}/rest/v1/projects`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'No API key found in request' });
  });

  it('refuses an unknown apikey', async () => {
    const res = await fetch(`${stack.url}/rest/v1/projects`, { headers: { apikey: 'not-a-key' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Invalid API key' });
  });

  it('accepts the anon key, as a header or in the query string, and keeps auth health open', async () => {
    expect((await fetch(`${stack.url}/rest/v1/projects`, { headers: { apikey: anonKey } })).status).toBe(200);
    expect((await fetch(`${stack.url}/rest/v1/projects?apikey=${anonKey}`)).status).toBe(200);
    expect((await fetch(`${stack.url}/auth/v1/health`)).status).toBe(200);
  });

  it('accepts the publishable key and refuses an unknown sb_ key', async () => {
    expect((await fetch(`${stack.url}/rest/v1/projects`, { headers: { apikey: DEMO_PUBLISHABLE_KEY } })).status).toBe(200);
    const res = await fetch(`${stack.url}/rest/v1/projects`, { headers: { apikey: 'sb_publishable_unknown' } });
    expect(res.status).toBe(401);
  });
});

describe('gateway with configured CORS origins', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startStack({
      port: 0,
      dataDir: 'memory://',
      databaseUrl: undefined,
      seedFile: undefined,
      cors: { origins: ['https://app.example.org'], credentials: true },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers a listed origin with that origin and credentials, and no other origin', async () => {
    const allowed = await fetch(`${stack.url}/auth/v1/settings`, { headers: { origin: 'https://app.example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    const other = await fetch(`${stack.url}/rest/v1/projects`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
