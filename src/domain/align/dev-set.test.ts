import { describe, expect, it } from 'vitest';
import { align } from './align.ts';
import { laxScore, strictScore } from './evaluate.ts';
import type { Level } from './fixtures/dev-set.ts';
import { devCases } from './fixtures/dev-set.ts';
import type { Perturbation } from './fixtures/perturb.ts';

// Regression guard: the mean strict F1 measured on the development set (bench/align-quality.ts),
// less a small margin. Raise these when the aligner improves; a drop below them is a regression.
const FLOORS: Record<Level, Partial<Record<Perturbation | 'none', number>>> = {
  paragraph: { none: 0.98, merge: 0.975, split: 0.98, drop: 0.925, mixed: 0.945, reorder: 0.81 },
  sentence: { none: 0.95, merge: 0.95, drop: 0.93, reorder: 0.845 },
};

const cases = devCases(3);

describe('quality on the development set', () => {
  for (const level of ['paragraph', 'sentence'] as const) {
    for (const [perturbation, floor] of Object.entries(FLOORS[level])) {
      it(`${level}s, ${perturbation}: mean strict F1 ≥ ${floor}`, () => {
        const selected = cases.filter((c) => c.level === level && c.perturbation === perturbation);
        expect(selected.length).toBeGreaterThan(0);
        const scores = selected.map((c) => {
          const { links } = align(c.bitext.zh, c.bitext.en);
          const strict = strictScore(links, c.bitext.gold).f1;
          expect(laxScore(links, c.bitext.gold).f1).toBeGreaterThanOrEqual(strict);
          return strict;
        });
        expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeGreaterThanOrEqual(floor);
      });
    }
  }
});
