// A selection inside one source paragraph, described as selectors, so its row can offer
// "Add note to selection".
import { useEffect, useRef, useState } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { describe, type TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { readSourceSelection } from './selection.ts';

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
    document.addEventListener('selectionchange', onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
    };
  }, []);

  return [selection, setSelection] as const;
}
