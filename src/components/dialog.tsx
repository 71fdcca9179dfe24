// A modal <dialog>: focus moves in and is trapped by the browser, Escape closes, the page behind
// is inert. ConfirmDialog is the "are you sure" form of it, naming what the action does.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useT } from '../i18n/i18n.tsx';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Shown under the title and used as the dialog's description. */
  lead?: ReactNode;
}

/** A <dialog> element shown as a modal while the component is mounted (and closed when it goes). */
export function useModalDialog(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}

export function Dialog({ title, onClose, children, className, lead }: DialogProps) {
  const ref = useModalDialog();
  const id = useId();
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={`${id}-title`}
      aria-describedby={lead ? `${id}-lead` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {lead ? (
        <div id={`${id}-lead`} className="dialog-lead">
          {lead}
        </div>
      ) : null}
      {children}
    </dialog>
  );
}

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in words. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  danger?: boolean;
  error?: string | null;
  /** More to read or do before deciding (a list of problems), between the lead and the buttons. */
  extra?: ReactNode;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy = false, danger = false, error, extra }: ConfirmDialogProps) {
  const t = useT();
  return (
    <Dialog title={title} onClose={onCancel} lead={children} className="confirm-dialog">
      {extra}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className={danger ? 'button button-danger' : 'button button-primary'} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={onCancel} autoFocus>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
