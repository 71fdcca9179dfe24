// Route /review — submitted notes and translated rows waiting for a decision, with context.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../data/session.ts';
import { useReviewLive } from '../../data/live.ts';
import { hasRole, useProjects } from '../../data/projects.ts';
import {
  isOwnWork,
  reviewItemId,
  useApproveItems,
  useReviewDecision,
  useReviewQueue,
  useUndoReview,
  type BulkResult,
  type Decision,
  type DecisionDone,
  type ReviewItem,
} from '../../data/review-queue.ts';
import { useProfiles } from '../../data/profiles.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { RichTextView } from '../../editor/rich-text-view.tsx';
import { Badge } from '../../components/badge.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { useQaErrors } from './review-qa.ts';
import { useChineseSelection } from './use-chinese-selection.ts';
import { LookupButton, LookupDialog } from '../../components/lookup-dialog.tsx';
import { lookUpSelection } from '../../workers/dictionary-client.ts';
import type { QaFinding } from '../../domain/qa/index.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';

function ReviewCard({
  item,
  ownWork,
  authorName,
  onDecide,
  busy,
  failure,
  selected,
  onSelect,
  onQaErrors,
}: {
  item: ReviewItem;
  ownWork: boolean;
  authorName: string;
  onDecide: (decision: Decision, comment: string, suggestion: string) => void;
  busy: boolean;
  failure: unknown;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  /** The card's QA errors, for "Approve selected" to warn about. */
  onQaErrors: (errors: QaFinding[]) => void;
}) {
  const t = useT();
  const [comment, setComment] = useState('');
  const currentText = item.type === 'translation' ? item.translation.text : '';
  const qaErrors = useQaErrors(item);
  useEffect(() => onQaErrors(qaErrors), [qaErrors, onQaErrors]);
  // "Look up" on a word selected in the Chinese, as in the workspace.
  const sourceRef = useRef<HTMLDivElement>(null);
  const picked = useChineseSelection(sourceRef);
  const [lookup, setLookup] = useState<string | null>(null);
  const [confirmApprove, setConfirmApprove] = useState(false);

  function approve(force = false) {
    if (!force && qaErrors.length > 0) {
      setConfirmApprove(true);
      return;
    }
    setConfirmApprove(false);
    onDecide('approved', comment, '');
  }
  const [suggestion, setSuggestion] = useState(currentText);
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
    // Only a changed text is a suggestion.
    onDecide('rejected', comment, suggestion.trim() !== currentText.trim() ? suggestion : '');
  }

  return (
    <article className="review-item" aria-label={label} id={`review-item-${id}`} tabIndex={-1}>
      <header className="review-item-head">
        {ownWork ? null : (
          <input
            type="checkbox"
            className="review-select"
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={t('review.select', { label })}
          />
        )}
        <Badge tone={item.type === 'annotation' ? 'info' : 'progress'}>
          {item.type === 'annotation' ? t('review.type.note') : t('review.type.translation')}
        </Badge>
        <Link to={`/documents/${item.context.documentId}`} lang="zh-CN">
          {item.context.documentTitle}
        </Link>
        <Link to={`/documents/${item.context.documentId}?p=${n}`}>{t('review.openParagraph', { n })}</Link>
        {item.type === 'annotation' ? (
          <span className="muted">
            {t('review.by', { name: authorName })} · {t(`kind.${item.annotation.kind}` as MessageKey)}
          </span>
        ) : (
          <span className="muted">{t('review.by', { name: authorName })}</span>
        )}
      </header>
      <div className="review-context">
        <div className="source source-body" lang="zh-CN" ref={sourceRef}>
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
      {picked ? (
        <div className="review-lookup">
          <LookupButton text={picked} onClick={() => setLookup(picked)} />
        </div>
      ) : null}
      {lookup !== null ? <LookupDialog text={lookup} lookUp={lookUpSelection} onClose={() => setLookup(null)} /> : null}
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
          {item.type === 'translation' ? (
            <div className="field">
              <label htmlFor={`suggestion-${id}`}>{t('review.suggestion')}</label>
              <textarea id={`suggestion-${id}`} rows={2} lang="en" value={suggestion} onChange={(e) => setSuggestion(e.target.value)} aria-describedby={`suggestion-hint-${id}`} />
              <p id={`suggestion-hint-${id}`} className="field-hint">
                {t('review.suggestionHint')}
              </p>
            </div>
          ) : null}
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
          {confirmApprove && qaErrors.length ? (
            <div className="qa-confirm" role="alert">
              <p>{t('qa.confirmApprove', { count: qaErrors.length })}</p>
              <ul className="small">
                {qaErrors.slice(0, 3).map((f) => (
                  <li key={f.fingerprint}>{t(`qa.message.${f.code}` as MessageKey, f.params)}</li>
                ))}
              </ul>
              <div className="button-row">
                <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => approve(true)}>
                  {t('qa.approveAnyway')}
                </button>
                <button type="button" className="button button-small button-quiet" onClick={() => setConfirmApprove(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : null}
          <div className="button-row">
            <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => approve()}>
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

type KindFilter = 'all' | 'annotation' | 'translation';
type Order = 'oldest' | 'newest';

const updatedAt = (item: ReviewItem) => (item.type === 'annotation' ? (item.annotation.updated_at ?? item.annotation.created_at) : (item.translation.updated_at ?? ''));

function describeDone(t: Translate, done: DecisionDone): string {
  const vars = { n: done.item.context.position, title: done.item.context.documentTitle };
  return t(done.decision === 'approved' ? 'review.done.approved' : 'review.done.rejected', vars);
}

/** The approved items of a bulk approval, as decisions that "Undo" can take back. */
function bulkDecisions(items: readonly ReviewItem[], result: BulkResult): DecisionDone[] {
  const byId = new Map(items.map((i) => [i.type === 'annotation' ? i.annotation.id : i.translation.id, i]));
  return result.approved.flatMap((a) => {
    const item = byId.get(a.item_id);
    return item ? [{ item, decision: 'approved' as const, version: a.version }] : [];
  });
}

function describeBulk(t: Translate, result: BulkResult): string {
  const approved = t('review.bulk.done', { count: result.approved.length });
  return result.skipped.length === 0 ? approved : `${approved} ${t('review.bulk.skipped', { count: result.skipped.length })}`;
}

/** How long "Undo" stays offered after a decision. */
const UNDO_MS = 8000;

export default function ReviewPage() {
  const t = useT();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const reviewProjects = (projects.data ?? []).filter((p) => hasRole(p, 'reviewer', 'owner')).map((p) => p.id);
  const queue = useReviewQueue(user.id, reviewProjects);
  useReviewLive(user.id, reviewProjects.length > 0);
  const decide = useReviewDecision(user.id, reviewProjects);
  const undo = useUndoReview(user.id, reviewProjects);
  const approveMany = useApproveItems(user.id, reviewProjects);
  const [failed, setFailed] = useState<{ id: string; error: unknown } | null>(null);
  const [params, setParams] = useSearchParams();
  const documentFilter = params.get('document') ?? 'all';
  const kind = (['annotation', 'translation'].includes(params.get('kind') ?? '') ? params.get('kind') : 'all') as KindFilter;
  const order: Order = params.get('order') === 'newest' ? 'newest' : 'oldest';
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [confirmingBulk, setConfirmingBulk] = useState(false);
  // Each card's QA errors (nobody ignored them): "Approve selected" warns about them, never blocks.
  const [qaErrors, setQaErrors] = useState<ReadonlyMap<string, QaFinding[]>>(() => new Map());
  const reportQaErrors = useCallback((key: string, errors: QaFinding[]) => {
    setQaErrors((map) => {
      if ((map.get(key)?.length ?? 0) === 0 && errors.length === 0) return map;
      if (map.get(key) === errors) return map;
      const next = new Map(map);
      if (errors.length) next.set(key, errors);
      else next.delete(key);
      return next;
    });
  }, []);
  const qaReporters = useMemo(() => new Map<string, (errors: QaFinding[]) => void>(), []);
  const qaReporter = (key: string) => {
    let reporter = qaReporters.get(key);
    if (!reporter) qaReporters.set(key, (reporter = (errors) => reportQaErrors(key, errors)));
    return reporter;
  };
  // The last decision(s) "Undo" can take back, and what the status line says about them.
  const [lastDone, setLastDone] = useState<{ decisions: DecisionDone[]; text: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!lastDone) return;
    const timer = setTimeout(() => setLastDone(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [lastDone]);

  function setFilter(name: string, value: string, fallback: string) {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  }

  const all = useMemo(() => queue.data ?? [], [queue.data]);
  const documents = useMemo(() => {
    const byId = new Map<string, string>();
    for (const i of all) byId.set(i.context.documentId, i.context.documentTitle);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [all]);
  const shown = useMemo(() => {
    const filtered = all.filter(
      (i) => (documentFilter === 'all' || i.context.documentId === documentFilter) && (kind === 'all' || i.type === kind),
    );
    const sign = order === 'newest' ? -1 : 1;
    return filtered.sort((a, b) => sign * updatedAt(a).localeCompare(updatedAt(b)) || a.context.position - b.context.position);
  }, [all, documentFilter, kind, order]);
  const selectable = shown.filter((i) => !isOwnWork(i, user.id));
  const chosen = selectable.filter((i) => selected.has(reviewItemId(i)));
  const chosenWithErrors = chosen.flatMap((item) => {
    const errors = qaErrors.get(reviewItemId(item));
    return errors?.length ? [{ item, errors }] : [];
  });

  /** Closes the bulk dialog and takes the reader to a card (to see its QA errors). */
  function goToItem(item: ReviewItem) {
    setConfirmingBulk(false);
    // After the dialog has closed and handed focus back to its opener.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const card = document.getElementById(`review-item-${reviewItemId(item).replace(':', '-')}`);
        card?.scrollIntoView({ block: 'center' });
        card?.focus();
      }),
    );
  }

  const authorIds = all.flatMap((i) =>
    i.type === 'annotation' ? [i.annotation.author_id] : i.translation.updated_by ? [i.translation.updated_by] : [],
  );
  const profiles = useProfiles(authorIds);

  function toggle(item: ReviewItem, on: boolean) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(reviewItemId(item));
      else next.delete(reviewItemId(item));
      return next;
    });
  }

  let body;
  if (projects.isPending || (reviewProjects.length > 0 && queue.isPending)) body = <Loading />;
  else if (projects.isError || queue.isError) body = <ErrorState title={t('review.error.load')} detail={errorMessage(projects.error ?? queue.error)} />;
  else if (reviewProjects.length === 0)
    body = (
      <EmptyState>
        {t('review.notReviewer')} <Link to="/my-work">{t('review.notReviewerLink')}</Link>
      </EmptyState>
    );
  else if (all.length === 0) body = <EmptyState>{t('review.empty')}</EmptyState>;
  else if (shown.length === 0) body = <EmptyState>{t('review.noneMatch')}</EmptyState>;
  else {
    body = (
      <ul className="review-list">
        {shown.map((item) => {
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
                selected={selected.has(key)}
                onSelect={(on) => toggle(item, on)}
                onQaErrors={qaReporter(key)}
                onDecide={(decision, comment, suggestion) => {
                  setFailed(null);
                  setNotice(null);
                  toggle(item, false);
                  decide.mutate(
                    { item, decision, comment, suggestion },
                    { onSuccess: (done) => setLastDone({ decisions: [done], text: describeDone(t, done) }), onError: (error) => setFailed({ id: key, error }) },
                  );
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
      {reviewProjects.length > 0 || projects.isPending ? <p className="muted">{t('review.lead')}</p> : null}
      {reviewProjects.length > 0 && all.length > 0 ? (
        <div className="review-toolbar" role="group" aria-label={t('review.filters')}>
          <div className="field-inline">
            <label htmlFor="review-document">{t('review.filter.document')}</label>
            <select id="review-document" value={documentFilter} onChange={(e) => setFilter('document', e.target.value, 'all')}>
              <option value="all">{t('review.filter.allDocuments')}</option>
              {documents.map(([id, title]) => (
                <option key={id} value={id} lang="zh-CN">
                  {title}
                </option>
              ))}
            </select>
          </div>
          <div className="field-inline">
            <label htmlFor="review-kind">{t('review.filter.kind')}</label>
            <select id="review-kind" value={kind} onChange={(e) => setFilter('kind', e.target.value, 'all')}>
              <option value="all">{t('review.filter.allKinds')}</option>
              <option value="annotation">{t('review.filter.notes')}</option>
              <option value="translation">{t('review.filter.translations')}</option>
            </select>
          </div>
          <div className="field-inline">
            <label htmlFor="review-order">{t('review.filter.order')}</label>
            <select id="review-order" value={order} onChange={(e) => setFilter('order', e.target.value, 'oldest')}>
              <option value="oldest">{t('review.filter.oldest')}</option>
              <option value="newest">{t('review.filter.newest')}</option>
            </select>
          </div>
          <label className="field-inline review-select-all">
            <input
              type="checkbox"
              checked={selectable.length > 0 && chosen.length === selectable.length}
              disabled={selectable.length === 0}
              onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map(reviewItemId)) : new Set())}
            />
            <span>{t('review.selectAll', { count: selectable.length })}</span>
          </label>
          <button type="button" className="button button-primary button-small" disabled={chosen.length === 0 || approveMany.isPending} onClick={() => setConfirmingBulk(true)}>
            {t('review.bulk.button', { count: chosen.length })}
          </button>
        </div>
      ) : null}
      <div className="review-notices" aria-live="polite">
        {lastDone ? (
          <p className="review-notice" role="status">
            {lastDone.text}{' '}
            <button
              type="button"
              className="button button-small"
              disabled={undo.isPending}
              onClick={() => {
                const { decisions } = lastDone;
                setLastDone(null);
                undo.mutate(decisions, {
                  onSuccess: (result) =>
                    setNotice(
                      decisions.length === 1
                        ? t('review.undone')
                        : result.failed.length === 0
                          ? t('review.bulk.undone', { count: result.undone })
                          : t('review.bulk.undonePartly', { count: result.undone, failed: result.failed.length }),
                    ),
                  onError: (e) => setNotice(t('review.undoFailed', { message: errorMessage(e) })),
                });
              }}
            >
              {t('review.undo')}
            </button>
          </p>
        ) : null}
        {notice ? (
          <p className="review-notice" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      {body}
      {confirmingBulk ? (
        <ConfirmDialog
          title={t('review.bulk.title', { count: chosen.length })}
          confirmLabel={t(chosenWithErrors.length ? 'review.bulk.confirmAnyway' : 'review.bulk.confirm', { count: chosen.length })}
          extra={
            chosenWithErrors.length ? (
              <div className="qa-confirm" role="alert">
                <p>{t('review.bulk.qaWarning', { count: chosenWithErrors.length })}</p>
                <ul className="small">
                  {chosenWithErrors.map(({ item, errors }) => (
                    <li key={reviewItemId(item)}>
                      <button
                        type="button"
                        className="button button-small button-quiet"
                        aria-label={t('review.bulk.qaGoTo', { n: item.context.position, title: item.context.documentTitle, count: errors.length })}
                        onClick={() => goToItem(item)}
                      >
                        {t('review.bulk.qaItem', { n: item.context.position, title: item.context.documentTitle })}
                      </button>{' '}
                      {t(`qa.message.${errors[0]!.code}` as MessageKey, errors[0]!.params)}
                      {errors.length > 1 ? ` ${t('review.bulk.qaMore', { count: errors.length - 1 })}` : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null
          }
          busy={approveMany.isPending}
          error={approveMany.isError ? errorMessage(approveMany.error) : null}
          onCancel={() => setConfirmingBulk(false)}
          onConfirm={() =>
            approveMany.mutate(chosen, {
              onSuccess: (result) => {
                const decisions = bulkDecisions(chosen, result);
                setConfirmingBulk(false);
                setSelected(new Set());
                setNotice(null);
                setLastDone(decisions.length > 0 ? { decisions, text: describeBulk(t, result) } : null);
                if (decisions.length === 0) setNotice(describeBulk(t, result));
              },
            })
          }
        >
          <p>{t('review.bulk.lead', { count: chosen.length })}</p>
        </ConfirmDialog>
      ) : null}
    </main>
  );
}
