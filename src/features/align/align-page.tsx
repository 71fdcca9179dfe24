// Route /documents/:documentId/align — translators and owners align an existing English
// translation to the document's Chinese paragraphs, edit the links, and store them as drafts.
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { toRows } from '../../domain/align/index.ts';
import { useCurrentUser } from '../../data/session.ts';
import { useDocument } from '../../data/documents.ts';
import { useDocumentParagraphs } from '../../data/paragraphs.ts';
import { useConfirmedPairs } from '../../data/alignment.ts';
import { hasRole, useProjects } from '../../data/projects.ts';
import { useGlossary } from '../../data/glossary.ts';
import { errorKind, errorMessage, isAbortError } from '../../data/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { AlignWorkerClient } from '../../workers/align-client.ts';
import { AlignmentEditor } from './alignment-editor.tsx';
import type { AlignState } from './commands.ts';
import { decodeDraft, draftKey, draftStorage } from './draft.ts';
import { createHistory, type History } from './history.ts';
import { discardDraft } from './use-align-draft.ts';
import type { ChineseParagraph } from './alignment-row.tsx';
import { EnglishSource } from './english-source.tsx';
import './align.css';
import { Breadcrumb } from '../../components/breadcrumb.tsx';

interface Alignment {
  /** Bumped per run, so the editor starts over with a fresh history. */
  run: number;
  history: History<AlignState>;
  /** When the draft this alignment continues was saved; null for a fresh one. */
  restoredAt: Date | null;
}

export default function AlignPage() {
  const t = useT();
  const { documentId = '' } = useParams();
  const user = useCurrentUser();
  const doc = useDocument(documentId);
  const projects = useProjects(user.id);
  const paragraphs = useDocumentParagraphs(documentId);
  // What people confirmed elsewhere in the project teaches the aligner word pairs (a failure only loses that).
  const pairs = useConfirmedPairs(doc.data?.project_id);
  const confirmedPairs = pairs.data ?? [];
  const [client] = useState(() => new AlignWorkerClient());
  const [alignment, setAlignment] = useState<Alignment | null>(null);
  const [aligning, setAligning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [draftNotice, setDraftNotice] = useState<string | null>(null);
  /** The user's draft of this document has been looked for (and restored when there is one). */
  const [draftChecked, setDraftChecked] = useState(false);

  useEffect(() => () => client.dispose(), [client]);
  // The project's glossary anchors the alignment: a term and its preferred English meet across the texts.
  const glossary = useGlossary(doc.data?.project_id ?? '');
  const anchors = useMemo(() => (glossary.data ?? []).flatMap((e) => (e.en[0] ? [{ zh: e.zh, en: e.en[0] }] : [])), [glossary.data]);

  const loaded = useMemo(() => (paragraphs.data?.pages ?? []).flatMap((p) => p.rows), [paragraphs.data]);
  const total = paragraphs.data?.pages[0]?.total ?? loaded.length;
  const complete = !paragraphs.isPending && !paragraphs.hasNextPage && loaded.length >= total;
  const zh = useMemo<ChineseParagraph[]>(
    () => loaded.map((p) => ({ id: p.id, position: p.position, kind: p.kind, text: p.text })),
    [loaded],
  );
  const existing = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of loaded) if (p.translations?.text.trim()) map.set(p.id, p.translations.text);
    return map;
  }, [loaded]);

  // Once the paragraphs are in, the draft left here (if any) is restored.
  useEffect(() => {
    if (!complete || draftChecked) return;
    let live = true;
    const key = draftKey(user.id, documentId);
    const storage = draftStorage();
    storage
      .get(key)
      .then(async (draft) => {
        if (!live || !draft) return;
        const decoded = decodeDraft(
          draft,
          zh.map((p) => p.id),
        );
        if (decoded.ok) {
          setAlignment({ run: 1, history: decoded.history, restoredAt: decoded.savedAt });
        } else {
          await storage.del(key);
          setDraftNotice(t('align.draft.notFitting'));
        }
      })
      .catch(() => {
        // Without storage there is no draft to restore; the page works as before.
      })
      .finally(() => {
        if (live) setDraftChecked(true);
      });
    return () => {
      live = false;
    };
  }, [complete, documentId, draftChecked, t, user.id, zh]);

  async function runAlign(en: string[]) {
    setAligning(true);
    setFailure(null);
    try {
      const result = await client.align(
        zh.map((p) => p.text),
        en,
        { confirmedPairs, ...(anchors.length ? { glossary: anchors } : {}) },
      );
      setAlignment((a) => ({ run: (a?.run ?? 0) + 1, history: createHistory<AlignState>({ rows: toRows(result.links), en, selected: 0 }), restoredAt: null }));
      setDraftNotice(null);
    } catch (e) {
      if (!isAbortError(e)) setFailure(t('align.error.align', { message: errorMessage(e) }));
    } finally {
      setAligning(false);
    }
  }

  if (doc.isPending || projects.isPending) return <Loading />;
  if (doc.isError) {
    return (
      <main className="page">
        <ErrorState
          title={errorKind(doc.error) === 'not-found' ? t('align.error.documentNotFound') : t('align.error.load')}
          detail={errorKind(doc.error) === 'not-found' ? undefined : errorMessage(doc.error)}
          action={<Link to="/">{t('align.backToLibrary')}</Link>}
        />
      </main>
    );
  }
  const project = projects.data?.find((p) => p.id === doc.data.project_id);
  const canAlign = hasRole(project, 'owner', 'translator');

  return (
    <main className="align-page" aria-labelledby="align-title">
      <header className="align-header">
        <Breadcrumb
          label={t('align.breadcrumb')}
          items={[
            <Link to="/">{t('align.library')}</Link>,
            <Link to={`/documents/${documentId}`} lang="zh-CN">
              {doc.data.title}
            </Link>,
          ]}
        />
        <h1 id="align-title">{t('align.title')}</h1>
      </header>
      {!canAlign ? (
        <ErrorState title={t('align.error.notAllowed')} action={<Link to={`/documents/${documentId}`}>{t('align.backToDocument')}</Link>} />
      ) : paragraphs.isError && !complete ? (
        <ErrorState title={t('align.error.load')} detail={errorMessage(paragraphs.error)} />
      ) : !complete || !draftChecked ? (
        <Loading label={t('align.loadingParagraphs', { loaded: loaded.length, total })} />
      ) : (
        <>
          <details className="align-source-box" open={alignment === null}>
            <summary>{t('align.source.title')}</summary>
            {existing.size > 0 ? <p className="small align-existing">{t('align.existingNote', { count: existing.size })}</p> : null}
            <EnglishSource
              zhCount={zh.length}
              busy={aligning}
              aligned={alignment !== null}
              initialText={alignment?.history.present.en.join('\n\n') ?? ''}
              onAlign={(en) => void runAlign(en)}
            />
            {aligning ? (
              <div className="align-progress" role="status">
                <progress aria-label={t('align.aligning')} />
                <span className="small">{t('align.aligningInWorker')}</span>
              </div>
            ) : null}
            {confirmedPairs.length > 0 ? <p className="small muted">{t('align.source.learning', { count: confirmedPairs.length })}</p> : null}
            {draftNotice ? (
              <p className="small" role="status">
                {draftNotice}
              </p>
            ) : null}
            {failure ? (
              <p className="form-error" role="alert">
                {failure}
              </p>
            ) : null}
            <p className="align-credit small muted">
              {t('align.dictionaryCredit')}{' '}
              <a href="https://cc-cedict.org/wiki/" target="_blank" rel="noreferrer">
                CC-CEDICT
              </a>{' '}
              ·{' '}
              <a href="https://creativecommons.org/licenses/by-sa/4.0/" target="_blank" rel="noreferrer">
                CC BY-SA 4.0
              </a>
            </p>
          </details>
          {alignment ? (
            <AlignmentEditor
              key={alignment.run}
              documentId={documentId}
              userId={user.id}
              zh={zh}
              initialHistory={alignment.history}
              restoredAt={alignment.restoredAt}
              client={client}
              confirmedPairs={confirmedPairs}
              glossary={anchors}
              existing={existing}
              onDiscard={() => {
                void discardDraft(user.id, documentId).catch(() => undefined);
                setAlignment(null);
                setDraftNotice(t('align.draft.discarded'));
              }}
            />
          ) : null}
        </>
      )}
    </main>
  );
}
