// Aligned translations may span several paragraphs (translations.span): the paragraphs after the
// first are covered and shown inside the first one's row, so the grid keeps one row per translation.
import type { Paragraph } from '../../data/paragraphs.ts';

export interface SpanCover {
  /** Head paragraph id → the paragraphs its translation covers after it. */
  covered: Map<string, Paragraph[]>;
  /** Ids of paragraphs that have no row of their own. */
  coveredIds: Set<string>;
}

/** Reads the spans of paragraphs in position order; a span reaches only paragraphs that are loaded. */
export function spanCover(rows: readonly Paragraph[]): SpanCover {
  const covered = new Map<string, Paragraph[]>();
  const coveredIds = new Set<string>();
  let head: Paragraph | null = null;
  let reach = 0;
  for (const p of rows) {
    if (head && p.position <= reach) {
      covered.get(head.id)!.push(p);
      coveredIds.add(p.id);
      continue;
    }
    const span = p.translations?.span ?? 1;
    if (span > 1) {
      head = p;
      reach = p.position + span - 1;
      covered.set(p.id, []);
    } else {
      head = null;
    }
  }
  return { covered, coveredIds };
}
