// Route /projects/:projectId/glossary — the project's term base: search, sort, add, edit, approve,
// delete, import (CSV, TBX) and export.
import { useDeferredValue, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../data/session.ts';
import { hasRole, useProjects } from '../../data/projects.ts';
import { useProfiles } from '../../data/profiles.ts';
import {
  useAddGlossaryEntry,
  useDeleteGlossaryEntry,
  useGlossary,
  useUpdateGlossaryEntry,
  type GlossaryEntry,
} from '../../data/glossary.ts';
import { errorMessage } from '../../data/errors.ts';
import { writeGlossaryCsv, writeGlossaryTbx } from '../../domain/glossary/index.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Breadcrumb } from '../../components/breadcrumb.tsx';
import { Badge } from '../../components/badge.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { EntryForm } from './entry-form.tsx';
import { ImportDialog } from './import-dialog.tsx';
import './glossary.css';

type Sort = 'zh' | 'en' | 'kind' | 'status' | 'newest';
const PAGE = 200;

function download(name: string, text: string, mime: string) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileStem(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'glossary';
}

function matches(entry: GlossaryEntry, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return (
    entry.zh.includes(query) ||
    entry.en.some((e) => e.toLowerCase().includes(q)) ||
    entry.forbidden.some((e) => e.toLowerCase().includes(q)) ||
    entry.note.toLowerCase().includes(q) ||
    entry.source.toLowerCase().includes(q)
  );
}

const collator = new Intl.Collator('zh-CN');
const enCollator = new Intl.Collator('en', { sensitivity: 'base' });
const SORTS: Record<Sort, (a: GlossaryEntry, b: GlossaryEntry) => number> = {
  zh: (a, b) => collator.compare(a.zh, b.zh),
  en: (a, b) => enCollator.compare(a.en[0] ?? '', b.en[0] ?? '') || collator.compare(a.zh, b.zh),
  kind: (a, b) => a.kind.localeCompare(b.kind) || collator.compare(a.zh, b.zh),
  status: (a, b) => a.status.localeCompare(b.status) || collator.compare(a.zh, b.zh),
  newest: (a, b) => b.created_at.localeCompare(a.created_at),
};

export default function GlossaryPage() {
  const t = useT();
  const { projectId = '' } = useParams();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const project = projects.data?.find((p) => p.id === projectId);
  const glossary = useGlossary(projectId);
  const add = useAddGlossaryEntry(projectId);
  const update = useUpdateGlossaryEntry(projectId);
  const remove = useDeleteGlossaryEntry(projectId);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const [sort, setSort] = useState<Sort>('zh');
  const [shown, setShown] = useState(PAGE);
  const [editing, setEditing] = useState<GlossaryEntry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<GlossaryEntry | null>(null);
  const [importing, setImporting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const canEdit = hasRole(project, 'owner', 'translator');
  const canApprove = hasRole(project, 'owner', 'reviewer');
  const isMember = !!project && project.roles.length > 0;
  const ownerOnly = hasRole(project, 'owner');

  const entries = useMemo(() => glossary.data ?? [], [glossary.data]);
  const filtered = useMemo(() => entries.filter((e) => matches(e, deferredQuery)).sort(SORTS[sort]), [entries, deferredQuery, sort]);
  const people = useMemo(() => [...new Set(entries.flatMap((e) => [e.created_by, e.approved_by].filter((x): x is string => !!x)))], [entries]);
  const profiles = useProfiles(people);
  const nameOf = (id: string | null | undefined) => (id ? (profiles.get(id)?.displayName ?? t('notes.someone')) : '—');

  if (projects.isSuccess && !project) {
    return (
      <main className="page">
        <ErrorState title={t('glossary.notFound')} action={<Link to="/">{t('notFound.back')}</Link>} />
      </main>
    );
  }

  const mayChange = (e: GlossaryEntry) => canEdit || (e.created_by === user.id && e.status === 'proposed');
  const stem = fileStem(`${project?.name ?? 'project'}-glossary`);

  async function setStatus(entry: GlossaryEntry, status: 'approved' | 'proposed') {
    setActionError(null);
    try {
      await update.mutateAsync({ id: entry.id, patch: { status } });
    } catch (e) {
      setActionError(errorMessage(e));
    }
  }

  return (
    <main className="page glossary-page" aria-labelledby="glossary-title">
      <Breadcrumb label={t('workspace.breadcrumb')} items={[<Link to="/">{t('nav.library')}</Link>, <span>{project?.name ?? ''}</span>]} />
      <h1 id="glossary-title">{t('glossary.title', { project: project?.name ?? '' })}</h1>
      <p className="muted">{t('glossary.lead')}</p>
      <div className="glossary-toolbar">
        <div className="field-inline">
          <label htmlFor="glossary-search">{t('glossary.search')}</label>
          <input id="glossary-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('glossary.searchPlaceholder')} />
        </div>
        <div className="field-inline">
          <label htmlFor="glossary-sort">{t('glossary.sort')}</label>
          <select id="glossary-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {(['zh', 'en', 'kind', 'status', 'newest'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`glossary.sort.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <span className="glossary-toolbar-spacer" />
        {isMember ? (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {canEdit ? t('glossary.add') : t('glossary.propose')}
          </button>
        ) : null}
        {canEdit ? (
          <button type="button" className="button" onClick={() => setImporting(true)}>
            {t('glossary.import')}
          </button>
        ) : null}
        <button type="button" className="button" disabled={!entries.length} onClick={() => download(`${stem}.csv`, writeGlossaryCsv(filtered), 'text/csv;charset=utf-8')}>
          {t('glossary.exportCsv')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!entries.length}
          onClick={() => download(`${stem}.tbx`, writeGlossaryTbx(filtered, project?.name ?? ''), 'application/x-tbx+xml')}
        >
          {t('glossary.exportTbx')}
        </button>
      </div>
      {actionError ? (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      ) : null}
      {glossary.isPending ? (
        <Loading label={t('glossary.loading')} />
      ) : glossary.isError ? (
        <ErrorState title={t('glossary.loadError')} detail={errorMessage(glossary.error)} />
      ) : entries.length === 0 ? (
        <EmptyState>{t('glossary.empty')}</EmptyState>
      ) : (
        <>
          <p className="muted small" role="status">
            {deferredQuery ? t('glossary.countFiltered', { shown: filtered.length, total: entries.length }) : t('glossary.count', { total: entries.length })}
          </p>
          <table className="glossary-table">
            <caption className="visually-hidden">{t('glossary.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('glossary.col.zh')}</th>
                <th scope="col">{t('glossary.col.en')}</th>
                <th scope="col">{t('glossary.col.forbidden')}</th>
                <th scope="col">{t('glossary.col.kind')}</th>
                <th scope="col">{t('glossary.col.note')}</th>
                <th scope="col">{t('glossary.col.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('glossary.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {filtered.slice(0, shown).map((e) => (
                <tr key={e.id}>
                  <th scope="row" lang="zh-CN" className="glossary-zh">
                    {e.zh}
                  </th>
                  <td lang="en">
                    {e.en.map((r, i) => (
                      <span key={r} className={i === 0 ? 'glossary-preferred' : 'glossary-alt'}>
                        {r}
                      </span>
                    ))}
                  </td>
                  <td lang="en" className="glossary-forbidden">
                    {e.forbidden.map((r) => (
                      <span key={r}>
                        <s>{r}</s>
                      </span>
                    ))}
                  </td>
                  <td>{t(`glossary.kind.${e.kind}` as MessageKey)}</td>
                  <td className="glossary-note">
                    {e.note}
                    {e.source ? <span className="muted small"> — {e.source}</span> : null}
                  </td>
                  <td>
                    <Badge tone={e.status === 'approved' ? 'success' : 'warning'}>{t(`glossary.status.${e.status}` as MessageKey)}</Badge>
                    <span className="muted small glossary-who">
                      {e.status === 'approved' ? t('glossary.approvedBy', { name: nameOf(e.approved_by) }) : t('glossary.addedBy', { name: nameOf(e.created_by) })}
                    </span>
                  </td>
                  <td className="glossary-actions">
                    {canApprove && e.status === 'proposed' && (ownerOnly || e.created_by !== user.id) ? (
                      <button type="button" className="button button-small" aria-label={t('glossary.approveLabel', { zh: e.zh })} onClick={() => void setStatus(e, 'approved')}>
                        {t('glossary.approve')}
                      </button>
                    ) : null}
                    {canApprove && e.status === 'approved' ? (
                      <button type="button" className="button button-small button-quiet" aria-label={t('glossary.unapproveLabel', { zh: e.zh })} onClick={() => void setStatus(e, 'proposed')}>
                        {t('glossary.unapprove')}
                      </button>
                    ) : null}
                    {mayChange(e) ? (
                      <>
                        <button type="button" className="button button-small" aria-label={t('glossary.editLabel', { zh: e.zh })} onClick={() => setEditing(e)}>
                          {t('glossary.edit')}
                        </button>
                        <button type="button" className="button button-small button-quiet" aria-label={t('glossary.deleteLabel', { zh: e.zh })} onClick={() => setDeleting(e)}>
                          {t('glossary.delete')}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {filtered.length > shown ? (
            <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
              {t('glossary.showMore', { count: Math.min(PAGE, filtered.length - shown) })}
            </button>
          ) : null}
        </>
      )}
      {editing ? (
        <EntryForm
          title={editing === 'new' ? (canEdit ? t('glossary.addTitle') : t('glossary.proposeTitle')) : t('glossary.editTitle', { zh: editing.zh })}
          lead={canEdit ? undefined : t('glossary.proposeLead')}
          initial={editing === 'new' ? {} : editing}
          onSave={(fields) => (editing === 'new' ? add.mutateAsync(fields) : update.mutateAsync({ id: editing.id, patch: fields }))}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('glossary.deleteTitle', { zh: deleting.zh })}
          confirmLabel={t('glossary.delete')}
          danger
          busy={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          {t('glossary.deleteLead', { zh: deleting.zh, en: deleting.en[0] ?? '' })}
        </ConfirmDialog>
      ) : null}
      {importing ? <ImportDialog projectId={projectId} existing={entries} onClose={() => setImporting(false)} /> : null}
    </main>
  );
}
