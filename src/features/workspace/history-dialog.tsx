// "History of paragraph N": every saved revision of the row's translation (who, when, status, and
// what changed from the one before) and every review decision, oldest first; an earlier revision
// can be restored as a new draft.
import { historyTimeline, useParagraphHistory, type Revision } from '../../data/history.ts';
import type { Translation } from '../../data/translations.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { DiffText } from '../../components/diff-text.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { useProfiles } from '../../data/profiles.ts';
import { useWorkspace } from './workspace-context.ts';

const STATUS_TONE: Record<string, BadgeTone> = { empty: 'neutral', draft: 'warning', translated: 'info', approved: 'success', rejected: 'danger' };
const DECISION_TONE: Record<string, BadgeTone> = { approved: 'success', rejected: 'danger', undone: 'neutral' };

interface HistoryDialogProps {
  n: number;
  translation: Translation;
  /** Restores a revision's text as a new draft; null when the user may not edit the row. */
  onRestore: ((revision: Revision) => void) | null;
  onClose: () => void;
}

export function HistoryDialog({ n, translation, onRestore, onClose }: HistoryDialogProps) {
  const t = useT();
  const ws = useWorkspace();
  const history = useParagraphHistory(ws.documentId, translation.id);
  const people = useProfiles([
    ...(history.data?.revisions ?? []).flatMap((r) => (r.author_id ? [r.author_id] : [])),
    ...(history.data?.decisions ?? []).flatMap((d) => (d.reviewer_id ? [d.reviewer_id] : [])),
  ]);
  const name = (id: string | null | undefined) =>
    id ? (people.get(id)?.displayName ?? ws.profiles.get(id)?.displayName ?? t('notes.someone')) : t('notes.someone');

  let body;
  if (history.isPending) body = <Loading />;
  else if (history.isError) body = <ErrorState title={t('history.error')} detail={errorMessage(history.error)} />;
  else {
    const entries = historyTimeline(history.data);
    body =
      entries.length === 0 ? (
        <EmptyState>{t('history.empty')}</EmptyState>
      ) : (
        <ol className="history-list">
          {entries.map((entry) =>
            entry.type === 'revision' ? (
              <li key={`r${entry.revision.id}`} className="history-entry">
                <p className="history-head">
                  <span className="history-what">{t('history.revision', { version: entry.revision.version })}</span>
                  <Badge tone={STATUS_TONE[entry.revision.status] ?? 'neutral'}>{t(`translation.status.${entry.revision.status}` as MessageKey)}</Badge>
                  <span className="muted small">
                    {name(entry.revision.author_id)} · <RelativeTime iso={entry.revision.created_at} />
                  </span>
                </p>
                {entry.revision.text === entry.previousText ? (
                  <p className="muted small">{t('history.sameText')}</p>
                ) : (
                  <DiffText before={entry.previousText} after={entry.revision.text} label={t('history.diffLabel', { version: entry.revision.version })} />
                )}
                {onRestore && entry.revision.text !== translation.text && entry.revision.text.trim() !== '' ? (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onRestore(entry.revision)}
                    aria-label={t('history.restoreLabel', { version: entry.revision.version })}
                  >
                    {t('history.restore')}
                  </button>
                ) : null}
              </li>
            ) : (
              <li key={`d${entry.decision.id}`} className={`history-entry history-decision history-${entry.decision.decision}`}>
                <p className="history-head">
                  <Badge tone={DECISION_TONE[entry.decision.decision] ?? 'neutral'}>{t(`history.decision.${entry.decision.decision}` as MessageKey)}</Badge>
                  <span className="muted small">
                    {name(entry.decision.reviewer_id)} · <RelativeTime iso={entry.decision.created_at} /> · {t('history.ofVersion', { version: entry.decision.version })}
                  </span>
                </p>
                {entry.decision.comment ? <p className="history-comment">{entry.decision.comment}</p> : null}
                {entry.decision.suggestion ? (
                  <p className="small">
                    <span className="muted">{t('rowReview.suggestion')}</span> {entry.decision.suggestion}
                  </p>
                ) : null}
              </li>
            ),
          )}
        </ol>
      );
  }

  return (
    <Dialog title={t('history.title', { n })} onClose={onClose} className="history-dialog">
      {body}
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>
          {t('history.close')}
        </button>
      </div>
    </Dialog>
  );
}
