import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { RunningStack } from '../src/stack.ts';
import { client } from './env.ts';
import { authFetch, clientFor, privateStack, signUpUser, uniqueEmail } from './auth-helpers.ts';

const refresh = (refresh_token: string, base?: string) => authFetch('/token?grant_type=refresh_token', { body: { refresh_token }, base });
const signIn = (email: string, password: string, base?: string) => authFetch('/token?grant_type=password', { body: { email, password }, base });

describe('refresh token rotation', () => {
  it('revokes each used token and issues a child in the same session', async () => {
    const { session } = await signUpUser();
    const first = await refresh(session.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(first.body.refresh_token).not.toBe(session.refresh_token);
    const sid = decodeJwt(session.access_token).session_id;
    expect(decodeJwt(first.body.access_token).session_id).toBe(sid);
    expect(decodeJwt(first.body.access_token).amr).toEqual(decodeJwt(session.access_token).amr);
    expect(first.body.user.id).toBe(session.user.id);

    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(decodeJwt(second.body.access_token).session_id).toBe(sid);
  });

  it('answers the parent of the active token with that same active token (a client that lost a response)', async () => {
    const { session } = await signUpUser();
    const child = await refresh(session.refresh_token);
    const again = await refresh(session.refresh_token);
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).toBe(child.body.refresh_token);
    // The child is still the active token and rotates normally.
    const grandchild = await refresh(child.body.refresh_token);
    expect(grandchild.status).toBe(200);
    expect(grandchild.body.refresh_token).not.toBe(child.body.refresh_token);
  });

  it('lets an older revoked token rotate within the reuse interval (10 s on this stack)', async () => {
    const { session } = await signUpUser();
    const child = await refresh(session.refresh_token);
    await refresh(child.body.refresh_token);
    const reuse = await refresh(session.refresh_token);
    expect(reuse.status).toBe(200);
    expect(decodeJwt(reuse.body.access_token).session_id).toBe(decodeJwt(session.access_token).session_id);
  });

  it('refreshSession through auth-js rotates and keeps the user', async () => {
    const supabase = client();
    const email = uniqueEmail();
    const { data } = await supabase.auth.signUp({ email, password: 'correct-horse-1' });
    const { data: refreshed, error } = await supabase.auth.refreshSession();
    expect(error).toBeNull();
    expect(refreshed.session!.refresh_token).not.toBe(data.session!.refresh_token);
    expect(refreshed.user!.email).toBe(email);
    expect((await supabase.auth.getSession()).data.session!.refresh_token).toBe(refreshed.session!.refresh_token);
  });

  it('rejects unknown refresh tokens with refresh_token_not_found', async () => {
    for (const token of ['aaaaaaaaaaaa', 'short', 'a-much-longer-token-than-twelve']) {
      const res = await refresh(token);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'refresh_token_not_found', message: 'Invalid Refresh Token: Refresh Token Not Found' });
      expect(res.headers.get('x-sb-error-code')).toBe('refresh_token_not_found');
    }
    const { error } = await client().auth.refreshSession({ refresh_token: 'zzzzzzzzzzzz' });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('answers a missing refresh_token in the OAuth error shape', async () => {
    const res = await authFetch('/token?grant_type=refresh_token', { body: {} });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_request', error_description: 'refresh_token required' });
    expect(res.headers.get('x-sb-error-code')).toBeNull();
  });
});

describe('refresh token reuse detection', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await privateStack({});
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Moves a token's last use back past the 10 s reuse interval. */
  const age = (token: string) => stack.db.query(`update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1`, [token]);

  it('ends the session, and every token of its family, when a revoked token comes back after the reuse interval', async () => {
    const { session } = await signUpUser(stack.url);
    const child = await refresh(session.refresh_token, stack.url);
    const grandchild = await refresh(child.body.refresh_token, stack.url);
    expect(grandchild.status).toBe(200);
    await age(session.refresh_token);

    const reused = await refresh(session.refresh_token, stack.url);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });

    // The active token, revoked a moment ago, is not reusable within the interval either.
    const active = await refresh(grandchild.body.refresh_token, stack.url);
    expect(active.status).toBe(400);
    expect(active.body.code).toBe('refresh_token_not_found');
    const me = await authFetch('/user', { base: stack.url, token: grandchild.body.access_token });
    expect(me.status).toBe(403);
    expect(me.body.code).toBe('session_not_found');

    const supabase = clientFor(stack.url);
    const { error } = await supabase.auth.refreshSession({ refresh_token: child.body.refresh_token });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('accepts reuse within the interval', async () => {
    const { session } = await signUpUser(stack.url);
    const child = await refresh(session.refresh_token, stack.url);
    await refresh(child.body.refresh_token, stack.url);
    // Not the active token's parent, but used a moment ago: a concurrent refresh, not an attack.
    expect((await refresh(session.refresh_token, stack.url)).status).toBe(200);
  });

  it('leaves other sessions of the same user alone', async () => {
    const { email, password, session } = await signUpUser(stack.url);
    const other = await signIn(email, password, stack.url);
    const child = await refresh(session.refresh_token, stack.url);
    await refresh(child.body.refresh_token, stack.url);
    await age(session.refresh_token);
    expect((await refresh(session.refresh_token, stack.url)).status).toBe(400);
    expect((await refresh(other.body.refresh_token, stack.url)).status).toBe(200);
  });
});

describe('sign-out scopes', () => {
  async function threeSessions() {
    const { email, password, session: a } = await signUpUser();
    const b = (await signIn(email, password)).body;
    const c = (await signIn(email, password)).body;
    return { a, b, c };
  }
  const logout = (token: string, scope?: string) => authFetch(`/logout${scope ? `?scope=${scope}` : ''}`, { method: 'POST', token });

  it('local ends only this session: its refresh token is gone, the others still refresh', async () => {
    const { a, b, c } = await threeSessions();
    const res = await logout(b.access_token, 'local');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await refresh(b.refresh_token)).body.code).toBe('refresh_token_not_found');
    expect((await refresh(a.refresh_token)).status).toBe(200);
    expect((await refresh(c.refresh_token)).status).toBe(200);
    const me = await authFetch('/user', { token: b.access_token });
    expect(me.status).toBe(403);
    expect(me.body).toEqual({ code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' });
    expect((await authFetch('/user', { token: a.access_token })).status).toBe(200);
  });

  it('others ends every session but this one', async () => {
    const { a, b, c } = await threeSessions();
    expect((await logout(a.access_token, 'others')).status).toBe(204);
    expect((await refresh(b.refresh_token)).body.code).toBe('refresh_token_not_found');
    expect((await refresh(c.refresh_token)).body.code).toBe('refresh_token_not_found');
    expect((await authFetch('/user', { token: a.access_token })).status).toBe(200);
    expect((await refresh(a.refresh_token)).status).toBe(200);
  });

  it('global (the default) ends all sessions', async () => {
    const { a, b, c } = await threeSessions();
    expect((await logout(c.access_token)).status).toBe(204);
    for (const s of [a, b, c]) {
      expect((await refresh(s.refresh_token)).body.code).toBe('refresh_token_not_found');
      expect((await authFetch('/user', { token: s.access_token })).body.code).toBe('session_not_found');
    }
  });

  it('rejects an unknown scope', async () => {
    const { a } = await threeSessions();
    const res = await logout(a.access_token, 'everywhere');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'validation_failed', message: 'Unsupported logout scope "everywhere"' });
  });

  it('auth-js signOut per scope, and getUser on an ended session clears the client’s session', async () => {
    const email = uniqueEmail();
    const first = client();
    await first.auth.signUp({ email, password: 'correct-horse-1' });
    const second = client();
    await second.auth.signInWithPassword({ email, password: 'correct-horse-1' });
    const third = client();
    await third.auth.signInWithPassword({ email, password: 'correct-horse-1' });

    expect((await first.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await first.auth.getSession()).data.session).not.toBeNull();
    const { data, error } = await second.auth.getUser();
    expect(data.user).toBeNull();
    expect(error).toMatchObject({ name: 'AuthSessionMissingError' });
    expect((await second.auth.getSession()).data.session).toBeNull();

    expect((await third.auth.signOut({ scope: 'local' })).error).toBeNull();
    expect((await third.auth.getSession()).data.session).toBeNull();
    expect((await first.auth.getUser()).error).toBeNull();

    expect((await first.auth.signOut()).error).toBeNull();
    expect((await first.auth.getSession()).data.session).toBeNull();
  });
});
