// The signed-in address in the header opens a small account panel: who is signed in, and signing
// out on every device (a lost laptop, a shared computer left signed in).
import { useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSignOut } from '../data/session.ts';
import { errorMessage } from '../data/errors.ts';
import { useT } from '../i18n/i18n.tsx';
import { useDismiss } from '../components/use-dismiss.ts';

export function AccountMenu({ email }: { email: string }) {
  const t = useT();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useDismiss(open, () => setOpen(false), [rootRef]);

  async function signOutEverywhere() {
    setBusy(true);
    setError(null);
    try {
      await signOut('global');
      navigate('/sign-in', { replace: true, state: { signedOutEverywhere: true } });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <div className="account" ref={rootRef}>
      <button
        type="button"
        className="button button-quiet user-email"
        title={email}
        aria-label={t('account.button', { email })}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-email-full">{email}</span>
        {/* Where the address does not fit (narrower screens), the button still opens the panel. */}
        <span className="user-email-short" aria-hidden="true">
          {t('account.title')}
        </span>
      </button>
      {open ? (
        <section id={panelId} className="account-panel" aria-label={t('account.title')}>
          <p className="account-who">{t('account.signedInAs', { email })}</p>
          <p className="muted small">{t('account.everywhereLead')}</p>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void signOutEverywhere()}>
            {busy ? t('account.signingOut') : t('account.signOutEverywhere')}
          </button>
          {error ? (
            <p className="form-error small" role="alert">
              {t('account.error', { message: errorMessage(error) })}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
