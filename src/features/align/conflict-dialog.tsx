// Asked before an alignment replaces English already stored: which rows, what is there, what would
// replace it; replace, apply the other rows only, or cancel.
import { useEffect, useId, useRef } from 'react';
import { truncateCodePoints } from '../../domain/text/index.ts';
import { useT } from '../../i18n/i18n.tsx';

export interface ConflictRow {
  /** Index of the editor row. */
  index: number;
  positions: number[];
  existing: string[];
  proposed: string;
}

const EXCERPT = 140;
const excerpt = (text: string) => truncateCodePoints(text, EXCERPT);

interface ConflictDialogProps {
  rows: readonly ConflictRow[];
  busy: boolean;
  onOverwrite: () => void;
  onSkip: () => void;
  onCancel: () => void;
}

export function ConflictDialog({ rows, busy, onOverwrite, onSkip, onCancel }: ConflictDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="align-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-lead`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{t('align.conflict.title')}</h2>
      <p id={`${id}-lead`}>{t('align.conflict.lead', { count: rows.length })}</p>
      <ul className="align-conflicts" aria-label={t('align.conflict.list')}>
        {rows.map((row) => (
          <li key={row.index}>
            <p className="align-conflict-head">
              {t('align.row', { n: row.index + 1 })}
              <span className="muted small"> · {row.positions.map((p) => `¶${p}`).join(' ')}</span>
            </p>
            <p className="small">
              <span className="align-conflict-label">{t('align.conflict.existing')}</span>{' '}
              {row.existing.length > 0 ? excerpt(row.existing.join(' ')) : <span className="muted">{t('align.conflict.covered')}</span>}
            </p>
            <p className="small">
              <span className="align-conflict-label">{t('align.conflict.proposed')}</span> {excerpt(row.proposed)}
            </p>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="button button-danger" disabled={busy} onClick={onOverwrite}>
          {t('align.conflict.overwrite')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onSkip}>
          {t('align.conflict.skip')}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={onCancel}>
          {t('align.conflict.cancel')}
        </button>
      </div>
    </dialog>
  );
}
