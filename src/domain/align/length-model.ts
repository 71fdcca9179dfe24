// Gale–Church length model for Chinese→English: the English length of a link is normal around
// ratio × Chinese length, with a variance proportional to the link's length.

export interface LengthModel {
  /** Expected English characters per Chinese character. */
  ratio: number;
  /** Variance of the English length per English character of the link. */
  variance: number;
}

/**
 * Prior measured on official-style Chinese documents and their English translations, in the units
 * below. Every document refits both numbers on its own confident links.
 */
export const DEFAULT_LENGTH_MODEL: LengthModel = { ratio: 4.6, variance: 5 };

const DIGIT_WEIGHT = 0.25;
const PUNCTUATION_WEIGHT = 0.4;

/**
 * Chinese length in "Chinese character equivalents": a Han character counts 1; a Latin letter or
 * digit 0.25 and a punctuation mark 0.4, since those carry over to English at about one character
 * each rather than expanding fourfold like Han characters. White space does not count.
 */
export function zhLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff) continue;
    if (c >= 0xdc00 && c <= 0xdfff) continue; // low half of a surrogate pair: counted with its high half
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdbff) || c === 0x3007) n += 1;
    else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n += DIGIT_WEIGHT;
    else if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) n += DIGIT_WEIGHT;
    else n += PUNCTUATION_WEIGHT;
  }
  return n;
}

/** Characters (other than white space) in text[start, end). */
export function visibleChars(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0xdc00 && c <= 0xdfff)) continue;
    n++;
  }
  return n;
}

/**
 * Chinese length of a paragraph whose numbers and dates (the given spans) are counted like digits:
 * 二〇一四年五月十九日 becomes "19 May 2014", not forty English characters.
 */
export function zhLengthWithNumbers(text: string, spans: ReadonlyArray<{ at: number; length: number }>): number {
  let n = zhLength(text);
  for (const { at, length } of spans) {
    n += DIGIT_WEIGHT * visibleChars(text, at, at + length) - zhLength(text.slice(at, at + length));
  }
  return Math.max(n, 0);
}

// White space other than single spaces between words: only then does the length need counting
// (searching for a few characters is far cheaper than running a pattern over every paragraph).
const OTHER_SPACES = ['  ', '\n', '\t', '\r', '\u00a0', '\u3000', '\f', '\v'];

function otherSpacing(text: string): boolean {
  if (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) return true;
  return OTHER_SPACES.some((space) => text.includes(space));
}

/**
 * English length: characters, with each run of white space counted as one. `spaced`: whether the text
 * has white space other than single spaces between words, when already known (englishWords' EN_SPACING).
 */
export function enLength(text: string, spaced = otherSpacing(text)): number {
  // (Other control characters, which a text hardly ever holds, then count as characters.)
  if (!spaced) return text.length;
  let n = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x3000) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return space && n > 0 ? n - 1 : n;
}

/** Standardised deviation of an English length from the one the model expects for a Chinese length. */
export function lengthDeviation(zh: number, en: number, model: LengthModel): number {
  const expected = model.ratio * zh;
  return (en - expected) / Math.sqrt(model.variance * ((expected + en) / 2) + 1);
}

/**
 * −log P(|Z| ≥ x) for a standard normal Z, i.e. −log erfc(x/√2): the Gale–Church cost of a deviation.
 * Uses the Chebyshev fit of erfc from Numerical Recipes (relative error < 1.2e-7), taken in log space
 * so that large deviations stay finite.
 */
export function tailCost(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
      t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const cost = -Math.log(t) + z * z - poly;
  return cost > 0 ? cost : 0;
}

/**
 * Deviations beyond this many standard deviations cost linearly rather than quadratically: real
 * translations have heavier tails than a normal law (a paraphrase, an added clause).
 */
export const TAIL_KNEE = 2;

/** Gale–Church cost of rendering a Chinese length as an English length, with the heavy tail above. */
export function lengthCost(zh: number, en: number, model: LengthModel): number {
  const deviation = Math.abs(lengthDeviation(zh, en, model));
  if (deviation <= TAIL_KNEE) return tailCost(deviation);
  return tailCost(TAIL_KNEE) + TAIL_KNEE * (deviation - TAIL_KNEE);
}

export interface LengthSample {
  zh: number;
  en: number;
}

/**
 * Refit the model on links believed correct, shrunk towards a prior so that a short document
 * (or a handful of confirmed links) moves it only a little.
 */
export function fitLengthModel(samples: readonly LengthSample[], prior: LengthModel, priorWeight = 8): LengthModel {
  const usable = samples.filter((s) => s.zh > 0 && s.en > 0);
  if (usable.length === 0) return prior;
  let sumZh = 0;
  let sumEn = 0;
  for (const s of usable) {
    sumZh += s.zh;
    sumEn += s.en;
  }
  const n = usable.length;
  const ratio = (priorWeight * prior.ratio + n * (sumEn / sumZh)) / (priorWeight + n);
  // Variance per unit length, estimated robustly (median of squared residuals, rescaled to a mean).
  const perUnit = usable
    .map((s) => {
      const expected = ratio * s.zh;
      return (s.en - expected) ** 2 / ((expected + s.en) / 2 + 1);
    })
    .sort((a, b) => a - b);
  const median = perUnit[Math.floor(perUnit.length / 2)] ?? prior.variance;
  const observed = median / 0.455; // median of a χ²₁ variable is 0.455 × its mean
  const variance = (priorWeight * prior.variance + n * observed) / (priorWeight + n);
  return { ratio, variance: Math.min(Math.max(variance, prior.variance / 3), prior.variance * 3) };
}
