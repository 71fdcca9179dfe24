// Asked before an alignment replaces English already stored: which rows, what is there, what would
// replace it; replace, apply the other rows only, or cancel.
import { useId } from 'react';
import { useModalDialog } from '../../components/dialog.tsx';
import { DiffText } from '../../components/diff-text.tsx';
import { useT } from '../../i18n/i18n.tsx';

export interface ConflictRow {
  /** Index of the editor row. */
  index: number;
  positions: number[];
  existing: string[];
  proposed: string;
}

interface ConflictDialogProps {
  rows: readonly ConflictRow[];
  busy: boolean;
  onOverwrite: () => void;
  onSkip: () => void;
  onCancel: () => void;
}

export function ConflictDialog({ rows, busy, onOverwrite, onSkip, onCancel }: ConflictDialogProps) {
  const t = useT();
  const ref = useModalDialog();
  const id = useId();

  return (
    <dialog
      ref={ref}
      className="align-dialog align-dialog-wide"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-lead`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{t('align.conflict.title')}</h2>
      <p id={`${id}-lead`}>{t('align.conflict.lead', { count: rows.length })}</p>
      <ul className="align-conflicts" aria-label={t('align.conflict.list')} tabIndex={0}>
        {rows.map((row) => (
          <li key={row.index}>
            <p className="align-conflict-head">
              {t('align.row', { n: row.index + 1 })}
              <span className="muted small"> · {row.positions.map((p) => `¶${p}`).join(' ')}</span>
            </p>
            <div className="align-conflict-texts">
              <div>
                <p className="align-conflict-label small">{t('align.conflict.existing')}</p>
                {row.existing.length > 0 ? (
                  <p className="align-conflict-text" lang="en">
                    {row.existing.join('\n')}
                  </p>
                ) : (
                  <p className="muted small">{t('align.conflict.covered')}</p>
                )}
              </div>
              <div>
                <p className="align-conflict-label small">{t('align.conflict.proposed')}</p>
                <p className="align-conflict-text" lang="en">
                  {row.proposed}
                </p>
              </div>
            </div>
            {row.existing.length > 0 ? (
              <div className="align-conflict-diff">
                <p className="align-conflict-label small">{t('align.conflict.changes')}</p>
                <DiffText before={row.existing.join('\n')} after={row.proposed} label={t('align.conflict.changesOf', { n: row.index + 1 })} />
              </div>
            ) : null}
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
