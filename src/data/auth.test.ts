import { describe, expect, it } from 'vitest';
import { getSessionUser, signIn, SignInError, signOut } from './auth.ts';

describe('auth', () => {
  it('signs in with a password, keeps the session, and signs out', async () => {
    const user = await signIn('  reviewer@example.com ', 'duizhao-demo');
    expect(user.email).toBe('reviewer@example.com');
    expect(await getSessionUser()).toEqual(user);
    await signOut();
    expect(await getSessionUser()).toBeNull();
  });

  it('tells wrong credentials apart', async () => {
    const failure = await signIn('reviewer@example.com', 'not-the-password').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as SignInError).reason).toBe('invalid-credentials');
  });
});
