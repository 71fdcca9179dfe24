// Between the editor's rows (indices into the Chinese and English paragraph lists) and the
// apply_alignment payload (paragraph ids and English text), and back from the server's conflicts.
import type { LinkSpec } from '../../domain/align/index.ts';
import type { AlignmentRowPayload } from '../../data/alignment.ts';

export interface ChineseParagraphRef {
  id: string;
  position: number;
}

export interface ApplyPlan {
  rows: AlignmentRowPayload[];
  /** For each payload row, the index of the editor row it came from. */
  sourceRows: number[];
  /** English paragraphs (indices) in rows without Chinese: they have nowhere to go and are not stored. */
  unmatchedEnglish: number[];
  /** Chinese paragraphs (indices) in rows without English: their translations are left as they are. */
  chineseWithoutEnglish: number[];
}

function at<T>(list: readonly T[], index: number, side: string): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`${side} paragraph ${index} does not exist`);
  return value;
}

/** The payload for apply_alignment: one entry per row that has both Chinese and English. */
export function toApplyPlan(rows: readonly Pick<LinkSpec, 'zh' | 'en'>[], zh: readonly ChineseParagraphRef[], en: readonly string[]): ApplyPlan {
  const plan: ApplyPlan = { rows: [], sourceRows: [], unmatchedEnglish: [], chineseWithoutEnglish: [] };
  rows.forEach((row, index) => {
    if (row.zh.length === 0) {
      plan.unmatchedEnglish.push(...row.en);
      return;
    }
    if (row.en.length === 0) {
      plan.chineseWithoutEnglish.push(...row.zh);
      return;
    }
    plan.rows.push({
      paragraph_ids: row.zh.map((i) => at(zh, i, 'Chinese').id),
      text: row.en.map((i) => at(en, i, 'English').trim()).join('\n'),
    });
    plan.sourceRows.push(index);
  });
  return plan;
}

/** Indices of the editor rows holding any of the conflicting paragraph positions. */
export function rowsWithConflicts(rows: readonly Pick<LinkSpec, 'zh'>[], zh: readonly ChineseParagraphRef[], positions: readonly number[]): number[] {
  const wanted = new Set(positions);
  const out: number[] = [];
  rows.forEach((row, index) => {
    if (row.zh.some((i) => wanted.has(at(zh, i, 'Chinese').position))) out.push(index);
  });
  return out;
}

/** The plan's payload without the rows that came from `skipped` editor rows. */
export function payloadWithout(plan: ApplyPlan, skipped: readonly number[]): AlignmentRowPayload[] {
  const skip = new Set(skipped);
  return plan.rows.filter((_, k) => !skip.has(plan.sourceRows[k]!));
}
