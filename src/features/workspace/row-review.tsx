// A rejected translation in its row: who rejected it, when, why, and the reviewer's suggested
// translation as a word-level diff against the current text, with "Accept suggestion".
import type { Translation } from '../../data/translations.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Badge } from '../../components/badge.tsx';
import { DiffText } from '../../components/diff-text.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { useWorkspace } from './workspace-context.ts';

export function RowReview({ translation, n, onAccept }: { translation: Translation; n: number; onAccept: (() => void) | null }) {
  const t = useT();
  const ws = useWorkspace();
  if (translation.status !== 'rejected') return null;
  const reviewer = translation.reviewed_by ? (ws.profiles.get(translation.reviewed_by)?.displayName ?? t('notes.someone')) : t('notes.someone');
  const suggestion = translation.suggested_text ?? null;
  return (
    <section className="row-review" aria-label={t('rowReview.label', { n })}>
      <p className="row-review-head">
        <Badge tone="danger">{t('translation.status.rejected')}</Badge>{' '}
        <span>{t('rowReview.by', { name: reviewer })}</span>
        {translation.reviewed_at ? (
          <span className="muted small">
            {' '}
            · <RelativeTime iso={translation.reviewed_at} />
          </span>
        ) : null}
      </p>
      {translation.review_comment ? <p className="row-review-comment">{translation.review_comment}</p> : null}
      {suggestion ? (
        <div className="row-review-suggestion">
          <p className="row-review-label small">{t('rowReview.suggestion')}</p>
          <DiffText before={translation.text} after={suggestion} label={t('rowReview.diffLabel', { n })} />
          {onAccept ? (
            <button type="button" className="button button-small button-primary" onClick={onAccept}>
              {t('rowReview.accept')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
