// Route /reset-password — "Forgot your password?": mails a link that signs the user in on /welcome,
// where they choose a new password.
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { requestPasswordReset, SignUpError } from '../../data/auth.ts';
import { useT } from '../../i18n/i18n.tsx';
import { AuthCard, AuthField } from './auth-card.tsx';

export function ResetPasswordPage() {
  const t = useT();
  const location = useLocation();
  const [email, setEmail] = useState((location.state as { email?: string } | null)?.email ?? '');
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!email.trim()) {
      setError(t('resetPassword.error.missing'));
      return;
    }
    setBusy(true);
    try {
      await requestPasswordReset(email);
      setSentTo(email.trim());
    } catch (e) {
      const reason = e instanceof SignUpError ? e.reason : 'other';
      setError(
        reason === 'invalid-email'
          ? t('signUp.error.invalidEmail')
          : reason === 'rate-limited'
            ? t('resetPassword.error.rateLimited')
            : reason === 'network'
              ? t('auth.error.network')
              : t('resetPassword.error.other', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard lead={t('resetPassword.lead')}>
      {sentTo ? (
        <p className="form-success" role="status">
          {t('resetPassword.sent', { email: sentTo })}
        </p>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('resetPassword.title')}>
          <AuthField
            id="reset-email"
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            errorId={error ? 'reset-error' : null}
          />
          {error ? (
            <p id="reset-error" className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t('resetPassword.sending') : t('resetPassword.submit')}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <Link to="/sign-in">{t('resetPassword.backToSignIn')}</Link>
      </p>
    </AuthCard>
  );
}
