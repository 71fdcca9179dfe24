import { describe, expect, it } from 'vitest';
import { client, serviceRoleKey } from './env.ts';
import { authFetch, signUpUser, uniqueEmail } from './auth-helpers.ts';

const admin = () => client(serviceRoleKey).auth.admin;

describe('admin users API (service_role)', () => {
  it('creates a user with metadata, confirmation and a role, and reads it back', async () => {
    const email = uniqueEmail('admin');
    const { data, error } = await admin().createUser({
      email,
      password: 'correct-horse-1',
      email_confirm: true,
      user_metadata: { display_name: '杜甫' },
      app_metadata: { plan: 'pro' },
    });
    expect(error).toBeNull();
    const user = data.user!;
    expect(user).toMatchObject({ email, role: 'authenticated', aud: 'authenticated', is_anonymous: false });
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'], plan: 'pro' });
    // GoTrue's User.Confirm writes email_verified into user_metadata.
    expect(user.user_metadata).toEqual({ display_name: '杜甫', email_verified: true });
    expect(user.identities).toHaveLength(1);
    expect(user.identities![0]!.identity_data).toEqual({ sub: user.id, email, email_verified: false, phone_verified: false });

    const { data: got } = await admin().getUserById(user.id);
    expect(got.user).toEqual(user);
    expect((await client().auth.signInWithPassword({ email, password: 'correct-horse-1' })).error).toBeNull();
  });

  it('creates unconfirmed users that cannot sign in yet, and refuses duplicates', async () => {
    const email = uniqueEmail('unconfirmed');
    const { data } = await admin().createUser({ email, password: 'correct-horse-1' });
    expect(data.user).not.toHaveProperty('email_confirmed_at');
    const { error } = await client().auth.signInWithPassword({ email, password: 'correct-horse-1' });
    expect(error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' });
    const dup = await admin().createUser({ email: email.toUpperCase(), password: 'x' });
    expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' });
    const none = await admin().createUser({ password: 'correct-horse-1' } as never);
    expect(none.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Cannot create a user without either an email or phone' });
  });

  it('accepts a custom id and a bcrypt password_hash', async () => {
    const id = crypto.randomUUID();
    const email = uniqueEmail('hash');
    // $2a$10$ hash of "correct-horse-1"
    const { hashPassword } = await import('../src/auth/passwords.ts');
    const { data, error } = await admin().createUser({ id, email, password_hash: await hashPassword('correct-horse-1'), email_confirm: true } as never);
    expect(error).toBeNull();
    expect(data.user!.id).toBe(id);
    expect((await client().auth.signInWithPassword({ email, password: 'correct-horse-1' })).error).toBeNull();
  });

  it('updates email, metadata, password and bans; a new password signs the user out everywhere', async () => {
    const { email, session } = await signUpUser(undefined, uniqueEmail('upd'), 'correct-horse-1', { a: 1 });
    const next = uniqueEmail('upd-next');
    const { data, error } = await admin().updateUserById(session.user.id, {
      email: next,
      email_confirm: true,
      user_metadata: { a: null, b: 2 },
      app_metadata: { tier: 'gold' },
      password: 'battery-staple-2',
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: next, app_metadata: { tier: 'gold' } });
    expect(data.user!.user_metadata).toMatchObject({ b: 2 });
    expect(data.user!.user_metadata).not.toHaveProperty('a');
    expect(data.user!.identities!.find((i) => i.provider === 'email')!.identity_data).toMatchObject({ email: next, email_verified: true });
    expect((await authFetch('/user', { token: session.access_token })).body.code).toBe('session_not_found');
    expect((await client().auth.signInWithPassword({ email, password: 'correct-horse-1' })).error).toMatchObject({ code: 'invalid_credentials' });
    expect((await client().auth.signInWithPassword({ email: next, password: 'battery-staple-2' })).error).toBeNull();

    const banned = await admin().updateUserById(session.user.id, { ban_duration: '24h' });
    expect(banned.data.user!.banned_until).toBeTruthy();
    expect((await client().auth.signInWithPassword({ email: next, password: 'battery-staple-2' })).error).toMatchObject({
      status: 400,
      code: 'user_banned',
    });
    const unbanned = await admin().updateUserById(session.user.id, { ban_duration: 'none' });
    expect(unbanned.data.user).not.toHaveProperty('banned_until');
    const bad = await admin().updateUserById(session.user.id, { ban_duration: 'forever' });
    expect(bad.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'invalid format for ban duration: time: invalid duration "forever"' });
  });

  it('deletes users (hard, and soft with obfuscated contact details)', async () => {
    const hard = await signUpUser();
    const { data, error } = await admin().deleteUser(hard.session.user.id);
    expect(error).toBeNull();
    expect(data.user).toEqual({});
    expect((await admin().getUserById(hard.session.user.id)).error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' });
    expect((await authFetch('/user', { token: hard.session.access_token })).body.code).toBe('user_not_found');

    const soft = await signUpUser();
    expect((await admin().deleteUser(soft.session.user.id, true)).error).toBeNull();
    const { data: after } = await admin().getUserById(soft.session.user.id);
    expect(after.user!.deleted_at).toBeTruthy();
    expect(after.user!.email).not.toBe(soft.email);
    expect((await client().auth.signInWithPassword({ email: soft.email, password: soft.password })).error).toMatchObject({ code: 'invalid_credentials' });
  });

  it('lists users newest first with GoTrue’s pagination headers', async () => {
    const mine = [await signUpUser(), await signUpUser(), await signUpUser()];
    const res = await authFetch('/admin/users?page=1&per_page=2', { token: serviceRoleKey });
    expect(res.status).toBe(200);
    expect(res.body.aud).toBe('authenticated');
    expect(res.body.users).toHaveLength(2);
    expect(res.body.users[0].id).toBe(mine[2]!.session.user.id);
    expect(res.body.users[1].id).toBe(mine[1]!.session.user.id);
    // GoTrue does not load identities for the list.
    expect(res.body.users[0].identities).toBeNull();
    const total = Number(res.headers.get('x-total-count'));
    expect(total).toBeGreaterThanOrEqual(3);
    const last = Math.ceil(total / 2);
    expect(res.headers.get('link')).toBe(
      `</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=${last}&per_page=2>; rel="last"`,
    );
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Total-Count/);

    const { data, error } = await admin().listUsers({ page: 1, perPage: 2 });
    expect(error).toBeNull();
    expect(data.users).toHaveLength(2);
    expect(data).toMatchObject({ aud: 'authenticated', nextPage: 2, total });

    const bad = await authFetch('/admin/users?page=x', { token: serviceRoleKey });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: 'validation_failed', message: 'Bad Pagination Parameters: strconv.ParseUint: parsing "x": invalid syntax' });
  });

  it('filters the list by email', async () => {
    const tag = `flt${Date.now()}`;
    const { email } = await signUpUser(undefined, uniqueEmail(tag));
    const res = await authFetch(`/admin/users?filter=${tag}`, { token: serviceRoleKey });
    expect(res.body.users.map((u: { email: string }) => u.email)).toEqual([email]);
    expect(res.headers.get('x-total-count')).toBe('1');
  });

  it('answers 404 for ids that are not UUIDs', async () => {
    const res = await authFetch('/admin/users/not-a-uuid', { token: serviceRoleKey });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'validation_failed', message: 'user_id must be an UUID' });
  });
});

describe('admin API without an admin role', () => {
  it('answers 403 not_admin to a user token and to the anon key', async () => {
    const { session } = await signUpUser();
    for (const token of [session.access_token, undefined]) {
      for (const [method, path] of [['GET', '/admin/users'], ['POST', '/admin/users'], ['GET', `/admin/users/${session.user.id}`], ['DELETE', `/admin/users/${session.user.id}`]] as const) {
        const res = await authFetch(path, { method, token, body: method === 'POST' ? { email: uniqueEmail() } : undefined });
        expect(res.status).toBe(403);
        expect(res.body).toEqual({ code: 'not_admin', message: 'User not allowed' });
        expect(res.headers.get('x-sb-error-code')).toBe('not_admin');
      }
    }
    const { error } = await client(session.access_token).auth.admin.listUsers();
    expect(error).toMatchObject({ status: 403, code: 'not_admin' });
  });

  it('accepts a supabase_admin role token', async () => {
    const { SignJWT } = await import('jose');
    const { jwtSecret } = await import('./env.ts');
    const token = await new SignJWT({ role: 'supabase_admin' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(jwtSecret));
    const res = await authFetch('/admin/users?per_page=1', { token });
    expect(res.status).toBe(200);
  });
});
