// Route /welcome — where invitation, confirmation, sign-in and password-reset emails lead: signs in from the
// link, asks an invited person (or one resetting their password) to choose a password, then opens the
// library with their projects.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { acceptInvitations, setPassword as savePassword, signInFromLink, SignUpError } from '../../data/auth.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Loading } from '../../components/states.tsx';
import { AuthCard, AuthField } from './auth-card.tsx';
import { MIN_PASSWORD_LENGTH } from './sign-up-page.tsx';

type Stage = { step: 'signing-in' } | { step: 'password'; recovery: boolean } | { step: 'failed'; message: string };

export function WelcomePage() {
  const t = useT();
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>({ step: 'signing-in' });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const fragment = window.location.hash;
    // The tokens must not stay in the address bar or the history.
    window.history.replaceState(null, '', window.location.pathname);
    signInFromLink(fragment).then(
      async (type) => {
        if (type === 'invite' || type === 'recovery') {
          setStage({ step: 'password', recovery: type === 'recovery' });
          return;
        }
        await acceptInvitations().catch(() => []);
        // A sign-in link brings back a member; confirmation links open the welcome of a new account.
        navigate('/', { replace: true, state: { welcome: type !== 'magiclink' } });
      },
      (e: unknown) => setStage({ step: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  }, [navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password.length < MIN_PASSWORD_LENGTH) {
      setError(t('signUp.error.weakPassword', { min: MIN_PASSWORD_LENGTH }));
      return;
    }
    setBusy(true);
    try {
      await savePassword(password);
      await acceptInvitations().catch(() => []);
      navigate('/', { replace: true, state: { welcome: true } });
    } catch (e) {
      setError(e instanceof SignUpError && e.reason === 'weak-password' ? t('signUp.error.weakPassword', { min: MIN_PASSWORD_LENGTH }) : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (stage.step === 'signing-in') {
    return (
      <AuthCard lead={t('welcome.lead')}>
        <Loading label={t('welcome.signingIn')} />
      </AuthCard>
    );
  }
  if (stage.step === 'failed') {
    return (
      <AuthCard lead={t('welcome.lead')}>
        <p className="form-error" role="alert">
          {t('welcome.failed', { message: stage.message })}
        </p>
        <p className="auth-switch">
          <Link to="/sign-up">{t('signUp.submit')}</Link> · <Link to="/sign-in">{t('auth.signIn')}</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard lead={stage.recovery ? t('welcome.chooseNewPassword') : t('welcome.choosePassword')}>
      <form onSubmit={submit} noValidate aria-label={t('welcome.passwordForm')}>
        <AuthField
          id="welcome-password"
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          errorId={error ? 'welcome-error' : null}
          hint={t('signUp.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        />
        {error ? (
          <p id="welcome-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {t('welcome.savePassword')}
        </button>
      </form>
    </AuthCard>
  );
}
