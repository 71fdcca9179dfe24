// One aligned row: number, Chinese source (with anchored notes marked), English translation, notes.
import { memo, useMemo, useState } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { annotationSelectors, type Annotation } from '../../data/annotations.ts';
import { anchor, type TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { truncateCodePoints } from '../../domain/text/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { sourceSegments, type AnchoredSpan } from './source-segments.ts';
import { SOURCE_ATTRIBUTE } from './selection.ts';
import { TranslationCell } from './translation-cell.tsx';
import { NoteCard } from './note-card.tsx';
import { NoteForm } from './note-form.tsx';
import { useWorkspace, type Composer } from './workspace-context.ts';

const NO_SPANS: AnchoredSpan[] = [];

const SourceText = memo(function SourceText({
  paragraph,
  spans,
  highlighted,
}: {
  paragraph: Paragraph;
  spans: AnchoredSpan[];
  highlighted: string | null;
}) {
  const segments = useMemo(() => sourceSegments(paragraph.text, spans), [paragraph.text, spans]);
  return (
    <div className={`source source-${paragraph.kind}`} lang="zh-CN" {...{ [SOURCE_ATTRIBUTE]: paragraph.id }}>
      {segments.map((s, i) =>
        s.ids.length === 0 ? (
          s.text
        ) : (
          <mark key={i} className={highlighted && s.ids.includes(highlighted) ? 'is-highlighted' : undefined}>
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
}

export const ParagraphRow = memo(function ParagraphRow({ paragraph, covered, index, notes, isActive, autoFocus, composer, selection }: ParagraphRowProps) {
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
      aria-label={last > n ? t('align.mergedRow', { from: n, to: last }) : t('workspace.paragraph', { n })}
      className={`row row-${paragraph.kind}${isActive ? ' is-active' : ''}`}
    >
      <div className="cell cell-number" aria-hidden="true">
        {last > n ? `${n}–${last}` : n}
      </div>
      <div className="cell cell-source">
        <SourceText paragraph={paragraph} spans={spansByParagraph.get(paragraph.id) ?? NO_SPANS} highlighted={highlighted} />
        {(covered ?? []).map((p) => (
          // Paragraphs merged into one row keep a paragraph's gap between them.
          <div key={p.id} style={{ marginTop: '0.75em' }}>
            <SourceText paragraph={p} spans={spansByParagraph.get(p.id) ?? NO_SPANS} highlighted={highlighted} />
          </div>
        ))}
      </div>
      <TranslationCell paragraph={paragraph} index={index} isActive={isActive} autoFocus={autoFocus} />
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
