// Route /sign-up — create an account. An address someone invited joins its projects on the way.
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { acceptInvitations, signUp, SignUpError, type SignUpErrorReason } from '../../data/auth.ts';
import { useSession } from '../../data/session.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { AuthCard, AuthField } from './auth-card.tsx';

const REASON_KEY: Record<SignUpErrorReason, MessageKey> = {
  'weak-password': 'signUp.error.weakPassword',
  'already-registered': 'signUp.error.alreadyRegistered',
  'invalid-email': 'signUp.error.invalidEmail',
  'signup-disabled': 'signUp.error.disabled',
  'rate-limited': 'signUp.error.rateLimited',
  network: 'auth.error.network',
  other: 'signUp.error.other',
};

/** Minimum password length of the local server and the Supabase CLI's default config. */
export const MIN_PASSWORD_LENGTH = 6;

export function SignUpPage() {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmSent, setConfirmSent] = useState(false);
  const [busy, setBusy] = useState(false);

  if (session.status === 'signed-in' && !busy) return <Navigate to="/" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError(t('auth.error.missing'));
      return;
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      setError(t('signUp.error.weakPassword', { min: MIN_PASSWORD_LENGTH }));
      return;
    }
    setBusy(true);
    try {
      const result = await signUp(email, password, name);
      if (!result.signedIn) {
        setConfirmSent(true);
        setBusy(false);
        return;
      }
      // Sign-up already took pending invitations; this only catches what arrived meanwhile.
      await acceptInvitations().catch(() => []);
      // Stays busy: the signed-in redirect above must not replace this navigation (and its state).
      navigate('/', { replace: true, state: { welcome: true } });
    } catch (e) {
      const reason = e instanceof SignUpError ? e.reason : 'other';
      setError(t(REASON_KEY[reason], { min: MIN_PASSWORD_LENGTH, message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  }

  if (confirmSent) {
    return (
      <AuthCard lead={t('signUp.lead')}>
        <p className="form-success" role="status">
          {t('signUp.confirmSent', { email: email.trim() })}
        </p>
        <p className="auth-switch">
          <Link to="/sign-in">{t('auth.signIn')}</Link>
        </p>
      </AuthCard>
    );
  }

  const errorId = error ? 'sign-up-error' : null;
  return (
    <AuthCard lead={t('signUp.lead')}>
      <form onSubmit={submit} noValidate aria-label={t('signUp.title')}>
        <AuthField id="sign-up-email" label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={setEmail} errorId={errorId} />
        <AuthField
          id="sign-up-password"
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          errorId={errorId}
          hint={t('signUp.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        />
        <AuthField
          id="sign-up-name"
          label={t('signUp.name')}
          type="text"
          autoComplete="name"
          value={name}
          onChange={setName}
          errorId={null}
          hint={t('signUp.nameHint')}
          required={false}
        />
        {error ? (
          <p id="sign-up-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('signUp.creating') : t('signUp.submit')}
        </button>
      </form>
      <p className="auth-switch">
        {t('signUp.haveAccount')} <Link to="/sign-in">{t('auth.signIn')}</Link>
      </p>
    </AuthCard>
  );
}
