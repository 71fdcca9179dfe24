import { describe, expect, it } from 'vitest';
import { coverageProblem, mergeWithNext, splitEnglishParagraph, toRows } from './edit.ts';
import { loadBitext } from './fixtures/dev-set.ts';
import { englishCut } from './sentences.ts';
import { splitEnSentences } from './split.ts';
import type { AlignRow } from './types.ts';

const { zh, en, gold } = loadBitext('kazakhstan');
const oneToOne = gold.filter((l) => l.zh.length === 1 && l.en.length === 1);
/** Pairs of consecutive 1-1 gold links whose English has several sentences in all: a merged English paragraph. */
const pairs = oneToOne
  .map((a, k) => [a, oneToOne[k + 1]] as const)
  .filter(([a, b]) => b && b.zh[0] === a.zh[0]! + 1 && b.en[0] === a.en[0]! + 1)
  .map(([a, b]) => ({ zh: [zh[a.zh[0]!]!, zh[b!.zh[0]!]!], first: en[a.en[0]!]!, second: en[b!.en[0]!]! }))
  .filter((p) => splitEnSentences(`${p.first} ${p.second}`).length >= 3);

describe('englishCut', () => {
  it('finds where the English of the first Chinese paragraph ends in a merged English paragraph', () => {
    expect(pairs.length).toBeGreaterThan(5);
    let right = 0;
    for (const p of pairs) {
      const found = englishCut(p.zh, `${p.first} ${p.second}`);
      if (found && found.cut === splitEnSentences(p.first).length) right++;
    }
    // Measured on the fixture: every cut is found.
    expect(right).toBe(pairs.length);
  });

  it('has nothing to cut in a single sentence, and cuts before the last sentence with one Chinese paragraph', () => {
    expect(englishCut(['双方同意。', '双方决定。'], 'The two sides agree.')).toBeNull();
    expect(englishCut(['双方同意。'], 'The two sides agree. They decide. They sign.')).toEqual({
      sentences: ['The two sides agree.', 'They decide.', 'They sign.'],
      cut: 2,
    });
  });
});

describe('splitEnglishParagraph', () => {
  const row = (zhIdx: number[], enIdx: number[]): AlignRow => ({ zh: zhIdx, en: enIdx, confidence: 0.9, reasons: [], confirmed: true });

  it('turns a two-paragraph row over merged English into two rows, shifting the later English', () => {
    const english = ['A.', 'B one. B two.', 'C.'];
    const rows = [row([0], [0]), row([1, 2], [1]), row([3], [2])];
    const out = splitEnglishParagraph(rows, english, 1, 'B one.', 'B two.');
    expect(out.en).toEqual(['A.', 'B one.', 'B two.', 'C.']);
    expect(out.rows.map((r) => `${r.zh}|${r.en}`)).toEqual(['0|0', '1|1', '2|2', '3|3']);
    expect(out.rows[0]).toBe(rows[0]);
    expect(out.rows[1]!.confirmed).toBe(false);
    expect(coverageProblem(out.rows, 4, 4)).toBeNull();
  });

  it('keeps a one-paragraph row as one row over both halves', () => {
    const out = splitEnglishParagraph([row([0], [0, 1])], ['A.', 'B one. B two.'], 1, 'B one.', 'B two.');
    expect(out.rows.map((r) => `${r.zh}|${r.en}`)).toEqual(['0|0,1,2']);
  });

  it('refuses an empty half or a paragraph that is not there, changing nothing', () => {
    const rows = [row([0], [0])];
    expect(() => splitEnglishParagraph(rows, ['A. B.'], 0, 'A.', ' ')).toThrow(RangeError);
    expect(() => splitEnglishParagraph(rows, ['A. B.'], 1, 'A.', 'B.')).toThrow(RangeError);
  });

  it('splits a merged gold row back into its gold links', () => {
    const rows = toRows(gold.map((l) => ({ ...l, confidence: 1, reasons: [] })));
    const at = rows.findIndex(
      (r, k) =>
        r.zh.length === 1 &&
        r.en.length === 1 &&
        rows[k + 1]?.zh.length === 1 &&
        rows[k + 1]?.en.length === 1 &&
        splitEnSentences(`${en[r.en[0]!]} ${en[r.en[0]! + 1]}`).length === splitEnSentences(en[r.en[0]!]!).length + splitEnSentences(en[r.en[0]! + 1]!).length,
    );
    const merged = mergeWithNext(rows, at);
    const english = [...en];
    const j = merged[at]!.en[0]!;
    english.splice(j, 2, `${en[j]} ${en[j + 1]}`);
    const shifted = merged.map((r, k) => (k > at ? { ...r, en: r.en.map((x) => x - 1) } : k === at ? { ...r, en: [j] } : r));
    const cut = englishCut(shifted[at]!.zh.map((i) => zh[i]!), english[j]!)!;
    const out = splitEnglishParagraph(shifted, english, j, cut.sentences.slice(0, cut.cut).join(' '), cut.sentences.slice(cut.cut).join(' '));
    expect(out.en).toEqual(en.map((s) => s.trim()));
    expect(out.rows.map((r) => `${r.zh}|${r.en}`)).toEqual(rows.map((r) => `${r.zh}|${r.en}`));
  });
});
