import { describe, expect, it } from 'vitest';
import { getSessionUser, signIn, SignInError, signOut } from './auth.ts';
import { supabaseAnonKey as apikey } from './client.ts';

describe('auth', () => {
  it('signs in with a password, keeps the session, and signs out', async () => {
    const user = await signIn('  reviewer@example.com ', 'duizhao-demo');
    expect(user.email).toBe('reviewer@example.com');
    expect(await getSessionUser()).toEqual(user);
    await signOut();
    expect(await getSessionUser()).toBeNull();
  });

  it('signs out here only by default, and everywhere when asked', async () => {
    // Another device: a session of its own, through the API.
    const url = process.env.VITE_SUPABASE_URL!;
    const elsewhere = async () => {
      const res = await fetch(`${url}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'researcher@example.com', password: 'duizhao-demo' }),
      });
      return ((await res.json()) as { refresh_token: string }).refresh_token;
    };
    const refreshes = async (token: string) =>
      (
        await fetch(`${url}/auth/v1/token?grant_type=refresh_token`, {
          method: 'POST',
          headers: { apikey, 'Content-Type': 'application/json' },
          body: JSON.stringify({ refresh_token: token }),
        })
      ).status;

    const kept = await elsewhere();
    await signIn('researcher@example.com', 'duizhao-demo');
    await signOut();
    expect(await refreshes(kept)).toBe(200);

    const ended = await elsewhere();
    await signIn('researcher@example.com', 'duizhao-demo');
    await signOut('global');
    expect(await getSessionUser()).toBeNull();
    expect(await refreshes(ended)).toBe(400);
  });

  it('tells wrong credentials apart', async () => {
    const failure = await signIn('reviewer@example.com', 'not-the-password').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as SignInError).reason).toBe('invalid-credentials');
  });
});
