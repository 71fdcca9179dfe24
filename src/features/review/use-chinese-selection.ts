// The Chinese a reader selects inside an element (a review card's source text), widened to the
// words it touches as the workspace does, for "Look up". Only the text looked up is widened; the
// selection on screen stays as the reader made it.
import { useEffect, useState, type RefObject } from 'react';
import { snapToWords } from '../../domain/text/index.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function useChineseSelection(ref: RefObject<HTMLElement | null>): string | null {
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    const onChange = () => {
      const box = ref.current;
      const selection = document.getSelection();
      if (!box || !selection || selection.isCollapsed || selection.rangeCount === 0) return setPicked(null);
      const range = selection.getRangeAt(0);
      if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return setPicked(null);
      const before = document.createRange();
      before.selectNodeContents(box);
      before.setEnd(range.startContainer, range.startOffset);
      const text = box.textContent ?? '';
      const start = before.toString().length;
      const snapped = snapToWords(text, start, start + range.toString().length);
      const exact = text.slice(snapped.start, snapped.end).trim();
      setPicked(exact !== '' && CJK.test(exact) ? exact : null);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [ref]);
  return picked;
}
