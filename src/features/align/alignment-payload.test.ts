import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { align, toRows, splitParagraphs } from '../../domain/align/index.ts';
import { payloadWithout, rowsWithConflicts, toApplyPlan, type ChineseParagraphRef } from './alignment-payload.ts';

const fixture = (name: string) => readFileSync(new URL(`../../domain/align/fixtures/${name}`, import.meta.url), 'utf8');
const refs = (n: number): ChineseParagraphRef[] => Array.from({ length: n }, (_, i) => ({ id: `zh-${i}`, position: i + 1 }));

describe('toApplyPlan', () => {
  const en = ['I', 'The two sides decide.', 'They agree.', 'An English paragraph with no Chinese.'];

  it('maps each row with both sides to paragraph ids and its English, one line per paragraph', () => {
    const plan = toApplyPlan(
      [
        { zh: [0], en: [0] },
        { zh: [1, 2], en: [1, 2] },
        { zh: [], en: [3] },
        { zh: [3], en: [] },
      ],
      refs(4),
      en,
    );
    expect(plan.rows).toEqual([
      { paragraph_ids: ['zh-0'], text: 'I' },
      { paragraph_ids: ['zh-1', 'zh-2'], text: 'The two sides decide.\nThey agree.' },
    ]);
    expect(plan.sourceRows).toEqual([0, 1]);
    expect(plan.unmatchedEnglish).toEqual([3]);
    expect(plan.chineseWithoutEnglish).toEqual([3]);
  });

  it('refuses indices outside the paragraph lists', () => {
    expect(() => toApplyPlan([{ zh: [5], en: [0] }], refs(2), en)).toThrow(RangeError);
    expect(() => toApplyPlan([{ zh: [0], en: [9] }], refs(2), en)).toThrow(RangeError);
  });

  it('covers every Chinese paragraph of a real alignment exactly once, with all of the English', () => {
    const zhText = splitParagraphs(fixture('kazakhstan.zh.txt'));
    const enText = splitParagraphs(fixture('kazakhstan.en.txt'));
    const rows = toRows(align(zhText, enText).links);
    const plan = toApplyPlan(rows, refs(zhText.length), enText);
    const ids = plan.rows.flatMap((r) => r.paragraph_ids).concat(plan.chineseWithoutEnglish.map((i) => `zh-${i}`));
    expect(ids.sort()).toEqual(refs(zhText.length).map((r) => r.id).sort());
    const stored = plan.rows.map((r) => r.text).join('\n');
    const unmatched = plan.unmatchedEnglish.map((i) => enText[i]);
    expect(stored.split('\n').length + unmatched.length).toBe(enText.length);
    // Each payload row carries exactly the English of the editor row it came from, in order.
    plan.rows.forEach((payload, k) => {
      const row = rows[plan.sourceRows[k]!]!;
      expect(payload.text).toBe(row.en.map((i) => enText[i]).join('\n'));
      expect(payload.paragraph_ids).toEqual(row.zh.map((i) => `zh-${i}`));
    });
  });
});

describe('rowsWithConflicts and payloadWithout', () => {
  const rows = [
    { zh: [0], en: [0] },
    { zh: [1, 2], en: [1] },
    { zh: [], en: [2] },
    { zh: [3], en: [3] },
  ];
  const zh: ChineseParagraphRef[] = [
    { id: 'a', position: 4 },
    { id: 'b', position: 5 },
    { id: 'c', position: 6 },
    { id: 'd', position: 7 },
  ];

  it('finds the editor rows that hold conflicting positions, a covered one included', () => {
    expect(rowsWithConflicts(rows, zh, [6, 7])).toEqual([1, 3]);
    expect(rowsWithConflicts(rows, zh, [])).toEqual([]);
  });

  it('drops the payload rows that came from skipped editor rows', () => {
    const plan = toApplyPlan(rows, zh, ['A', 'B', 'C', 'D']);
    expect(payloadWithout(plan, [1]).map((r) => r.text)).toEqual(['A', 'D']);
    expect(payloadWithout(plan, [2])).toHaveLength(3);
  });
});
