import { describe, expect, it } from 'vitest';
import { align } from './align.ts';
import { laxScore, strictScore } from './evaluate.ts';
import type { DevCase, Level } from './fixtures/dev-set.ts';
import { devCases, HELD_OUT_DOCUMENTS } from './fixtures/dev-set.ts';
import type { Perturbation } from './fixtures/perturb.ts';

// Regression guard: the mean strict F1 measured on the development set (bench/align-quality.ts),
// less a small margin. Raise these when the aligner improves; a drop below them is a regression.
const FLOORS: Record<Level, Partial<Record<Perturbation | 'none', number>>> = {
  paragraph: { none: 0.99, merge: 0.99, split: 0.99, drop: 0.975, mixed: 0.985, reorder: 0.825 },
  sentence: { none: 0.985, merge: 0.975, drop: 0.975, reorder: 0.88 },
};

// The same for the documents kept out of tuning: a guard only, never a target to tune against.
const HELD_OUT_FLOORS: Record<Level, Partial<Record<Perturbation | 'none', number>>> = {
  paragraph: { none: 0.88, merge: 0.855, split: 0.88, drop: 0.81, mixed: 0.87, reorder: 0.78 },
  sentence: { none: 0.855, merge: 0.865, drop: 0.89, reorder: 0.745 },
};

function checkFloors(cases: DevCase[], floors: Record<Level, Partial<Record<Perturbation | 'none', number>>>): void {
  for (const level of ['paragraph', 'sentence'] as const) {
    for (const [perturbation, floor] of Object.entries(floors[level])) {
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
}

describe('quality on the development set', () => checkFloors(devCases(3), FLOORS));

describe('quality on the held-out document', () => checkFloors(devCases(3, ['paragraph', 'sentence'], HELD_OUT_DOCUMENTS), HELD_OUT_FLOORS));
