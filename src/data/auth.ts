// Sign in / sign out and the current session, through supabase-js auth.
import { supabase } from './client.ts';

export interface SessionUser {
  id: string;
  email: string;
}

function toSessionUser(user: { id: string; email?: string | undefined } | null | undefined): SessionUser | null {
  return user ? { id: user.id, email: user.email ?? '' } : null;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const { data } = await supabase.auth.getSession();
  return toSessionUser(data.session?.user);
}

/** Calls `listener` with the signed-in user (or null) whenever it changes. */
export function onSessionChange(listener: (user: SessionUser | null) => void): () => void {
  const { data } = supabase.auth.onAuthStateChange((_event, session) => listener(toSessionUser(session?.user)));
  return () => data.subscription.unsubscribe();
}

export type SignInErrorReason = 'invalid-credentials' | 'network' | 'other';

export class SignInError extends Error {
  constructor(readonly reason: SignInErrorReason, message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

export async function signIn(email: string, password: string): Promise<SessionUser> {
  const { data, error } = await supabase.auth.signInWithPassword({ email: email.trim(), password });
  if (error) {
    const code = (error as { code?: string }).code;
    if (code === 'invalid_credentials' || error.status === 400) throw new SignInError('invalid-credentials', error.message);
    if (error.name === 'AuthRetryableFetchError' || error.status === 0) throw new SignInError('network', error.message);
    throw new SignInError('other', error.message);
  }
  const user = toSessionUser(data.user);
  if (!user) throw new SignInError('other', 'No user in the session');
  return user;
}

export async function signOut(): Promise<void> {
  // Local scope: signing out here must not end the user's sessions in other browsers.
  await supabase.auth.signOut({ scope: 'local' });
}
