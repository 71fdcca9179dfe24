import { describe, expect, it } from 'vitest';
import { laxScore, strictScore } from './evaluate.ts';
import { DEV_DOCUMENTS, loadBitext } from './fixtures/dev-set.ts';
import { perturb, seededRandom } from './fixtures/perturb.ts';
import { coverageProblem } from './edit.ts';

describe('strict and lax scores', () => {
  const gold = [
    { zh: [0], en: [0] },
    { zh: [1], en: [1, 2] },
    { zh: [2], en: [] },
  ];

  it('give 1 for the gold itself', () => {
    expect(strictScore(gold, gold).f1).toBe(1);
    expect(laxScore(gold, gold).f1).toBe(1);
  });

  it('credit only exact links strictly, and any shared pair laxly', () => {
    const predicted = [
      { zh: [0], en: [0, 1] },
      { zh: [1], en: [2] },
      { zh: [2], en: [] },
    ];
    expect(strictScore(predicted, gold)).toEqual({ precision: 1 / 3, recall: 1 / 3, f1: 1 / 3 });
    expect(laxScore(predicted, gold).f1).toBe(1);
    const nulls = [{ zh: [0, 1, 2], en: [] }, { zh: [], en: [0, 1, 2] }];
    expect(laxScore(nulls, gold).f1).toBe(0);
  });
});

describe('perturbed translations', () => {
  it('keep gold links that cover every paragraph in order (reordering aside)', () => {
    for (const document of DEV_DOCUMENTS) {
      const bitext = loadBitext(document);
      expect(coverageProblem(bitext.gold, bitext.zh.length, bitext.en.length)).toBeNull();
      for (const kind of ['merge', 'split', 'drop', 'mixed'] as const) {
        const changed = perturb(bitext, kind, 4, 11);
        expect(changed.en).not.toEqual(bitext.en);
        expect(coverageProblem(changed.gold, changed.zh.length, changed.en.length)).toBeNull();
      }
      const reordered = perturb(bitext, 'reorder', 2, 11);
      const enIndices = reordered.gold.flatMap((l) => l.en).sort((a, b) => a - b);
      expect(enIndices).toEqual(reordered.en.map((_, j) => j));
    }
  });

  it('rewrite the gold as the English changes', () => {
    const bitext = loadBitext('speech');
    const merged = perturb(bitext, 'merge', 1, 3);
    expect(merged.en).toHaveLength(bitext.en.length - 1);
    const split = perturb(bitext, 'split', 1, 3);
    expect(split.en).toHaveLength(bitext.en.length + 1);
    const dropped = perturb(bitext, 'drop', 1, 3);
    expect(dropped.en).toHaveLength(bitext.en.length - 1);
  });

  it('are reproducible from their seed', () => {
    const bitext = loadBitext('communique');
    expect(perturb(bitext, 'mixed', 3, 5)).toEqual(perturb(bitext, 'mixed', 3, 5));
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
