// The document's QA panel in the grid: the checks of every loaded row (useWorkspaceQa), whether the
// panel is open, the glossary terms it lists, and going to a row from a finding.
import { useCallback, useMemo, useState } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Paragraph } from '../../data/paragraphs.ts';
import type { SpanCover } from './span-cover.ts';
import { useWorkspaceQa } from './use-workspace-qa.ts';

export function useQaPanel(documentId: string, projectId: string, rows: Paragraph[], cover: SpanCover, virtualizer: Virtualizer<HTMLDivElement, Element>) {
  const qa = useWorkspaceQa(documentId, projectId, rows, cover);
  const [isOpen, setOpen] = useState(false);
  const glossaryTerms = useMemo(() => qa.glossaryEntries?.map((e) => ({ id: e.id, zh: e.zh, en: e.en, forbidden: e.forbidden })), [qa.glossaryEntries]);
  const goToRow = useCallback(
    (rowId: string) => {
      const index = rows.findIndex((r) => r.id === rowId);
      if (index < 0) return;
      setOpen(false);
      virtualizer.scrollToIndex(index, { align: 'start' });
      // The row mounts once scrolled to: focus it then, so keyboard users land on it.
      requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(`row-${rowId}`)?.focus()));
    },
    [rows, virtualizer],
  );
  return { qa, isOpen, setOpen, glossaryTerms, goToRow };
}
