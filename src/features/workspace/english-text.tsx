// The read-only English of a row with its notes' spans marked. Every run of text carries where it
// starts in the translation's plain text (data-at, UTF-16), so a selection in it maps back to the
// text the notes are anchored to (selection.ts).
import { Fragment, memo, type ReactNode } from 'react';
import { parseRichDoc } from '../../editor/rich-text-schema.ts';
import { docToPlainText } from '../../editor/rich-text.ts';
import { renderPlainLines, renderRichDoc, type TextRenderer } from '../../editor/rich-text-view.tsx';
import { NOTES_ATTRIBUTE, RUN_ATTRIBUTE } from './note-marks.ts';
import { cutAtSpans, type CutRun } from './source-segments.ts';


/** A note's span of the English, in UTF-16 offsets of the plain text. */
export interface EnglishSpan {
  id: string;
  start: number;
  end: number;
}

/** Cuts a run [start, start + text.length) at the spans' edges: each piece with the ids covering it. */
export function cutRun(text: string, start: number, spans: readonly EnglishSpan[]): CutRun[] {
  const pieces = cutAtSpans(text, spans.map((s) => ({ id: s.id, start: s.start - start, end: s.end - start })));
  for (const p of pieces) p.at += start;
  return pieces;
}

interface EnglishTextProps {
  body: unknown;
  text: string;
  spans: readonly EnglishSpan[];
  /** The note whose span is emphasised (its card is hovered or focused). */
  highlighted: string | null;
}

export const EnglishText = memo(function EnglishText({ body, text, spans, highlighted }: EnglishTextProps) {
  const renderText: TextRenderer = (run, start, key) => {
    const pieces = cutRun(run, start, spans);
    const out: ReactNode[] = pieces.map((p) =>
      p.ids.length ? (
        <mark key={p.at} className={`note-span${highlighted && p.ids.includes(highlighted) ? ' is-highlighted' : ''}`} {...{ [RUN_ATTRIBUTE]: p.at, [NOTES_ATTRIBUTE]: p.ids.join(' ') }}>
          {p.text}
        </mark>
      ) : (
        <span key={p.at} {...{ [RUN_ATTRIBUTE]: p.at }}>
          {p.text}
        </span>
      ),
    );
    return out.length === 1 ? out[0] : <Fragment key={key}>{out}</Fragment>;
  };
  const doc = parseRichDoc(body);
  // The marks follow the stored plain text; a body that does not render to it shows as that text.
  if (doc && docToPlainText(doc) === text) return <>{renderRichDoc(doc, renderText)}</>;
  return <>{renderPlainLines(text, renderText)}</>;
});
