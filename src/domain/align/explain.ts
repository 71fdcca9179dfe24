// Reasons for a link, as data and as a short English phrase the alignment screen can show.

import type { Mention } from './landmarks.ts';
import { keyWeight } from './landmarks.ts';
import type { LengthModel } from './length-model.ts';
import { lengthDeviation } from './length-model.ts';
import type { LandmarkKind, BeadShape, LengthFit, Reason } from './types.ts';

export function beadShape(zh: number, en: number): BeadShape {
  const shape = `${zh}-${en}`;
  const known: readonly string[] = ['1-1', '1-0', '0-1', '2-1', '1-2', '2-2', '3-1', '1-3'];
  return known.includes(shape) ? (shape as BeadShape) : 'other';
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function count(n: number, noun: string): string {
  return `${COUNT_WORDS[n] ?? String(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function shapeReason(zh: number, en: number, unit = 'paragraph'): Reason | null {
  if (zh === 1 && en === 1) return null;
  if (en === 0) return { kind: 'unmatched', side: 'zh', text: `no English ${unit} matches this Chinese ${unit}` };
  if (zh === 0) return { kind: 'unmatched', side: 'en', text: `no Chinese ${unit} matches this English ${unit}` };
  return {
    kind: 'shape',
    shape: beadShape(zh, en),
    text: `${count(zh, `Chinese ${unit}`)} rendered as ${count(en, `English ${unit}`)}`,
  };
}

/**
 * The English lengths the model expects for a Chinese length: within one standard deviation a fit is
 * good, within two fair, beyond that poor. The verdict and the range shown come from this one place.
 */
export function expectedEnglish(zhLength: number, model: LengthModel): { expected: number; good: [number, number]; fair: [number, number] } {
  const expected = model.ratio * zhLength;
  const sd = Math.sqrt(model.variance * expected + 1);
  return { expected, good: [Math.max(0, expected - sd), expected + sd], fair: [Math.max(0, expected - 2 * sd), expected + 2 * sd] };
}

function within(value: number, [low, high]: readonly [number, number]): boolean {
  return value >= low && value <= high;
}

export function lengthReason(zhLength: number, enLength: number, model: LengthModel): Reason | null {
  if (zhLength === 0 || enLength === 0) return null;
  const ratio = enLength / zhLength;
  const deviation = lengthDeviation(zhLength, enLength, model);
  const range = expectedEnglish(zhLength, model);
  const fit: LengthFit = within(enLength, range.good) ? 'good' : within(enLength, range.fair) ? 'fair' : 'poor';
  const low = Math.round(range.good[0]);
  const high = Math.round(range.good[1]);
  return {
    kind: 'length',
    ratio: Number(ratio.toFixed(3)),
    expected: Number(model.ratio.toFixed(3)),
    deviation: Number(deviation.toFixed(2)),
    english: Math.round(enLength),
    low,
    high,
    fit,
    text: `length ${fit}: ${Math.round(enLength)} English characters, ${low}–${high} expected`,
  };
}

const KIND_WORDS: Record<LandmarkKind, string> = {
  number: 'number',
  date: 'date',
  percent: 'percentage',
  ordinal: 'ordinal',
  section: 'section number',
  title: 'title',
  glossary: 'term',
  verbatim: 'word',
  punctuation: 'punctuation',
  lexicon: 'word',
  dictionary: 'word',
};

function overlap(a: readonly string[], b: readonly string[]): number {
  // Most mentions carry one key: no copy needed to compare them.
  if (a.length === 1 && b.length === 1) return a[0] === b[0] ? keyWeight(a[0]!) : 0;
  if (!a.some((key) => b.includes(key))) return 0;
  const rest = [...b];
  let weight = 0;
  for (const key of a) {
    const at = rest.indexOf(key);
    if (at >= 0) {
      weight += keyWeight(key);
      rest.splice(at, 1);
    }
  }
  return weight;
}

/** Pair the landmarks of the two sides (greedily, by shared keys) and report matches and the unpaired. */
export function landmarkReasons(zh: readonly Mention[], en: readonly Mention[], limit = 8): Reason[] {
  // Most links of a long text have no landmark at all.
  if (zh.length === 0 && en.length === 0) return [];
  const pairs: Array<{ z: number; e: number; weight: number }> = [];
  for (let z = 0; z < zh.length; z++) {
    for (let e = 0; e < en.length; e++) {
      const weight = overlap(zh[z]!.keys, en[e]!.keys);
      if (weight > 0) pairs.push({ z, e, weight });
    }
  }
  pairs.sort((a, b) => b.weight - a.weight || a.z - b.z || a.e - b.e);
  // Mentions already paired, as flags by position (in scratch arrays: a link's own typed arrays would cost more than the rest).
  const usedZh = scratch(USED_ZH, zh.length);
  const usedEn = scratch(USED_EN, en.length);
  const matches: Array<{ z: number; e: number }> = [];
  for (const pair of pairs) {
    if (usedZh[pair.z] || usedEn[pair.e]) continue;
    usedZh[pair.z] = 1;
    usedEn[pair.e] = 1;
    matches.push(pair);
  }
  matches.sort((a, b) => a.z - b.z);
  const reasons: Reason[] = [];
  for (const { z, e } of matches.slice(0, limit)) {
    const zm = zh[z];
    const em = en[e];
    if (!zm || !em) continue;
    // A bare Chinese number may be an English date or percentage; otherwise the Chinese kind is more telling.
    const landmark = zm.inTitle !== undefined ? 'title' : zm.kind === 'number' ? em.kind : zm.kind;
    const zhText = zm.inTitle ?? zm.surface;
    reasons.push({
      kind: 'landmark-match',
      landmark,
      zh: zhText,
      en: em.surface,
      text: `${KIND_WORDS[landmark]} ${zhText} = ${em.surface}`,
    });
  }
  missingReasons(zh, usedZh, 'zh', reasons, limit * 2);
  missingReasons(en, usedEn, 'en', reasons, limit * 2);
  return reasons;
}

const USED_ZH = { flags: new Uint8Array(64) };
const USED_EN = { flags: new Uint8Array(64) };

/** The scratch flags, `size` of them cleared (grown when short). */
function scratch(buffer: { flags: Uint8Array }, size: number): Uint8Array {
  if (buffer.flags.length < size) buffer.flags = new Uint8Array(Math.max(size, buffer.flags.length * 2));
  buffer.flags.fill(0, 0, size);
  return buffer.flags;
}

/** One reason for each mention of a side left unpaired, while `reasons` holds fewer than `limit`. */
function missingReasons(mentions: readonly Mention[], used: Uint8Array, side: 'zh' | 'en', reasons: Reason[], limit: number): void {
  const other = side === 'zh' ? 'English' : 'Chinese';
  mentions.forEach((m, i) => {
    // Lexicon words go unmatched all the time (a translation rephrases): only their matches are news.
    if (used[i] || m.kind === 'lexicon' || m.kind === 'dictionary' || reasons.length >= limit) return;
    reasons.push({
      kind: 'landmark-missing',
      landmark: m.kind,
      side,
      value: m.surface,
      text: `${KIND_WORDS[m.kind]} ${m.surface} not found in the ${other}`,
    });
  });
}
