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

export type SignInErrorReason = 'invalid-credentials' | 'rate-limited' | 'network' | 'other';

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

/**
 * Ends the session. `local` (the default) signs out this browser only; `global` also revokes the
 * user's sessions on every other device (their refresh tokens stop working at once, their access
 * tokens within the JWT expiry).
 */
export async function signOut(scope: 'local' | 'global' = 'local'): Promise<void> {
  const { error } = await supabase.auth.signOut({ scope });
  // The local session is cleared whatever the server said; a failed global sign-out must be told.
  if (error && scope === 'global') throw error;
}

export type SignUpErrorReason = 'weak-password' | 'already-registered' | 'invalid-email' | 'signup-disabled' | 'rate-limited' | 'network' | 'other';

export class SignUpError extends Error {
  constructor(readonly reason: SignUpErrorReason, message: string) {
    super(message);
    this.name = 'SignUpError';
  }
}

function signUpReason(error: { code?: string | undefined; status?: number | undefined; name?: string; message: string }): SignUpErrorReason {
  const code = error.code;
  if (code === 'weak_password' || /password/i.test(error.message) && error.status === 422) return 'weak-password';
  if (code === 'user_already_exists' || code === 'email_exists' || /already registered/i.test(error.message)) return 'already-registered';
  if (code === 'email_address_invalid' || code === 'validation_failed') return 'invalid-email';
  if (code === 'signup_disabled' || code === 'email_provider_disabled') return 'signup-disabled';
  if (error.status === 429 || code === 'over_request_rate_limit' || code === 'over_email_send_rate_limit') return 'rate-limited';
  if (error.name === 'AuthRetryableFetchError' || error.status === 0) return 'network';
  return 'other';
}

export interface SignUpResult {
  user: SessionUser;
  /** False when the address must be confirmed by email before signing in. */
  signedIn: boolean;
}

/** Creates an account. Pending project invitations for the address turn into memberships on the way. */
export async function signUp(email: string, password: string, displayName: string): Promise<SignUpResult> {
  const name = displayName.trim();
  const { data, error } = await supabase.auth.signUp({
    email: email.trim(),
    password,
    options: { data: name ? { display_name: name } : {}, emailRedirectTo: `${window.location.origin}/welcome` },
  });
  if (error) throw new SignUpError(signUpReason(error), error.message);
  const user = toSessionUser(data.user);
  if (!user) throw new SignUpError('other', 'No user in the answer');
  // Supabase Auth confirms an invited address on sign-up without taking the new password (it cannot
  // be sure who typed it); signed in now, the user sets it as their own.
  if (data.session && data.user?.invited_at) {
    const { error: passwordError } = await supabase.auth.updateUser({ password });
    if (passwordError) throw new SignUpError(signUpReason(passwordError), passwordError.message);
  }
  return { user, signedIn: !!data.session };
}

/**
 * Mails a link into a recovery session (Supabase Auth answers the same whether or not an account uses
 * the address); the link leads to /welcome, where the user chooses a new password.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const { error } = await supabase.auth.resetPasswordForEmail(email.trim(), { redirectTo: `${window.location.origin}/welcome` });
  if (error) throw new SignUpError(signUpReason(error), error.message);
}

/**
 * Mails a one-time sign-in link (a magic link) to an existing account; it leads to /welcome.
 * Supabase Auth refuses addresses without an account here (no account is created).
 */
export async function requestSignInLink(email: string): Promise<void> {
  const { error } = await supabase.auth.signInWithOtp({
    email: email.trim(),
    options: { shouldCreateUser: false, emailRedirectTo: `${window.location.origin}/welcome` },
  });
  if (!error) return;
  const code = (error as { code?: string }).code;
  if (code === 'otp_disabled' || code === 'user_not_found' || /signups not allowed/i.test(error.message)) {
    throw new SignInError('invalid-credentials', error.message);
  }
  if (error.status === 429) throw new SignInError('rate-limited', error.message);
  if (error.name === 'AuthRetryableFetchError' || error.status === 0) throw new SignInError('network', error.message);
  throw new SignInError('other', error.message);
}

/**
 * Signs in from the tokens an email link (invitation, confirmation) puts in the URL fragment.
 * Returns the link's type, or throws with the reason Supabase Auth gave (an expired link…).
 */
export async function signInFromLink(fragment: string): Promise<string> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const problem = params.get('error_description') ?? params.get('error');
  if (problem) throw new Error(problem.replaceAll('+', ' '));
  const accessToken = params.get('access_token');
  const refreshToken = params.get('refresh_token');
  if (!accessToken || !refreshToken) throw new Error('The link carries no session');
  const { error } = await supabase.auth.setSession({ access_token: accessToken, refresh_token: refreshToken });
  if (error) throw error;
  return params.get('type') ?? 'signup';
}

/** Sets the signed-in user's password (after arriving from an invitation or password-reset link). */
export async function setPassword(password: string): Promise<void> {
  const { error } = await supabase.auth.updateUser({ password });
  if (error) throw new SignUpError(signUpReason(error), error.message);
}

export interface AcceptedInvitation {
  projectId: string;
  role: string;
}

/** Turns pending invitations for the user's confirmed address into memberships (each once). */
export async function acceptInvitations(): Promise<AcceptedInvitation[]> {
  const { data } = await supabase.rpc('accept_invitations').throwOnError();
  return (data ?? []).map((i) => ({ projectId: i.project_id, role: i.role }));
}
