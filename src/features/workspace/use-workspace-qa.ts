// What QA needs across the workspace: the project's glossary as a matcher, the document's rows as
// QA sees them (a merged row's Chinese joined), other renderings of the same Chinese (in this
// document, and in the project's other documents through qa_other_renderings), and the findings
// ignored on each row.
import { useCallback, useMemo } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { useGlossary, useIgnoreFinding, useOtherRenderings, useQaIgnores, useUnignoreFinding, type GlossaryEntry } from '../../data/glossary.ts';
import { buildGlossaryMatcher, type GlossaryMatcher, type MatchableTerm } from '../../domain/glossary/index.ts';
import { placesLabel, sourceKey, type QaDocumentRow, type QaFinding } from '../../domain/qa/index.ts';
import type { SpanCover } from './span-cover.ts';

export type GlossaryTerm = MatchableTerm & { entry: GlossaryEntry };

const NONE: ReadonlyArray<{ text: string; where: string }> = [];

/** One QA row per grid row: the head paragraph's id, its (merged) Chinese and its stored English. */
export function qaRows(rows: readonly Paragraph[], cover: SpanCover): QaDocumentRow[] {
  const out: QaDocumentRow[] = [];
  for (const p of rows) {
    if (cover.coveredIds.has(p.id)) continue;
    const covered = cover.covered.get(p.id) ?? [];
    const last = covered.at(-1)?.position ?? p.position;
    out.push({
      id: p.id,
      label: last > p.position ? `${p.position}–${last}` : String(p.position),
      zh: [p, ...covered].map((c) => c.text).join('\n'),
      en: p.translations?.text ?? '',
    });
  }
  return out;
}

export function useWorkspaceQa(documentId: string, projectId: string, rows: readonly Paragraph[], cover: SpanCover) {
  const glossaryQuery = useGlossary(projectId);
  const glossary = useMemo<GlossaryMatcher<GlossaryTerm> | undefined>(() => {
    const entries = glossaryQuery.data;
    if (!entries?.length) return undefined;
    return buildGlossaryMatcher(entries.map((entry) => ({ id: entry.id, zh: entry.zh, en: entry.en, forbidden: entry.forbidden, entry })));
  }, [glossaryQuery.data]);

  const documentRows = useMemo(() => qaRows(rows, cover), [rows, cover]);
  // Rows holding the same Chinese as another row, with the others' English.
  const twins = useMemo(() => {
    const bySource = new Map<string, QaDocumentRow[]>();
    for (const row of documentRows) {
      if (row.en.trim() === '') continue;
      const key = sourceKey(row.zh);
      bySource.set(key, [...(bySource.get(key) ?? []), row]);
    }
    const map = new Map<string, Array<{ text: string; where: string }>>();
    for (const group of bySource.values()) {
      if (group.length < 2) continue;
      for (const row of group) map.set(row.id, group.filter((g) => g !== row).map((g) => ({ text: g.en, where: g.label })));
    }
    return map;
  }, [documentRows]);
  // The same Chinese in the project's other documents (translated and approved rows), by row.
  const others = useOtherRenderings(documentId);
  const external = useMemo(() => {
    const map = new Map<string, Array<{ text: string; where: string }>>();
    for (const row of others.data ?? []) {
      map.set(row.paragraph_id, row.renderings.map((r) => ({ text: r.text, where: placesLabel(r.places, r.occurrences) })));
    }
    return map;
  }, [others.data]);
  const elsewhere = useCallback(
    (paragraphId: string) => {
      const inDocument = twins.get(paragraphId);
      const inProject = external.get(paragraphId);
      if (!inProject) return inDocument ?? NONE;
      return inDocument ? [...inProject, ...inDocument] : inProject;
    },
    [twins, external],
  );
  // The same, keyed as the document check wants it (by the Chinese), for the QA panel's Worker.
  const elsewhereBySource = useMemo(() => {
    const entries: Array<[string, Array<{ text: string; where: string }>]> = [];
    for (const row of documentRows) {
      const list = external.get(row.id);
      if (list) entries.push([sourceKey(row.zh), list]);
    }
    return entries;
  }, [documentRows, external]);

  const ignoresQuery = useQaIgnores(documentId);
  const ignores = useMemo(() => {
    const map = new Map<string, Map<string, string>>();
    for (const i of ignoresQuery.data ?? []) {
      if (!map.has(i.paragraph_id)) map.set(i.paragraph_id, new Map());
      map.get(i.paragraph_id)!.set(i.fingerprint, i.reason);
    }
    return map;
  }, [ignoresQuery.data]);
  const ignore = useIgnoreFinding(documentId);
  const unignore = useUnignoreFinding(documentId);
  const { mutateAsync: ignoreAsync } = ignore;
  const { mutate: unignoreMutate } = unignore;
  const ignoreFinding = useCallback(
    async (paragraphId: string, finding: QaFinding, reason: string, message = '') => {
      await ignoreAsync({ paragraph_id: paragraphId, fingerprint: finding.fingerprint, reason, message });
    },
    [ignoreAsync],
  );
  const unignoreFinding = useCallback(
    (paragraphId: string, finding: QaFinding) => unignoreMutate({ paragraphId, fingerprint: finding.fingerprint }),
    [unignoreMutate],
  );

  return { glossary, glossaryEntries: glossaryQuery.data, documentRows, elsewhere, elsewhereBySource, ignores, ignoreFinding, unignoreFinding };
}
