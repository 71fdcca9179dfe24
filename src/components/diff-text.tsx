// Word-level differences shown inline: removed words struck through, added words underlined, each
// announced as such to screen readers.
import { useMemo } from 'react';
import { wordDiff } from '../domain/diff/index.ts';
import { useT } from '../i18n/i18n.tsx';

export function DiffText({ before, after, label }: { before: string; after: string; label: string }) {
  const t = useT();
  const diff = useMemo(() => wordDiff(before, after), [before, after]);
  return (
    <p className="diff-text" lang="en" aria-label={label}>
      {diff.parts.map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'removed' ? (
          <del key={i}>
            <span className="visually-hidden">{t('diff.removed')} </span>
            {part.text}
          </del>
        ) : (
          <ins key={i}>
            <span className="visually-hidden">{t('diff.added')} </span>
            {part.text}
          </ins>
        ),
      )}
    </p>
  );
}
