// Route /review — submitted notes and translated rows waiting for a decision, with context.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../data/session.ts';
import { hasRole, useProjects } from '../../data/projects.ts';
import { isOwnWork, reviewItemId, useReviewDecision, useReviewQueue, type Decision, type ReviewItem } from '../../data/review-queue.ts';
import { useProfiles } from '../../data/profiles.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { RichTextView } from '../../editor/rich-text-view.tsx';
import { Badge } from '../../components/badge.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';

function ReviewCard({
  item,
  ownWork,
  authorName,
  onDecide,
  busy,
  failure,
}: {
  item: ReviewItem;
  ownWork: boolean;
  authorName: string;
  onDecide: (decision: Decision, comment: string) => void;
  busy: boolean;
  failure: unknown;
}) {
  const t = useT();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const id = reviewItemId(item).replace(':', '-');
  const n = item.context.position;
  const label =
    item.type === 'annotation'
      ? t('review.noteLabel', { name: authorName, n, title: item.context.documentTitle })
      : t('review.translationLabel', { n, title: item.context.documentTitle });

  function reject() {
    if (comment.trim() === '') {
      setCommentError(true);
      return;
    }
    onDecide('rejected', comment);
  }

  return (
    <article className="review-item" aria-label={label}>
      <header className="review-item-head">
        <Badge tone={item.type === 'annotation' ? 'info' : 'progress'}>
          {item.type === 'annotation' ? t('review.type.note') : t('review.type.translation')}
        </Badge>
        <Link to={`/documents/${item.context.documentId}`} lang="zh-CN">
          {item.context.documentTitle}
        </Link>
        <span className="muted">{t('workspace.paragraph', { n })}</span>
        {item.type === 'annotation' ? (
          <span className="muted">
            {t('review.by', { name: authorName })} · {t(`kind.${item.annotation.kind}` as MessageKey)}
          </span>
        ) : (
          <span className="muted">{t('review.by', { name: authorName })}</span>
        )}
      </header>
      <div className="review-context">
        <div className="source source-body" lang="zh-CN">
          {item.context.source}
        </div>
        <div className="rich-text translation-text" lang="en">
          {item.type === 'translation' ? (
            <RichTextView value={item.translation.body} fallbackText={item.translation.text} />
          ) : item.translationText ? (
            <RichTextView value={item.translationBody} fallbackText={item.translationText} />
          ) : (
            <p className="placeholder">{t('workspace.notTranslated')}</p>
          )}
        </div>
      </div>
      {item.type === 'annotation' ? (
        <div className="review-note">
          {item.annotation.quote_exact ? (
            <blockquote className="note-quote" lang="zh-CN">
              {item.annotation.quote_exact}
            </blockquote>
          ) : (
            <p className="note-scope small muted">{t('notes.wholeParagraph')}</p>
          )}
          <div className="rich-text note-body">
            <RichTextView value={item.annotation.body} fallbackText={item.annotation.body_text ?? ''} />
          </div>
          {item.annotation.tags.length > 0 ? (
            <ul className="chips" aria-label={t('notes.tags')}>
              {item.annotation.tags.map((tag) => (
                <li key={tag} className="chip">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {ownWork ? (
        <p className="muted small">{t('review.ownWork')}</p>
      ) : (
        <div className="review-decision">
          <div className="field">
            <label htmlFor={`comment-${id}`}>{t('review.comment')}</label>
            <textarea
              id={`comment-${id}`}
              rows={2}
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                if (e.target.value.trim()) setCommentError(false);
              }}
              aria-invalid={commentError || undefined}
              aria-describedby={commentError ? `comment-error-${id}` : undefined}
            />
          </div>
          {commentError ? (
            <p id={`comment-error-${id}`} className="form-error small" role="alert">
              {t('review.commentRequired')}
            </p>
          ) : null}
          {failure ? (
            <p className="form-error small" role="alert">
              {errorKind(failure) === 'conflict' ? t('review.error.conflict') : errorMessage(failure)}
            </p>
          ) : null}
          <div className="button-row">
            <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => onDecide('approved', comment)}>
              {t('review.approve')}
            </button>
            <button type="button" className="button button-small button-danger" disabled={busy} onClick={reject}>
              {t('review.reject')}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}

export default function ReviewPage() {
  const t = useT();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const reviewProjects = (projects.data ?? []).filter((p) => hasRole(p, 'reviewer', 'owner')).map((p) => p.id);
  const queue = useReviewQueue(user.id, reviewProjects);
  const decide = useReviewDecision(user.id, reviewProjects);
  const [failed, setFailed] = useState<{ id: string; error: unknown } | null>(null);
  const authorIds = (queue.data ?? []).flatMap((i) =>
    i.type === 'annotation' ? [i.annotation.author_id] : i.translation.updated_by ? [i.translation.updated_by] : [],
  );
  const profiles = useProfiles(authorIds);

  let body;
  if (projects.isPending || (reviewProjects.length > 0 && queue.isPending)) body = <Loading />;
  else if (projects.isError || queue.isError) body = <ErrorState title={t('review.error.load')} detail={errorMessage(projects.error ?? queue.error)} />;
  else if (reviewProjects.length === 0) body = <EmptyState>{t('review.notReviewer')}</EmptyState>;
  else if ((queue.data ?? []).length === 0) body = <EmptyState>{t('review.empty')}</EmptyState>;
  else {
    body = (
      <ul className="review-list">
        {queue.data!.map((item) => {
          const key = reviewItemId(item);
          const authorId = item.type === 'annotation' ? item.annotation.author_id : item.translation.updated_by;
          return (
            <li key={key}>
              <ReviewCard
                item={item}
                ownWork={isOwnWork(item, user.id)}
                authorName={(authorId && profiles.get(authorId)?.displayName) || t('notes.someone')}
                busy={decide.isPending && decide.variables?.item === item}
                failure={failed?.id === key ? failed.error : null}
                onDecide={(decision, comment) => {
                  setFailed(null);
                  decide.mutate({ item, decision, comment }, { onError: (error) => setFailed({ id: key, error }) });
                }}
              />
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <main className="page review">
      <h1>{t('review.title')}</h1>
      <p className="muted">{t('review.lead')}</p>
      {body}
    </main>
  );
}
