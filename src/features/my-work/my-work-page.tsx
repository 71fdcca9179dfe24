// Route /my-work — my notes by status (draft, submitted, approved, rejected) and my translated rows
// waiting for review or sent back, each linking to its paragraph.
import { Link } from 'react-router-dom';
import { useMyWork, type MyWorkItem } from '../../data/my-work.ts';
import { useProfiles } from '../../data/profiles.ts';
import { useCurrentUser } from '../../data/session.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { truncateCodePoints } from '../../domain/text/index.ts';
import { RelativeTime } from '../../components/relative-time.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';

const NOTE_STATUSES = ['rejected', 'draft', 'submitted', 'approved'] as const;
const TRANSLATION_STATUSES = ['rejected', 'translated'] as const;
const EXCERPT = 160;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return truncateCodePoints(flat, EXCERPT);
}

function WorkItem({ item, reviewerName }: { item: MyWorkItem; reviewerName: string | null }) {
  const t = useT();
  return (
    <li className="work-item">
      <p className="work-item-head">
        <Link to={`/documents/${item.document_id}?p=${item.position}`}>{t('myWork.openParagraph', { n: item.position })}</Link>{' '}
        <span className="muted" lang="zh-CN">
          · {item.document_title}
        </span>
        {item.kind ? <span className="muted small"> · {t(`kind.${item.kind}` as MessageKey)}</span> : null}
        {item.updated_at ? (
          <span className="muted small">
            {' '}
            · <RelativeTime iso={item.updated_at} />
          </span>
        ) : null}
      </p>
      <p className="work-item-text">{item.text ? excerpt(item.text) : <span className="muted">{t('myWork.noText')}</span>}</p>
      {item.status === 'rejected' && item.review_comment ? (
        <p className="work-item-review small">
          {t('myWork.rejectedBy', { name: reviewerName ?? t('notes.someone') })} <q>{item.review_comment}</q>
        </p>
      ) : null}
    </li>
  );
}

function Group({ title, items, reviewers }: { title: string; items: MyWorkItem[]; reviewers: Map<string, { displayName: string }> }) {
  const t = useT();
  const id = `group-${title.replace(/\W+/g, '-')}`;
  return (
    <section className="work-group" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="muted small">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted small">{t('myWork.none')}</p>
      ) : (
        <ul className="work-list">
          {items.map((item) => (
            <WorkItem key={item.item_id} item={item} reviewerName={item.reviewed_by ? (reviewers.get(item.reviewed_by)?.displayName ?? null) : null} />
          ))}
        </ul>
      )}
    </section>
  );
}

export default function MyWorkPage() {
  const t = useT();
  const user = useCurrentUser();
  const work = useMyWork(user.id);
  const reviewers = useProfiles((work.data ?? []).flatMap((i) => (i.reviewed_by ? [i.reviewed_by] : [])));

  let body;
  if (work.isPending) body = <Loading />;
  else if (work.isError) body = <ErrorState title={t('myWork.error')} detail={errorMessage(work.error)} />;
  else if (work.data.length === 0) body = <EmptyState>{t('myWork.empty')}</EmptyState>;
  else {
    const notes = work.data.filter((i) => i.item_type === 'annotation');
    const rows = work.data.filter((i) => i.item_type === 'translation');
    body = (
      <div className="my-work-columns">
        <section aria-labelledby="my-notes">
          <h2 id="my-notes">{t('myWork.notes')}</h2>
          {NOTE_STATUSES.map((status) => (
            <Group
              key={status}
              title={t(`notes.status.${status}` as MessageKey)}
              items={notes.filter((i) => i.status === status)}
              reviewers={reviewers}
            />
          ))}
        </section>
        <section aria-labelledby="my-translations">
          <h2 id="my-translations">{t('myWork.translations')}</h2>
          {TRANSLATION_STATUSES.map((status) => (
            <Group
              key={status}
              title={status === 'translated' ? t('myWork.waiting') : t('translation.status.rejected')}
              items={rows.filter((i) => i.status === status)}
              reviewers={reviewers}
            />
          ))}
        </section>
      </div>
    );
  }

  return (
    <main className="page my-work">
      <h1>{t('myWork.title')}</h1>
      <p className="muted">{t('myWork.lead')}</p>
      {body}
    </main>
  );
}

