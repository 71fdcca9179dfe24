// The English side of a row: read-only rendering of the stored JSON, turned into the tiptap
// editor when focused; status, save state and "Mark translated".
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { useTranslationDraft } from '../../data/translation-draft.ts';
import type { TranslationStatus } from '../../data/translations.ts';
import { parseRichDoc } from '../../editor/rich-text-schema.ts';
import { docToPlainText, normalizeDoc, plainTextToDoc } from '../../editor/rich-text.ts';
import { renderPlainLines } from '../../editor/rich-text-view.tsx';
import { useRichTextEditorComponent } from '../../editor/lazy.tsx';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { ConflictPanel } from './conflict-panel.tsx';
import { RowSaveState } from './save-state.tsx';
import { useWorkspace } from './workspace-context.ts';
import { RowReview } from './row-review.tsx';
import { HistoryDialog } from './history-dialog.tsx';
import type { TextRange } from '../../domain/search/index.ts';
import { TRANSLATION_ATTRIBUTE } from './selection.ts';
import { MemoryPanel, useRankedSuggestions, type RankedSuggestion } from './memory-panel.tsx';
import type { Peer } from '../../data/live.ts';
import { PeerWarning } from './presence.tsx';
import type { QaFinding } from '../../domain/qa/index.ts';
import { RowQaButton, RowQaList, spansOn, useRowFindings, qaMessage } from './row-qa.tsx';
import { findRendering, preferredRendering } from '../../domain/glossary/index.ts';
import { RowTerms } from './row-terms.tsx';
import { EnglishText, type EnglishSpan } from './english-text.tsx';
import { clickedNotes } from './note-marks.ts';

const STATUS_TONE: Record<TranslationStatus, BadgeTone> = {
  empty: 'neutral',
  draft: 'warning',
  translated: 'info',
  approved: 'success',
  rejected: 'danger',
};

export function TranslationStatusBadge({ status }: { status: TranslationStatus }) {
  const t = useT();
  return <Badge tone={STATUS_TONE[status]}>{t(`translation.status.${status}` as MessageKey)}</Badge>;
}

/** The quiet notice in a row someone else just changed (their name once their profile is in). */
function ChangedBy({ userId }: { userId: string | null }) {
  const t = useT();
  const ws = useWorkspace();
  const name = userId ? ws.profiles.get(userId)?.displayName : undefined;
  return <span className="changed-by small muted">{name ? t('live.changedBy', { name }) : t('live.changedBySomeone')}</span>;
}

/** What an edit can change of a stored row: its text and formatting. */
function contentOf(row: { text: string; body: unknown } | null): string {
  return row ? `${row.text}\u0000${JSON.stringify(row.body ?? null)}` : '';
}

interface TranslationCellProps {
  paragraph: Paragraph;
  index: number;
  isActive: boolean;
  autoFocus: boolean;
  /** Find matches in the English (UTF-16 ranges of its plain text), and the current one if here. */
  found?: readonly TextRange[] | undefined;
  currentFound?: TextRange | null;
  /** Others editing this row (presence). */
  peers?: readonly Peer[] | undefined;
  /** The row's Chinese (a merged row's paragraphs joined by "\n"), for QA. */
  zh: string;
  /** The QA finding whose spans are highlighted, if any. */
  qaSelected: QaFinding | null;
  onQaSelect: (finding: QaFinding | null) => void;
  /** Spans of the row's notes on the English (UTF-16 offsets of the stored plain text). */
  noteSpans?: readonly EnglishSpan[];
  /** The note whose span is emphasised. */
  highlightedNote?: string | null;
  /** A highlight was clicked: open (one of) its notes. */
  onOpenNotes?: (ids: readonly string[]) => void;
  /** The English as a read-only field for keyboard selection (Alt+T), shown instead of the text. */
  caret?: ReactNode;
}

const NO_SPANS: readonly EnglishSpan[] = [];

/** The plain English with find matches marked, one <p> per line (formatting set aside while finding). */
function FoundText({ text, found, current, hitClass = 'find-hit' }: { text: string; found: readonly TextRange[]; current: TextRange | null; hitClass?: string }) {
  return (
    <>
      {renderPlainLines(text, (line, lineStart) => {
        const parts = [];
        let pos = 0;
        for (const r of found) {
          const start = r.start - lineStart;
          const end = r.end - lineStart;
          if (end <= 0 || start >= line.length) continue;
          if (start > pos) parts.push(line.slice(pos, start));
          parts.push(
            <mark key={r.start} className={current && current.start === r.start ? 'find-current' : hitClass}>
              {line.slice(Math.max(start, 0), end)}
            </mark>,
          );
          pos = end;
        }
        parts.push(line.slice(pos));
        return parts;
      })}
    </>
  );
}

export function TranslationCell({
  paragraph,
  index,
  isActive,
  autoFocus,
  found,
  currentFound = null,
  peers,
  zh,
  qaSelected,
  onQaSelect,
  noteSpans = NO_SPANS,
  highlightedNote = null,
  onOpenNotes,
  caret = null,
}: TranslationCellProps) {
  const t = useT();
  const ws = useWorkspace();
  const draft = useTranslationDraft(paragraph);
  const Editor = useRichTextEditorComponent();
  const [typedAhead, setTypedAhead] = useState('');
  const [generation, setGeneration] = useState(0);
  const [historyOpen, setHistoryOpen] = useState(false);
  // Translation memory for the row being edited; an inserted suggestion is an edit like any other.
  const memory = useRankedSuggestions(paragraph.id, isActive);

  const { row, body, text, status } = draft;
  const translation = paragraph.translations ?? null;
  const editable = ws.canTranslate && draft.exists;
  const n = paragraph.position;
  const label = t('workspace.translationOf', { n });

  // Someone else's save arriving (live, or with a refetch). With an edit of mine pending, their
  // version only replaces the stored row: my text stays and saving it opens the conflict panel.
  // Without one, the row shows their text at once, with a quiet notice of who changed it. A new
  // version with the same content (a review decision) changes nothing for the editor.
  const storedVersion = translation?.version ?? 0;
  const seen = useRef({ version: storedVersion, content: contentOf(translation) });
  const [changedBy, setChangedBy] = useState<{ userId: string | null } | null>(null);
  const hasPendingEdit = !!row?.edit;
  useEffect(() => {
    if (storedVersion <= seen.current.version) return;
    const content = contentOf(translation);
    const sameContent = content === seen.current.content;
    seen.current = { version: storedVersion, content };
    const by = translation?.updated_by ?? null;
    if (sameContent || by === ws.user.id) return;
    setChangedBy({ userId: by });
    // The open editor holds the older text: reopen it on theirs (no pending edit of mine to keep).
    if (!hasPendingEdit) setGeneration((g) => g + 1);
  }, [storedVersion, translation, ws.user.id, hasPendingEdit]);

  // The version the editor's content came from: the base of the edits typed into it. My own saves
  // and decisions that left the content alone move it along; others' edits do not.
  const editorKey = `${paragraph.id}:${generation}`;
  const editorBase = useRef<{ key: string; version: number; content: string } | null>(null);
  if (!isActive) editorBase.current = null;
  else if (editorBase.current?.key !== editorKey) editorBase.current = { key: editorKey, version: storedVersion, content: contentOf(translation) };
  else if (storedVersion > editorBase.current.version) {
    const content = contentOf(translation);
    if (translation?.updated_by === ws.user.id || content === editorBase.current.content) editorBase.current = { key: editorKey, version: storedVersion, content };
  }

  const allFindings = useRowFindings(zh, text, ws.glossary, ws.qaElsewhere(paragraph.id));
  const ignores = ws.qaIgnores.get(paragraph.id);
  const findings = ignores ? allFindings.filter((f) => !ignores.has(f.fingerprint)) : allFindings;
  const ignored = ignores ? allFindings.flatMap((f) => (ignores.has(f.fingerprint) ? [{ finding: f, reason: ignores.get(f.fingerprint)! }] : [])) : [];
  const errors = findings.filter((f) => f.severity === 'error');
  // The selected finding as the English now stands (its spans move while the text is edited), highlighted in the open editor.
  const liveSelected = qaSelected ? (allFindings.find((f) => f.fingerprint === qaSelected.fingerprint) ?? null) : null;
  const editorHighlights = spansOn(liveSelected, 'en');
  const [qaOpen, setQaOpen] = useState(false);
  // Glossary terms of the row's Chinese, each once, in order of appearance.
  const terms = useMemo(() => {
    if (!ws.glossary) return [];
    const seen = new Set<string>();
    return ws.glossary.match(zh).flatMap(({ term }) => (seen.has(term.id) || !preferredRendering(term) ? [] : (seen.add(term.id), [term])));
  }, [ws.glossary, zh]);
  const insertRef = useRef<((text: string) => void) | null>(null);
  const glossaryTurn = useRef(0);
  /** Ctrl+G: the first term whose English is not in the row yet, else each term in turn. */
  function nextRendering(): string | null {
    if (terms.length === 0) return null;
    const missing = terms.find((term) => !term.en.some((r) => findRendering(text, r).length > 0));
    if (missing) return preferredRendering(missing);
    const term = terms[glossaryTurn.current++ % terms.length]!;
    return preferredRendering(term);
  }
  // "Mark translated" with QA errors left asks once; it never blocks.
  const [confirmMark, setConfirmMark] = useState(false);

  function markTranslated(force = false) {
    if (!force && errors.length > 0) {
      setConfirmMark(true);
      return;
    }
    setConfirmMark(false);
    if (draft.markTranslated()) ws.move(index, 1);
  }

  if (row?.phase === 'conflict' && row.edit && row.theirs) {
    return (
      <div className="cell cell-translation">
        <ConflictPanel
          paragraphNumber={n}
          mine={row.edit}
          theirs={row.theirs}
          theirName={row.theirs.updated_by ? ws.profiles.get(row.theirs.updated_by)?.displayName : undefined}
          onResolve={draft.resolveConflict}
          onResolved={() => setGeneration((g) => g + 1)}
        />
      </div>
    );
  }

  function onViewKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!editable) return;
    // Keys typed while the editor chunk is still loading are kept and replayed into it.
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setTypedAhead((s) => s + event.key);
      ws.activate(paragraph.id, true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      ws.activate(paragraph.id, true);
    }
  }

  const showEditor = isActive && editable && Editor && !caret;
  const isEmpty = text.trim() === '';

  /** Saves new content through the outbox's versioned path at once (accepting a suggestion, restoring a revision). */
  function replaceContent(nextText: string, nextBody: unknown, nextStatus: 'draft' | 'translated') {
    draft.replace(nextBody ?? plainTextToDoc(nextText), nextText, nextStatus);
    setGeneration((g) => g + 1);
  }

  function insertSuggestion(suggestion: RankedSuggestion) {
    replaceContent(suggestion.target, plainTextToDoc(suggestion.target), 'draft');
    ws.activate(paragraph.id, true);
  }

  return (
    <div className="cell cell-translation">
      {showEditor ? (
        <Editor
          key={editorKey}
          initialContent={parseRichDoc(body) ?? plainTextToDoc(text)}
          label={label}
          lang="en"
          className="rich-text translation-text translation-editor"
          autoFocus={autoFocus}
          pendingText={typedAhead}
          onChange={(doc, plain) => {
            if (typedAhead) setTypedAhead('');
            if (changedBy) setChangedBy(null);
            // Saved without leading or trailing empty paragraphs; the editor keeps what the user typed.
            const clean = normalizeDoc(doc);
            draft.edit(clean, clean === doc ? plain : docToPlainText(clean), editorBase.current?.version);
          }}
          onMarkDone={() => markTranslated()}
          onMove={(delta) => ws.move(index, delta)}
          onLeave={() => {
            void draft.flush();
            ws.leave(paragraph.id);
          }}
          onSuggestion={(n) => {
            const suggestion = memory.ranked[n - 1];
            if (suggestion && editable) insertSuggestion(suggestion);
            return !!suggestion;
          }}
          onGlossary={nextRendering}
          highlights={editorHighlights}
          insertRef={insertRef}
          onBlur={() => void draft.flush()}
        />
      ) : caret ? (
        caret
      ) : (
        <div
          role="textbox"
          aria-label={label}
          aria-multiline="true"
          aria-readonly={editable ? undefined : true}
          tabIndex={0}
          lang="en"
          className={`rich-text translation-text translation-view${editable ? ' is-editable' : ''}`}
          // Focus alone (Tab, Esc, Go to paragraph) keeps the row read-only; a click or Enter starts
          // editing. A click on a note's highlight opens the note; a drag selects words to note.
          onClick={(event) => {
            const ids = clickedNotes(event);
            if (ids) {
              onOpenNotes?.(ids);
              return;
            }
            if (!editable || window.getSelection()?.isCollapsed === false) return;
            ws.activate(paragraph.id, true);
          }}
          onKeyDown={onViewKeyDown}
          {...{ [TRANSLATION_ATTRIBUTE]: paragraph.id }}
        >
          {isEmpty && !typedAhead ? (
            <p className="placeholder">{editable ? t('workspace.translationPlaceholder') : t('workspace.notTranslated')}</p>
          ) : qaSelected && spansOn(qaSelected, 'en').length ? (
            <FoundText text={text} found={spansOn(qaSelected, 'en')} current={null} hitClass="qa-hit" />
          ) : found?.length && text === (paragraph.translations?.text ?? '') ? (
            <FoundText text={text} found={found} current={currentFound} />
          ) : (
            // Notes mark the stored text; an unsaved edit shows without them until it is saved.
            <EnglishText body={body} text={text} spans={text === (translation?.text ?? '') ? noteSpans : NO_SPANS} highlighted={highlightedNote} />
          )}
          {typedAhead ? <p>{typedAhead}</p> : null}
        </div>
      )}
      {translation && status === 'rejected' ? (
        <RowReview
          translation={translation}
          n={n}
          onAccept={
            editable && translation.suggested_text
              ? () => replaceContent(translation.suggested_text!, plainTextToDoc(translation.suggested_text!), 'translated')
              : null
          }
        />
      ) : null}
      {isActive && peers?.length ? <PeerWarning peers={peers} /> : null}
      <div className="row-meta">
        <TranslationStatusBadge status={status} />
        {changedBy ? (
          <ChangedBy userId={changedBy.userId} />
        ) : null}
        <RowSaveState row={row} />
        {findings.length || ignored.length ? (
          <RowQaButton n={n} count={findings.length} errors={errors.length} open={qaOpen} onToggle={() => setQaOpen((o) => !o)} />
        ) : null}
        {row?.phase === 'error' ? (
          <>
            <span className="form-error small">{row.error}</span>
            <button type="button" className="button button-small" onClick={() => void draft.retry()}>
              {t('save.retry')}
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => void draft.discard()}>
              {t('save.discard')}
            </button>
          </>
        ) : null}
        {editable ? (
          <button
            type="button"
            className="button button-small mark-done"
            disabled={isEmpty || status === 'approved'}
            title={t('workspace.markTranslatedHint')}
            onClick={() => markTranslated()}
          >
            {t('workspace.markTranslated')}
          </button>
        ) : null}
        {editable && translation && status === 'translated' && !row?.edit && translation.updated_by === ws.user.id ? (
          <button
            type="button"
            className="button button-small button-quiet back-to-draft"
            title={t('workspace.backToDraftHint')}
            onClick={() => draft.backToDraft()}
          >
            {t('workspace.backToDraft')}
          </button>
        ) : null}
        {translation && translation.version > 0 ? (
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={t('history.openLabel', { n })}
            onClick={() => setHistoryOpen(true)}
          >
            {t('history.open')}
          </button>
        ) : null}
      </div>
      {confirmMark && errors.length ? (
        <div className="qa-confirm" role="alert">
          <p>{t('qa.confirmMark', { count: errors.length })}</p>
          <ul className="small">
            {errors.slice(0, 3).map((f) => (
              <li key={f.fingerprint}>{qaMessage(t, f)}</li>
            ))}
          </ul>
          <div className="button-row">
            <button type="button" className="button button-small button-primary" onClick={() => markTranslated(true)}>
              {t('qa.markAnyway')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setConfirmMark(false);
                setQaOpen(true);
              }}
            >
              {t('qa.showIssues')}
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => setConfirmMark(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {qaOpen && (findings.length || ignored.length) ? (
        <RowQaList
          n={n}
          findings={findings}
          ignored={ignored}
          selected={qaSelected?.fingerprint ?? null}
          onSelect={onQaSelect}
          onIgnore={ws.canReview || ws.canTranslate ? (f, reason) => ws.ignoreFinding(paragraph.id, f, reason) : null}
          onUnignore={ws.canReview || ws.canTranslate ? (f) => ws.unignoreFinding(paragraph.id, f) : null}
        />
      ) : null}
      {showEditor && terms.length ? <RowTerms n={n} terms={terms} text={text} onInsert={(r) => insertRef.current?.(r)} /> : null}
      {isActive ? <MemoryPanel state={memory} projectId={ws.projectId} canInsert={editable} onInsert={insertSuggestion} /> : null}
      {historyOpen && translation ? (
        <HistoryDialog
          n={n}
          translation={translation}
          onClose={() => setHistoryOpen(false)}
          onRestore={
            editable
              ? (revision) => {
                  replaceContent(revision.text, revision.body, 'draft');
                  setHistoryOpen(false);
                }
              : null
          }
        />
      ) : null}
    </div>
  );
}
