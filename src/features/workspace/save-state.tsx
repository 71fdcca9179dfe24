// Save state of one row and of the whole document, in words.
import { useEffect, useState } from 'react';
import { useOutboxSummary, type RowState } from '../../data/translation-outbox.ts';
import { useT } from '../../i18n/i18n.tsx';

export function RowSaveState({ row }: { row: RowState | undefined }) {
  const t = useT();
  if (!row) return null;
  const text = {
    pending: t('save.pending'),
    saving: t('save.saving'),
    saved: t('save.saved'),
    offline: t('save.offline'),
    conflict: t('save.conflict'),
    error: t('save.error'),
  }[row.phase];
  return <span className={`save-state save-${row.phase}`}>{text}</span>;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The document's save state; subscribes itself so the page does not re-render on every keystroke. */
export function GlobalSaveState() {
  const t = useT();
  const summary = useOutboxSummary();
  const online = useOnline();
  let tone = 'saved';
  let text: string;
  if (summary.conflicts > 0) {
    tone = 'conflict';
    text = t('save.global.conflicts', { count: summary.conflicts });
  } else if (!online || summary.offline > 0) {
    tone = 'offline';
    text = summary.unsaved > 0 ? t('save.global.offlineWaiting', { count: summary.unsaved }) : t('save.global.offline');
  } else if (summary.errors > 0) {
    tone = 'error';
    text = t('save.global.errors', { count: summary.errors });
  } else if (summary.saving > 0 || summary.unsaved > 0) {
    tone = 'saving';
    text = t('save.global.saving');
  } else if (summary.lastSavedAt) {
    text = t('save.global.saved');
  } else {
    tone = 'idle';
    text = t('save.global.idle');
  }
  return (
    <p className={`global-save save-${tone}`} role="status" aria-live="polite">
      <span className="save-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
