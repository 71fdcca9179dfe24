// The editor's draft in words (kept on this device, restored, or none since everything is applied),
// and the question asked before leaving for another page with unapplied work.
import type { Blocker } from 'react-router-dom';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { useI18n, useT } from '../../i18n/i18n.tsx';

const formatTime = (date: Date, locale: string) => date.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });

interface AlignmentDraftStatusProps {
  /** Nothing changed since the rows were applied: no draft is kept. */
  applied: boolean;
  /** When the draft being continued was saved (null for a fresh alignment). */
  restoredAt: Date | null;
  onDiscard: () => void;
}

export function AlignmentDraftStatus({ applied, restoredAt, onDiscard }: AlignmentDraftStatusProps) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <div className="align-draft small">
      {applied ? (
        <span className="muted">{t('align.draft.none')}</span>
      ) : (
        <>
          <span className="muted">{restoredAt ? t('align.draft.restored', { time: formatTime(restoredAt, locale) }) : t('align.draft.saved')}</span>{' '}
          <button type="button" className="button button-small button-quiet" onClick={onDiscard}>
            {t('align.draft.discard')}
          </button>
        </>
      )}
    </div>
  );
}

/** Asks before leaving the page while a navigation is blocked; leaving writes the draft first. */
export function LeaveDialog({ blocker, flush }: { blocker: Blocker; flush: () => Promise<void> }) {
  const t = useT();
  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog
      title={t('align.leave.title')}
      confirmLabel={t('align.leave.confirm')}
      onConfirm={() => {
        void flush();
        blocker.proceed?.();
      }}
      onCancel={() => blocker.reset?.()}
    >
      {t('align.leave.lead')}
    </ConfirmDialog>
  );
}
