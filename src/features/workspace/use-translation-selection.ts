// English selected in one row's read-only translation, so its row can offer "Concordance".
import { useEffect, useState } from 'react';
import { readTranslationSelection } from './selection.ts';

export function useTranslationSelection() {
  const [selection, setSelection] = useState<{ paragraphId: string; text: string } | null>(null);
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const english = readTranslationSelection(window.getSelection());
        setSelection((s) => (english === null ? null : s?.paragraphId === english.paragraphId && s.text === english.text ? s : english));
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
