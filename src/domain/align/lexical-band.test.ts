import { describe, expect, it } from 'vitest';
import { nodeTranslationTable } from '../../../scripts/lib/dictionary.ts';
import { documentLexicon } from './document-lexicon.ts';
import { loadBitext, loadSentenceBitext } from './fixtures/dev-set.ts';
import { MAX_CHINESE_UNITS, MAX_ENGLISH_UNITS } from './lexical.ts';
import { DEFAULT_LENGTH_MODEL } from './length-model.ts';
import { Prepared, Scorer } from './scorer.ts';

function prepared(zh: string[], en: string[]): Scorer {
  const doc = new Prepared(zh, en, undefined, new Set(), new Set(), documentLexicon(zh, nodeTranslationTable()));
  return new Scorer(doc, DEFAULT_LENGTH_MODEL);
}

/** A band of half-width `width` around the diagonal, in nodes. */
function band(n: number, m: number, width: number): { lo: Int32Array; hi: Int32Array } {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const centre = Math.round((i * m) / n);
    lo[i] = Math.max(0, centre - width);
    hi[i] = Math.min(m, centre + width);
  }
  for (let i = 1; i <= n; i++) lo[i] = Math.max(lo[i]!, lo[i - 1]!);
  hi[n] = m;
  return { lo, hi };
}

describe('dictionary costs tabulated over a band', () => {
  for (const [name, text] of [
    ['paragraphs', loadBitext('communique')],
    ['sentences', loadSentenceBitext('speech')],
  ] as const) {
    it(`equal the word-by-word costs of every link inside the band (${name})`, () => {
      const scorer = prepared(text.zh, text.en);
      const n = text.zh.length;
      const m = text.en.length;
      const rows = band(n, m, 4);
      scorer.prepareBand(0, 0, rows);
      let compared = 0;
      let nonZero = 0;
      for (let zi = 1; zi <= n; zi++) {
        for (let dz = 1; dz <= MAX_CHINESE_UNITS && dz <= zi; dz++) {
          const zs = zi - dz;
          for (let ej = rows.lo[zi]!; ej <= rows.hi[zi]!; ej++) {
            for (let de = 1; de <= MAX_ENGLISH_UNITS && de <= ej; de++) {
              const es = ej - de;
              if (es < rows.lo[zs]! || es > rows.hi[zs]!) continue;
              const byWord = scorer.lexicalCostByWord(zs, zi, es, ej);
              expect(scorer.lexicalCost(zs, zi, es, ej)).toBeCloseTo(byWord, 9);
              compared++;
              if (byWord !== 0) nonZero++;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(200);
      expect(nonZero).toBeGreaterThan(compared / 2);
    });
  }

  it('falls back to word by word outside the band, and after another band is tabulated', () => {
    const { zh, en } = loadBitext('communique');
    const scorer = prepared(zh, en);
    scorer.prepareBand(0, 0, band(zh.length, en.length, 2));
    const far = [0, 1, en.length - 2, en.length - 1] as const;
    expect(scorer.lexicalCost(...far)).toBeCloseTo(scorer.lexicalCostByWord(...far), 9);
    // A band over a later stretch only (as for the segment after a confirmed link): the first stretch is no longer tabulated.
    const half = zh.length >> 1;
    const halfEn = en.length >> 1;
    scorer.prepareBand(half, halfEn, band(zh.length - half, en.length - halfEn, 3));
    expect(scorer.lexicalCost(0, 1, 0, 1)).toBeCloseTo(scorer.lexicalCostByWord(0, 1, 0, 1), 9);
    expect(scorer.lexicalCost(half, half + 1, halfEn, halfEn + 1)).toBeCloseTo(scorer.lexicalCostByWord(half, half + 1, halfEn, halfEn + 1), 9);
  });
});
