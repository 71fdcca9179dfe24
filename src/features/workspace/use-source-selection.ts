// A selection inside one source paragraph, described as selectors, so its row can offer
// "Add note to selection" and "Look up"; mouse selections snap to whole words (Alt: exact).
import { useEffect, useRef, useState } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { describe, type TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { codePointToUtf16, snapToWords } from '../../domain/text/index.ts';
import { readSourceSelection, selectSourceRange, sourceText } from './selection.ts';

export interface SourceSelectionState {
  paragraphId: string;
  selectors: TextAnchorSelectors;
}

/** Follows the document's selection (once per frame); `byId` finds the selected paragraph's text. */
export function useSourceSelection(byId: ReadonlyMap<string, Paragraph>) {
  const [selection, setSelection] = useState<SourceSelectionState | null>(null);
  const byIdRef = useRef(byId);
  byIdRef.current = byId;

  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const selected = readSourceSelection(window.getSelection());
        if (!selected) {
          setSelection((s) => (s === null ? s : null));
          return;
        }
        const paragraph = byIdRef.current.get(selected.paragraphId);
        const selectors = paragraph ? describe(paragraph.text, selected) : null;
        setSelection(selectors ? { paragraphId: selected.paragraphId, selectors } : null);
      });
    };
    // A selection made with the mouse snaps to whole words; with Alt held it stays character-exact.
    const onMouseUp = (event: MouseEvent) => {
      if (event.altKey || event.button !== 0) return;
      const selected = readSourceSelection(window.getSelection());
      if (!selected) return;
      const text = sourceText(selected.element);
      const start = codePointToUtf16(text, selected.start);
      const end = codePointToUtf16(text, selected.end);
      const snapped = snapToWords(text, start, end);
      if (snapped.start !== start || snapped.end !== end) selectSourceRange(selected.element, snapped.start, snapped.end);
    };
    document.addEventListener('selectionchange', onChange);
    document.addEventListener('mouseup', onMouseUp);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
      document.removeEventListener('mouseup', onMouseUp);
    };
  }, []);

  return [selection, setSelection] as const;
}
