// Email + password sign-in.
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { acceptInvitations, requestSignInLink, signIn, SignInError } from '../../data/auth.ts';
import { useSession } from '../../data/session.ts';
import { useT } from '../../i18n/i18n.tsx';
import { LanguageSelect } from '../../components/language-select.tsx';

export function SignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);
  const state = location.state as { from?: string; signedOutEverywhere?: boolean } | null;
  const from = state?.from ?? '/';

  if (session.status === 'signed-in' && !busy) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError(t('auth.error.missing'));
      return;
    }
    setBusy(true);
    try {
      await signIn(email, password);
      // Invitations sent to this address while it had no confirmed account become memberships now.
      await acceptInvitations().catch(() => []);
      navigate(from, { replace: true });
    } catch (e) {
      const reason = e instanceof SignInError ? e.reason : 'other';
      setError(
        reason === 'invalid-credentials'
          ? t('auth.error.invalid')
          : reason === 'network'
            ? t('auth.error.network')
            : t('auth.error.other', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  }

  async function emailLink() {
    setError(null);
    setLinkSentTo(null);
    if (!email.trim()) {
      setError(t('auth.error.missingEmail'));
      return;
    }
    setBusy(true);
    try {
      await requestSignInLink(email);
      setLinkSentTo(email.trim());
    } catch (e) {
      const reason = e instanceof SignInError ? e.reason : 'other';
      setError(
        reason === 'invalid-credentials'
          ? t('auth.error.noAccount')
          : reason === 'rate-limited'
            ? t('resetPassword.error.rateLimited')
            : reason === 'network'
              ? t('auth.error.network')
              : t('auth.error.other', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-top">
          <h1 className="brand brand-large">
            <span lang="zh-CN">对照</span> Duizhao
          </h1>
          <LanguageSelect />
        </div>
        <p className="sign-in-lead">{t('auth.lead')}</p>
        {state?.signedOutEverywhere ? (
          <p className="form-success" role="status">
            {t('signIn.signedOutEverywhere')}
          </p>
        ) : null}
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="sign-in-email">{t('auth.email')}</label>
            <input
              id="sign-in-email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">{t('auth.password')}</label>
            <input
              id="sign-in-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
              required
            />
          </div>
          {error ? (
            <p id="sign-in-error" className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          {linkSentTo ? (
            <p className="form-success" role="status">
              {t('auth.linkSent', { email: linkSentTo })}
            </p>
          ) : null}
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </button>
          <button type="button" className="button button-block" disabled={busy} onClick={() => void emailLink()}>
            {t('auth.emailLink')}
          </button>
        </form>
        <p className="auth-switch">
          <Link to="/reset-password" state={{ email: email.trim() }}>
            {t('auth.forgotPassword')}
          </Link>
        </p>
        <p className="auth-switch">
          {t('auth.noAccount')} <Link to="/sign-up">{t('auth.createAccount')}</Link>
        </p>
      </div>
    </main>
  );
}
