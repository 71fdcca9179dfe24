// English selected in one row's read-only translation, so its row can offer "Add note to
// selection" and "Concordance".
import { useEffect, useState } from 'react';
import { readTranslationSelection, type TranslationSelection } from './selection.ts';

function same(a: TranslationSelection, b: TranslationSelection): boolean {
  return a.paragraphId === b.paragraphId && a.text === b.text && a.range?.start === b.range?.start && a.range?.end === b.range?.end;
}

export function useTranslationSelection() {
  const [selection, setSelection] = useState<TranslationSelection | null>(null);
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const english = readTranslationSelection(window.getSelection());
        setSelection((s) => (english === null ? null : s && same(s, english) ? s : english));
      });
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
    };
  }, []);
  return selection;
}
