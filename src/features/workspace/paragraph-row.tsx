// One aligned row: number, Chinese source (with anchored notes marked), English translation, notes.
import { memo, useMemo, useState } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { annotationSelectors, type Annotation } from '../../data/annotations.ts';
import { anchor, type TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { truncateCodePoints, utf16ToCodePoint } from '../../domain/text/index.ts';
import type { TextRange } from '../../domain/search/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { sourceSegments, type AnchoredSpan } from './source-segments.ts';
import { SOURCE_ATTRIBUTE } from './selection.ts';
import { TranslationCell } from './translation-cell.tsx';
import { NoteCard } from './note-card.tsx';
import { NoteForm } from './note-form.tsx';
import { useWorkspace, type Composer } from './workspace-context.ts';
import type { RowFind } from './find.ts';
import type { Peer } from '../../data/live.ts';
import { RowPeers } from './presence.tsx';

const NO_SPANS: AnchoredSpan[] = [];
const FIND = 'find:';
const FIND_CURRENT = 'find:current';

/** Find matches as spans beside the notes' (code point offsets; the current one apart). */
function findSpans(text: string, ranges: readonly TextRange[] | undefined, current: TextRange | null): AnchoredSpan[] {
  return (ranges ?? []).map((r, i) => ({
    id: current && current.start === r.start ? FIND_CURRENT : `${FIND}${i}`,
    start: utf16ToCodePoint(text, r.start),
    end: utf16ToCodePoint(text, r.end),
  }));
}

function markClass(ids: readonly string[], highlighted: string | null): string | undefined {
  const classes: string[] = [];
  if (ids.includes(FIND_CURRENT)) classes.push('find-current');
  else if (ids.some((id) => id.startsWith(FIND))) classes.push('find-hit');
  if (ids.some((id) => !id.startsWith(FIND))) classes.push('note-span');
  if (highlighted && ids.includes(highlighted)) classes.push('is-highlighted');
  return classes.join(' ') || undefined;
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
  const segments = useMemo(
    () => sourceSegments(paragraph.text, found?.length ? [...spans, ...findSpans(paragraph.text, found, current ?? null)] : spans),
    [paragraph.text, spans, found, current],
  );
  return (
    <div className={`source source-${paragraph.kind}`} lang="zh-CN" {...{ [SOURCE_ATTRIBUTE]: paragraph.id }}>
      {segments.map((s, i) =>
        s.ids.length === 0 ? (
          s.text
        ) : (
          <mark key={i} className={markClass(s.ids, highlighted)}>
            {s.text}
          </mark>
        ),
      )}
    </div>
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
  englishSelection?: string | null;
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
  const n = paragraph.position;
  const last = covered?.at(-1)?.position ?? n;
  const sources = useMemo(() => [paragraph, ...(covered ?? [])], [paragraph, covered]);

  const anchors = useMemo(() => {
    const map = new Map<string, AnchoredSpan | null>();
    for (const note of notes) {
      if (note.target !== 'source') continue;
      const selectors = annotationSelectors(note);
      const text = sources.find((p) => p.id === note.paragraph_id)?.text;
      if (!selectors || text === undefined) continue;
      const match = anchor(text, selectors);
      map.set(note.id, match ? { id: note.id, start: match.start, end: match.end } : null);
    }
    return map;
  }, [notes, sources]);
  const spansByParagraph = useMemo(() => {
    const byParagraph = new Map<string, AnchoredSpan[]>(sources.map((p) => [p.id, []]));
    for (const note of notes) {
      const span = anchors.get(note.id);
      if (span) byParagraph.get(note.paragraph_id)?.push(span);
    }
    return byParagraph;
  }, [anchors, notes, sources]);

  return (
    <div
      role="group"
      id={`row-${paragraph.id}`}
      tabIndex={-1}
      aria-label={last > n ? t('align.mergedRow', { from: n, to: last }) : t('workspace.paragraph', { n })}
      className={`row row-${paragraph.kind}${isActive ? ' is-active' : ''}${isTarget ? ' is-target' : ''}${find?.current ? ' is-find-current' : ''}`}
    >
      <div className="cell cell-number">
        <span aria-hidden="true">{last > n ? `${n}–${last}` : n}</span>
        {peers?.length ? <RowPeers peers={peers} n={n} /> : null}
      </div>
      <div className="cell cell-source">
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
      </div>
      <TranslationCell
        paragraph={paragraph}
        index={index}
        isActive={isActive}
        autoFocus={autoFocus}
        found={find?.translation}
        currentFound={find?.current?.field === 'translation' ? find.current : null}
        peers={peers}
      />
      <div className="cell cell-notes">
        {selection && ws.canAnnotate ? (
          <button
            type="button"
            className="button button-small button-primary add-selection"
            aria-label={t('notes.addToSelection')}
            // Keep the text selection alive while the button is pressed.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => ws.openComposer(paragraph.id, { mode: 'new', anchor: selection })}
          >
            {t('notes.addToSelection')}
            <span className="selection-preview" lang="zh-CN">
              「{truncateCodePoints(selection.quote.exact, 12)}」
            </span>
          </button>
        ) : null}
        {selection || englishSelection ? (
          <button
            type="button"
            className="button button-small concordance-open"
            aria-label={t('concordance.openLabel')}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() =>
              selection ? ws.openConcordance(selection.quote.exact, 'zh') : englishSelection ? ws.openConcordance(englishSelection, 'en') : undefined
            }
          >
            {t('concordance.open')}
            <span className="selection-preview" lang={selection ? 'zh-CN' : 'en'}>
              「{truncateCodePoints(selection ? selection.quote.exact : (englishSelection ?? ''), 12)}」
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
            paragraphId={paragraph.id}
            paragraphNumber={n}
            anchor={composer.mode === 'new' ? composer.anchor : null}
            editing={composer.mode === 'edit' ? composer.annotation : null}
            onClose={() => ws.closeComposer(paragraph.id)}
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
      </div>
    </div>
  );
});
