// QA errors of a translation waiting for review: "Approve" warns (never blocks) while any remain
// that nobody ignored with a reason.
import { useMemo } from 'react';
import { useGlossary, useParagraphQaIgnores } from '../../data/glossary.ts';
import type { ReviewItem } from '../../data/review-queue.ts';
import { buildGlossaryMatcher } from '../../domain/glossary/index.ts';
import { checkRow, type QaFinding } from '../../domain/qa/index.ts';

const NONE: QaFinding[] = [];

export function useQaErrors(item: ReviewItem): QaFinding[] {
  const isTranslation = item.type === 'translation';
  const glossary = useGlossary(isTranslation ? item.context.projectId : '');
  const ignores = useParagraphQaIgnores(item.context.paragraphId, isTranslation);
  const matcher = useMemo(() => (glossary.data?.length ? buildGlossaryMatcher(glossary.data) : undefined), [glossary.data]);
  const text = isTranslation ? item.translation.text : '';
  return useMemo(() => {
    if (!isTranslation) return NONE;
    const ignored = new Set((ignores.data ?? []).map((i) => i.fingerprint));
    return checkRow({ zh: item.context.source, en: text, glossary: matcher }).filter((f) => f.severity === 'error' && !ignored.has(f.fingerprint));
  }, [isTranslation, item.context.source, text, matcher, ignores.data]);
}
