// Splitting an English paragraph in two: the sentences of the Chinese paragraphs the selected row
// joins suggest where the first one's English ends; the user picks the cut in a dialog.
import { useCallback, useState, type MutableRefObject } from 'react';
import { englishCut, splitEnglishParagraph } from '../../domain/align/index.ts';
import type { ChineseParagraph } from './alignment-row.tsx';
import type { AlignState } from './commands.ts';

interface Splitting {
  paragraph: number;
  sentences: string[];
  suggested: number;
  rowSplitAt: number | null;
}

export function useSplitEnglish(zh: readonly ChineseParagraph[], stateRef: MutableRefObject<AlignState>) {
  const [splitting, setSplitting] = useState<Splitting | null>(null);
  /** Opens the dialog for an English paragraph of the selected row. */
  const onSplitEnglish = useCallback(
    (paragraph: number) => {
      const { rows: current, en: english, selected: at } = stateRef.current;
      const row = current[at];
      if (!row) return;
      // The sentences of the Chinese paragraphs the row joins say where the first one's English ends.
      const found = englishCut(
        row.zh.map((i) => zh[i]?.text ?? ''),
        english[paragraph] ?? '',
      );
      if (!found) return;
      setSplitting({ paragraph, sentences: found.sentences, suggested: found.cut, rowSplitAt: row.zh.length >= 2 ? (zh[row.zh[0]!]?.position ?? null) : null });
    },
    [zh, stateRef],
  );

  return {
    splitting,
    onSplitEnglish,
    cancel: () => setSplitting(null),
    /** Splits the paragraph before sentence `cut` and commits the result. */
    split: (cut: number, commit: (state: AlignState) => void) => {
      if (!splitting) return;
      const state = stateRef.current;
      const next = splitEnglishParagraph(
        state.rows,
        state.en,
        splitting.paragraph,
        splitting.sentences.slice(0, cut).join(' '),
        splitting.sentences.slice(cut).join(' '),
      );
      setSplitting(null);
      commit({ ...next, selected: state.selected });
    },
  };
}
