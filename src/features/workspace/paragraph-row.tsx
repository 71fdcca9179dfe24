// One aligned row: number, Chinese source (with anchored notes marked), English translation, notes.
import { Fragment, memo, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { annotationSelectors, type Annotation } from '../../data/annotations.ts';
import { anchor, describe, type TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { codePointLength, codePointToUtf16, truncateCodePoints, utf16ToCodePoint } from '../../domain/text/index.ts';
import type { TextRange } from '../../domain/search/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { sourceSegments, type AnchoredSpan } from './source-segments.ts';
import { SOURCE_ATTRIBUTE, type TranslationSelection } from './selection.ts';
import { TranslationCell } from './translation-cell.tsx';
import { NoteCard } from './note-card.tsx';
import { NoteForm } from './note-form.tsx';
import { useWorkspace, type Composer } from './workspace-context.ts';
import type { RowFind } from './find.ts';
import type { Peer } from '../../data/live.ts';
import { RowPeers } from './presence.tsx';
import type { QaFinding } from '../../domain/qa/index.ts';
import type { GlossaryTerm } from './use-workspace-qa.ts';
import { usePinyin, type PinyinOf } from './pinyin.ts';
import { LookupButton, LookupDialog } from '../../components/lookup-dialog.tsx';
import { lookUpSelection } from '../../workers/dictionary-client.ts';
import { CaretText } from './caret-text.tsx';
import { caretAnchor } from './caret-selection.ts';
import type { EnglishSpan } from './english-text.tsx';
import { clickedNotes, NOTES_ATTRIBUTE } from './note-marks.ts';
import { useNotesUi } from './notes-context.tsx';
import './notes.css';
import { NotesCell, useNotesSheet } from './notes-sheet.tsx';

const NO_SPANS: AnchoredSpan[] = [];
const FIND = 'find:';
const FIND_CURRENT = 'find:current';
const QA = 'qa:';
const TERM = 'g:';

/** Find matches as spans beside the notes' (code point offsets; the current one apart). */
function findSpans(text: string, ranges: readonly TextRange[] | undefined, current: TextRange | null): AnchoredSpan[] {
  return (ranges ?? []).map((r, i) => ({
    id: current && current.start === r.start ? FIND_CURRENT : `${FIND}${i}`,
    start: utf16ToCodePoint(text, r.start),
    end: utf16ToCodePoint(text, r.end),
  }));
}

/** The notes a run of marked text belongs to, for a click on it (find, QA and glossary marks left out). */
function noteIds(ids: readonly string[]): string | undefined {
  const notes = ids.filter((id) => !id.startsWith(FIND) && !id.startsWith(QA) && !id.startsWith(TERM));
  return notes.length ? notes.join(' ') : undefined;
}

function markClass(ids: readonly string[], highlighted: string | null): string | undefined {
  const classes: string[] = [];
  if (ids.includes(FIND_CURRENT)) classes.push('find-current');
  else if (ids.some((id) => id.startsWith(FIND))) classes.push('find-hit');
  if (ids.some((id) => id.startsWith(QA))) classes.push('qa-hit');
  if (ids.some((id) => id.startsWith(TERM))) classes.push('glossary-term');
  if (ids.some((id) => !id.startsWith(FIND) && !id.startsWith(QA) && !id.startsWith(TERM))) classes.push('note-span');
  if (highlighted && ids.includes(highlighted)) classes.push('is-highlighted');
  return classes.join(' ') || undefined;
}

/** A run of the paragraph with pinyin above its Chinese characters (readings are per code point of the paragraph). */
function withPinyin(text: string, readings: readonly string[], firstCodePoint: number): ReactNode {
  const out: ReactNode[] = [];
  let plain = '';
  let k = firstCodePoint;
  for (const ch of text) {
    const reading = readings[k++] ?? '';
    if (!reading) {
      plain += ch;
      continue;
    }
    if (plain) out.push(plain);
    plain = '';
    out.push(
      <ruby key={k}>
        {ch}
        <rt>{reading}</rt>
      </ruby>,
    );
  }
  if (plain) out.push(plain);
  return out;
}

const SourceText = memo(function SourceText({
  paragraph,
  spans,
  highlighted,
  found,
  current,
}: {
  paragraph: Paragraph;
  spans: AnchoredSpan[];
  highlighted: string | null;
  /** Find matches in this paragraph (UTF-16 ranges) and the current one, if here. */
  found?: readonly TextRange[] | undefined;
  current?: TextRange | null;
}) {
  const t = useT();
  const { glossary, showPinyin } = useWorkspace();
  const pinyinOf: PinyinOf | null = usePinyin(showPinyin);
  const readings = useMemo(() => (pinyinOf ? pinyinOf(paragraph.text) : null), [pinyinOf, paragraph.text]);
  // Glossary terms, longest match first (亚洲相互协作与信任措施会议 over 亚洲).
  const terms = useMemo(() => {
    const byId = new Map<string, GlossaryTerm>();
    const termSpans: AnchoredSpan[] = [];
    for (const m of glossary?.match(paragraph.text) ?? []) {
      byId.set(m.term.id, m.term);
      termSpans.push({ id: TERM + m.term.id, start: utf16ToCodePoint(paragraph.text, m.start), end: utf16ToCodePoint(paragraph.text, m.end) });
    }
    return { byId, spans: termSpans };
  }, [glossary, paragraph.text]);
  const [tip, setTip] = useState<GlossaryTerm | null>(null);
  const segments = useMemo(() => {
    const all = [...spans, ...terms.spans];
    if (found?.length) all.push(...findSpans(paragraph.text, found, current ?? null));
    return sourceSegments(paragraph.text, all);
  }, [paragraph.text, spans, terms, found, current]);
  let codePointAt = 0;
  const termOf = (ids: readonly string[]) => {
    const id = ids.find((x) => x.startsWith(TERM));
    return id ? terms.byId.get(id.slice(TERM.length)) : undefined;
  };
  return (
    <>
      <div className={`source source-${paragraph.kind}${readings ? ' with-pinyin' : ''}`} lang="zh-CN" {...{ [SOURCE_ATTRIBUTE]: paragraph.id }}>
        {segments.map((s, i) => {
          const at = codePointAt;
          codePointAt += codePointLength(s.text);
          const content = readings ? withPinyin(s.text, readings, at) : s.text;
          if (s.ids.length === 0) return readings ? <Fragment key={i}>{content}</Fragment> : s.text;
          const term = termOf(s.ids);
          return term ? (
            <mark
              key={i}
              className={markClass(s.ids, highlighted)}
              {...{ [NOTES_ATTRIBUTE]: noteIds(s.ids) }}
              title={t('glossary.mark', { zh: term.zh, en: term.en.join(' / ') })}
              tabIndex={0}
              onFocus={() => setTip(term)}
              onBlur={() => setTip((x) => (x === term ? null : x))}
              onMouseEnter={() => setTip(term)}
              onMouseLeave={() => setTip((x) => (x === term ? null : x))}
            >
              {content}
            </mark>
          ) : (
            <mark key={i} className={markClass(s.ids, highlighted)} {...{ [NOTES_ATTRIBUTE]: noteIds(s.ids) }}>
              {content}
            </mark>
          );
        })}
      </div>
      {tip ? (
        <p className="glossary-tip" role="tooltip">
          <span lang="zh-CN">{tip.zh}</span> → <strong lang="en">{tip.en[0]}</strong>
          {tip.en.length > 1 ? <span lang="en"> / {tip.en.slice(1).join(' / ')}</span> : null}
          {tip.forbidden.length ? <span className="muted">{t('glossary.tip.forbidden', { list: tip.forbidden.join(', ') })}</span> : null}
          {tip.entry.status === 'proposed' ? <span className="muted">({t('glossary.tip.proposed')})</span> : null}
          {tip.entry.note ? <span className="muted">{tip.entry.note}</span> : null}
        </p>
      ) : null}
    </>
  );
});

interface ParagraphRowProps {
  paragraph: Paragraph;
  /** Paragraphs after this one that its translation spans (an aligned 1:n row), shown in this row. */
  covered?: readonly Paragraph[] | undefined;
  index: number;
  /** Notes shown under the current filter. */
  notes: Annotation[];
  isActive: boolean;
  autoFocus: boolean;
  composer: Composer | undefined;
  /** A span of this paragraph's source the user just selected. */
  selection: TextAnchorSelectors | null;
  /** The row a link pointed at: marked until another is. */
  isTarget?: boolean;
  /** English the user selected in this row's translation. */
  englishSelection?: TranslationSelection | null;
  /** Find-in-document matches in this row. */
  find?: RowFind | undefined;
  /** Others editing this row. */
  peers?: Peer[] | undefined;
}

export const ParagraphRow = memo(function ParagraphRow({
  paragraph,
  covered,
  index,
  notes,
  isActive,
  autoFocus,
  composer,
  selection,
  isTarget = false,
  englishSelection = null,
  find,
  peers,
}: ParagraphRowProps) {
  const t = useT();
  const ws = useWorkspace();
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [qaSelected, setQaSelected] = useState<QaFinding | null>(null);
  const [lookup, setLookup] = useState<string | null>(null);
  const notesUi = useNotesUi();
  const sheet = useNotesSheet();
  const n = paragraph.position;
  const last = covered?.at(-1)?.position ?? n;
  const sources = useMemo(() => [paragraph, ...(covered ?? [])], [paragraph, covered]);
  const zh = useMemo(() => sources.map((p) => p.text).join('\n'), [sources]);

  // The English the row's notes on the translation are anchored to: its stored plain text.
  const english = paragraph.translations?.text ?? '';
  // Each note's span now (re-anchored on every change of the text); null: its quote is gone.
  const anchors = useMemo(() => {
    const map = new Map<string, AnchoredSpan | null>();
    for (const note of notes) {
      const selectors = annotationSelectors(note);
      const text = note.target === 'translation' ? (note.paragraph_id === paragraph.id ? english : undefined) : sources.find((p) => p.id === note.paragraph_id)?.text;
      if (!selectors || text === undefined) continue;
      const match = anchor(text, selectors);
      map.set(note.id, match ? { id: note.id, start: match.start, end: match.end } : null);
    }
    return map;
  }, [notes, sources, english, paragraph.id]);
  const englishSpans = useMemo(() => {
    const spans: EnglishSpan[] = [];
    for (const note of notes) {
      const span = note.target === 'translation' ? anchors.get(note.id) : null;
      if (span) spans.push({ id: note.id, start: codePointToUtf16(english, span.start), end: codePointToUtf16(english, span.end) });
    }
    return spans;
  }, [notes, anchors, english]);
  const spansByParagraph = useMemo(() => {
    const byParagraph = new Map<string, AnchoredSpan[]>(sources.map((p) => [p.id, []]));
    for (const note of notes) {
      const span = note.target === 'source' ? anchors.get(note.id) : null;
      if (span) byParagraph.get(note.paragraph_id)?.push(span);
    }
    // The selected QA finding's Chinese spans (offsets into the row's joined Chinese).
    if (qaSelected) {
      let offset = 0;
      for (const p of sources) {
        for (const [k, s] of qaSelected.spans.entries()) {
          if (s.side !== 'zh' || s.end <= offset || s.start >= offset + p.text.length) continue;
          const start = Math.max(s.start - offset, 0);
          const end = Math.min(s.end - offset, p.text.length);
          byParagraph.get(p.id)?.push({ id: `${QA}${k}`, start: utf16ToCodePoint(p.text, start), end: utf16ToCodePoint(p.text, end) });
        }
        offset += p.text.length + 1;
      }
    }
    return byParagraph;
  }, [anchors, notes, sources, qaSelected]);

  // Keyboard selection (Alt+C in the Chinese, Alt+T in the English): a caret in a read-only field.
  const [caret, setCaret] = useState<{ side: 'zh' | 'en'; start: number; end: number } | null>(null);
  const caretSelection = useMemo(
    () => (caret ? caretAnchor(caret.side, caret, sources, { paragraphId: paragraph.id, text: english }) : null),
    [caret, english, paragraph.id, sources],
  );
  const keyboardSelection = caretSelection === 'crosses' ? null : caretSelection;
  const englishSelected =
    englishSelection?.range && englishSelection.text && english
      ? describe(english, { start: utf16ToCodePoint(english, englishSelection.range.start), end: utf16ToCodePoint(english, englishSelection.range.end) })
      : null;
  // What "Add note to selection" would note: the keyboard selection, else the mouse's (Chinese first).
  const noteSelection =
    keyboardSelection ??
    (selection ? { target: 'source' as const, paragraphId: paragraph.id, selectors: selection } : null) ??
    (englishSelected ? { target: 'translation' as const, paragraphId: paragraph.id, selectors: englishSelected } : null);
  const zhSelection = keyboardSelection?.target === 'source' ? keyboardSelection.selectors : selection;
  const enSelectionText = keyboardSelection?.target === 'translation' ? keyboardSelection.selectors.quote.exact : englishSelection?.text ?? null;

  function addNoteToSelection() {
    if (!noteSelection || !ws.canAnnotate) return;
    ws.openComposer(paragraph.id, { mode: 'new', anchor: noteSelection.selectors, target: noteSelection.target, paragraphId: noteSelection.paragraphId });
    // From the keyboard (Enter in the caret field) the sheet may be closed (phone) or on another
    // row (tablet): bring it to this row, where the form opens.
    sheet.show(paragraph.id);
    setCaret(null);
  }

  /** The keyboard selection moved (a new state only when it did). */
  function moveCaret(start: number, end: number) {
    setCaret((c) => (c && (c.start !== start || c.end !== end) ? { ...c, start, end } : c));
  }

  function leaveCaret() {
    const side = caret?.side;
    setCaret(null);
    // Back where the keys came from: the English of the row (or the row itself).
    requestAnimationFrame(() => {
      const row = document.getElementById(`row-${paragraph.id}`);
      const view = row?.querySelector<HTMLElement>('.translation-view');
      (side && view ? view : row)?.focus();
    });
  }

  function onRowKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyC' || event.code === 'KeyT')) {
      const side = event.code === 'KeyC' ? 'zh' : 'en';
      if (side === 'en' && english.trim() === '') return;
      event.preventDefault();
      setCaret({ side, start: 0, end: 0 });
      return;
    }
    // Enter on the focused row (after "Go to paragraph") edits its translation, inserting nothing.
    if (event.key !== 'Enter' || event.target !== event.currentTarget || !ws.canTranslate || !paragraph.translations) return;
    event.preventDefault();
    ws.activate(paragraph.id, true);
  }

  /** A click on a highlight opens its note (the next one on each click where notes overlap). */
  function openClickedNote(ids: readonly string[]) {
    const shown = ids.filter((id) => notes.some((n) => n.id === id));
    if (shown.length === 0) return;
    const at = notesUi.requested ? shown.indexOf(notesUi.requested.noteId) : -1;
    const id = shown[(at + 1) % shown.length]!;
    const note = notes.find((n) => n.id === id)!;
    setHighlighted(id);
    notesUi.openNote({ noteId: id, paragraphId: note.paragraph_id });
    // Notes in a sheet (tablet, phone): show this row's there; its card takes the focus once in.
    sheet.show(paragraph.id);
  }

  return (
    <div
      role="group"
      id={`row-${paragraph.id}`}
      tabIndex={-1}
      aria-label={last > n ? t('align.mergedRow', { from: n, to: last }) : t('workspace.paragraph', { n })}
      onKeyDown={onRowKeyDown}
      onBlur={(event) => {
        // The keyboard selection ends when the focus leaves the row.
        if (caret && !event.currentTarget.contains(event.relatedTarget as Node | null)) setCaret(null);
      }}
      className={`row row-${paragraph.kind}${isActive ? ' is-active' : ''}${isTarget ? ' is-target' : ''}${find?.current ? ' is-find-current' : ''}`}
    >
      <div className="cell cell-number">
        <span aria-hidden="true">{last > n ? `${n}–${last}` : n}</span>
        {peers?.length ? <RowPeers peers={peers} n={n} /> : null}
      </div>
      <div
        className="cell cell-source"
        onClick={(event) => {
          const ids = clickedNotes(event);
          if (ids) openClickedNote(ids);
        }}
      >
        {caret?.side === 'zh' ? (
          <CaretText
            text={zh}
            lang="zh-CN"
            label={t('caret.zhLabel', { n })}
            onSelect={moveCaret}
            onCommit={addNoteToSelection}
            onLeave={leaveCaret}
            problem={caretSelection === 'crosses' ? t('caret.crosses') : null}
          />
        ) : (
          <>
        <SourceText
          paragraph={paragraph}
          spans={spansByParagraph.get(paragraph.id) ?? NO_SPANS}
          highlighted={highlighted}
          found={find?.source.get(paragraph.id)}
          current={find?.current?.field === 'source' && find.current.paragraphId === paragraph.id ? find.current : null}
        />
        {(covered ?? []).map((p) => (
          // Paragraphs merged into one row keep a paragraph's gap between them.
          <div key={p.id} style={{ marginTop: '0.75em' }}>
            <SourceText
              paragraph={p}
              spans={spansByParagraph.get(p.id) ?? NO_SPANS}
              highlighted={highlighted}
              found={find?.source.get(p.id)}
              current={find?.current?.field === 'source' && find.current.paragraphId === p.id ? find.current : null}
            />
          </div>
        ))}
          </>
        )}
      </div>
      <TranslationCell
        paragraph={paragraph}
        index={index}
        isActive={isActive}
        autoFocus={autoFocus}
        found={find?.translation}
        currentFound={find?.current?.field === 'translation' ? find.current : null}
        peers={peers}
        zh={zh}
        qaSelected={qaSelected}
        onQaSelect={setQaSelected}
        noteSpans={englishSpans}
        highlightedNote={highlighted}
        onOpenNotes={openClickedNote}
        caret={
          caret?.side === 'en' ? (
            <CaretText
              text={english}
              lang="en"
              label={t('caret.enLabel', { n })}
              onSelect={moveCaret}
              onCommit={addNoteToSelection}
              onLeave={leaveCaret}
            />
          ) : null
        }
      />
      <NotesCell paragraphId={paragraph.id} n={n} count={notes.length}>
        {noteSelection && ws.canAnnotate ? (
          <button
            type="button"
            className="button button-small button-primary add-selection"
            aria-label={t('notes.addToSelection')}
            aria-keyshortcuts={keyboardSelection ? 'Enter' : undefined}
            // Keep the text selection alive while the button is pressed.
            onMouseDown={(e) => e.preventDefault()}
            onClick={addNoteToSelection}
          >
            {t('notes.addToSelection')}
            <span className="selection-preview" lang={noteSelection.target === 'source' ? 'zh-CN' : 'en'}>
              {noteSelection.target === 'source' ? '「' : '“'}
              {truncateCodePoints(noteSelection.selectors.quote.exact, noteSelection.target === 'source' ? 12 : 24)}
              {noteSelection.target === 'source' ? '」' : '”'}
            </span>
          </button>
        ) : null}
        {zhSelection ? <LookupButton text={zhSelection.quote.exact} title={t('reading.snapHint')} onClick={() => setLookup(zhSelection.quote.exact)} /> : null}
        {lookup !== null ? <LookupDialog text={lookup} lookUp={lookUpSelection} onClose={() => setLookup(null)} /> : null}
        {zhSelection || enSelectionText ? (
          <button
            type="button"
            className="button button-small concordance-open"
            aria-label={t('concordance.openLabel')}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() =>
              zhSelection ? ws.openConcordance(zhSelection.quote.exact, 'zh') : enSelectionText ? ws.openConcordance(enSelectionText, 'en') : undefined
            }
          >
            {t('concordance.open')}
            <span className="selection-preview" lang={zhSelection ? 'zh-CN' : 'en'}>
              「{truncateCodePoints(zhSelection ? zhSelection.quote.exact : (enSelectionText ?? ''), 12)}」
            </span>
          </button>
        ) : null}
        {notes.length > 0 ? (
          <ul className="notes" aria-label={t('notes.listLabel', { n })}>
            {notes.map((note) =>
              composer?.mode === 'edit' && composer.annotation.id === note.id ? null : (
                <li key={note.id}>
                  <NoteCard
                    note={note}
                    anchored={anchors.has(note.id) ? anchors.get(note.id) !== null : null}
                    highlighted={highlighted === note.id}
                    onHighlight={setHighlighted}
                  />
                </li>
              ),
            )}
          </ul>
        ) : null}
        {composer ? (
          <NoteForm
            key={composer.mode === 'edit' ? composer.annotation.id : 'new'}
            paragraphId={composer.mode === 'new' ? (composer.paragraphId ?? paragraph.id) : composer.annotation.paragraph_id}
            paragraphNumber={n}
            anchor={composer.mode === 'new' ? composer.anchor : null}
            target={composer.mode === 'new' ? (composer.target ?? 'source') : composer.annotation.target}
            editing={composer.mode === 'edit' ? composer.annotation : null}
            onClose={() => {
              ws.closeComposer(paragraph.id);
              // Saved or cancelled from the keyboard: the focus goes back to the row, not to the page.
              requestAnimationFrame(() => {
                if (document.activeElement === document.body) document.getElementById(`row-${paragraph.id}`)?.focus();
              });
            }}
          />
        ) : ws.canAnnotate ? (
          <button
            type="button"
            className="button button-small button-quiet add-note"
            aria-label={t('notes.addToParagraph', { n })}
            onClick={() => ws.openComposer(paragraph.id, { mode: 'new', anchor: null })}
          >
            <span aria-hidden="true">＋ </span>
            {t('notes.addNote')}
          </button>
        ) : null}
      </NotesCell>
    </div>
  );
});
