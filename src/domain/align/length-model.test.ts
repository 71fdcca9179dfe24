import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LENGTH_MODEL,
  enLength,
  fitLengthModel,
  lengthCost,
  lengthDeviation,
  TAIL_KNEE,
  tailCost,
  zhLength,
  zhLengthWithNumbers,
} from './length-model.ts';
import { Prepared, Scorer } from './scorer.ts';
import { EN_SPACING, englishWords } from '../dictionary/index.ts';
import { loadBitext } from './fixtures/dev-set.ts';

describe('lengths', () => {
  it('counts Han characters fully and Latin letters, digits and punctuation partly, white space not at all', () => {
    expect(zhLength('双方　合作')).toBe(4);
    expect(zhLength('2014年')).toBeCloseTo(4 * 0.25 + 1);
    expect(zhLength('（C线）')).toBeCloseTo(0.4 + 0.25 + 1 + 0.4);
    expect(zhLength('𠮷')).toBe(1);
  });

  it('counts numbers and dates in Chinese like the digits they become in English', () => {
    const text = '二〇一四年五月十九日于上海';
    const plain = zhLength(text);
    expect(zhLengthWithNumbers(text, [{ at: 0, length: 10 }])).toBeCloseTo(plain - 10 + 2.5);
  });

  it('counts English characters with each run of white space as one', () => {
    expect(enLength('  The   two\tsides  ')).toBe('The two sides'.length);
    expect(enLength('')).toBe(0);
    // Single spaces between words (the common case, counted without a scan) and every other kind of white space.
    expect(enLength('The two sides')).toBe(13);
    for (const text of ['The two sides ', ' The two sides', 'The\u00a0two sides', 'The two\nsides', 'The\u3000two  sides']) {
      expect(enLength(text)).toBe(13);
    }
    // The same from the spacing englishWords notes while tokenising.
    const texts = ['The two sides', 'The two sides.', ...['The two sides ', ' The two sides', 'The\u00a0two sides', 'The two\nsides', 'The\u3000two  sides', 'The two\tsides']];
    const english = englishWords(texts);
    texts.forEach((text, i) => expect(enLength(text, (english.contents[i]! & EN_SPACING) !== 0)).toBe(enLength(text)));
  });
});

describe('the Gale–Church cost', () => {
  it('is zero at the expected length and grows with the deviation, symmetrically', () => {
    expect(tailCost(0)).toBeCloseTo(0, 5);
    expect(tailCost(1)).toBeCloseTo(-Math.log(0.3173105), 4);
    expect(tailCost(2)).toBeCloseTo(-Math.log(0.0455003), 4);
    expect(tailCost(-2)).toBe(tailCost(2));
    expect(tailCost(12)).toBeGreaterThan(70);
    expect(Number.isFinite(tailCost(40))).toBe(true);
  });

  it('judges a link by its English length against ratio × Chinese length, more leniently for short links', () => {
    const model = { ratio: 4, variance: 5 };
    expect(lengthDeviation(100, 400, model)).toBe(0);
    expect(lengthDeviation(100, 480, model)).toBeGreaterThan(0);
    expect(lengthDeviation(100, 320, model)).toBeLessThan(0);
    // A 20% shortfall is less surprising on a 10-character paragraph than on a 100-character one.
    expect(lengthCost(10, 32, model)).toBeLessThan(lengthCost(100, 320, model));
  });
});

describe('the cost the search uses', () => {
  it('grows linearly beyond the knee (heavy tails), and the search reads it from a table within 0.01 nat', () => {
    const model = { ratio: 4, variance: 5 };
    const doc = new Prepared(['甲'], ['a'], undefined, new Set(), new Set());
    const scorer = new Scorer(doc, model);
    for (let en = 0; en <= 1200; en += 7) {
      expect(Math.abs(scorer.lengthCost(100, en) - lengthCost(100, en, model))).toBeLessThan(0.01);
    }
    const far = Math.abs(lengthDeviation(100, 40, model));
    expect(far).toBeGreaterThan(TAIL_KNEE + 1);
    expect(lengthCost(100, 40, model)).toBeCloseTo(tailCost(TAIL_KNEE) + TAIL_KNEE * (far - TAIL_KNEE), 6);
    expect(lengthCost(100, 40, model)).toBeLessThan(tailCost(far));
  });
});

describe('fitting the model', () => {
  it('recovers the ratio of the gold links of the development set, close to the prior', () => {
    const { zh, en, gold } = loadBitext('kazakhstan');
    const samples = gold
      .filter((l) => l.zh.length === 1 && l.en.length === 1)
      .map((l) => ({ zh: zhLength(zh[l.zh[0]!]!), en: enLength(en[l.en[0]!]!) }));
    const fitted = fitLengthModel(samples, DEFAULT_LENGTH_MODEL, 0);
    const direct = samples.reduce((s, x) => s + x.en, 0) / samples.reduce((s, x) => s + x.zh, 0);
    expect(fitted.ratio).toBeCloseTo(direct, 6);
    expect(fitted.ratio).toBeGreaterThan(DEFAULT_LENGTH_MODEL.ratio * 0.85);
    expect(fitted.ratio).toBeLessThan(DEFAULT_LENGTH_MODEL.ratio * 1.15);
  });

  it('moves little on a few samples and not at all on none', () => {
    const prior = { ratio: 4, variance: 5 };
    expect(fitLengthModel([], prior)).toEqual(prior);
    const fitted = fitLengthModel([{ zh: 10, en: 80 }], prior);
    expect(fitted.ratio).toBeGreaterThan(4);
    expect(fitted.ratio).toBeLessThan(4.6);
    expect(fitted.variance).toBeLessThanOrEqual(prior.variance * 3);
  });
});
