// The cost of a bead: −log prior of its shape, Gale–Church length cost, anchor bonus and penalties.
// Everything the cost needs is precomputed into typed arrays (prefix sums), so one bead costs O(1)
// unless both sides carry anchors.

import type { GlossaryIndex, Mention } from './anchors.ts';
import { buildVerbatimIndex, extractEnAnchors, extractZhAnchors, keyWeight } from './anchors.ts';
import { lexiconIndex } from './lexicon.ts';
import type { LengthModel } from './length-model.ts';
import { enLength, TAIL_KNEE, tailCost, zhLengthWithNumbers } from './length-model.ts';

/** Mentions whose Chinese characters turn into digits in English. */
const NUMERIC_KINDS: ReadonlySet<string> = new Set(['number', 'date', 'percent', 'ordinal', 'section']);

/** Bead shapes as (Chinese count, English count). */
export const BEAD_ZH = Int8Array.of(1, 1, 0, 2, 1, 2, 3, 1);
export const BEAD_EN = Int8Array.of(1, 0, 1, 1, 2, 2, 1, 3);
export const BEADS = 8;
export const ONE_ONE = 0;
export const ONE_ZERO = 1;
export const ZERO_ONE = 2;

/**
 * How often each shape occurs in official translations: Gale–Church's figures, with more 1-2 splits
 * (English splits long Chinese paragraphs) and fewer 2-2 links. Refitted on each document.
 */
export const BEAD_PRIOR: readonly number[] = Object.freeze([0.85, 0.012, 0.012, 0.04, 0.05, 0.003, 0.008, 0.012]);

/** Constants of the cost model, chosen on the development set (see bench/align-quality.ts). */
export const TUNING = Object.freeze({
  /** Cost per unit of anchor weight matched on both sides (a bonus) or found on one side only (a penalty). */
  anchorMatch: 2.5,
  anchorMiss: 1,
  /** Share of the penalty for the anchors of a paragraph left unmatched (its anchors go with it). */
  nullAnchorMiss: 0.5,
  /** Leaving a paragraph unmatched costs more as it gets longer: this many nats per √(100 English characters). */
  deletionLength: 1,
  /** Weight of a built-in lexicon word found in few paragraphs (0: no lexicon). */
  lexiconWeight: 0.25,
  /** Weight of the prior shape frequencies against the first pass's counts (0: do not refit). */
  priorStrength: 100,
});

/**
 * The anchor keys of both texts as typed arrays: per paragraph, its key ids (CSR layout), prefix sums
 * of their weights, and a 32-bit signature (disjoint signatures share no key).
 */
export interface AnchorView {
  keyWeights: Float64Array;
  zKeyStart: Int32Array;
  zKeys: Int32Array;
  eKeyStart: Int32Array;
  eKeys: Int32Array;
  zAnchorPrefix: Float64Array;
  eAnchorPrefix: Float64Array;
  /** The weight that counts against leaving a paragraph unmatched: section numbers aside. */
  zDroppedPrefix: Float64Array;
  eDroppedPrefix: Float64Array;
  zMask: Int32Array;
  eMask: Int32Array;
}

function keyIds(mentions: readonly Mention[][], ids: Map<string, number>, use: (m: Mention) => boolean): { start: Int32Array; keys: Int32Array } {
  const start = new Int32Array(mentions.length + 1);
  const keys: number[] = [];
  mentions.forEach((list, i) => {
    for (const m of list) {
      if (!use(m)) continue;
      for (const key of m.keys) {
        let id = ids.get(key);
        if (id === undefined) {
          id = ids.size;
          ids.set(key, id);
        }
        keys.push(id);
      }
    }
    start[i + 1] = keys.length;
  });
  return { start, keys: Int32Array.from(keys) };
}

function anchorView(
  zh: readonly Mention[][],
  en: readonly Mention[][],
  ids: Map<string, number>,
  weightOf: (key: string) => number,
  use: (m: Mention) => boolean,
): AnchorView {
  const z = keyIds(zh, ids, use);
  const e = keyIds(en, ids, use);
  const keyWeights = new Float64Array(ids.size);
  const section = new Uint8Array(ids.size);
  for (const [key, id] of ids) {
    keyWeights[id] = weightOf(key);
    section[id] = key.startsWith('s:') || key.startsWith('h:') ? 1 : 0;
  }
  const prefix = (start: Int32Array, keys: Int32Array, dropped: boolean): Float64Array => {
    const out = new Float64Array(start.length);
    for (let i = 0; i + 1 < start.length; i++) {
      let w = 0;
      for (let k = start[i]!; k < start[i + 1]!; k++) if (!dropped || !section[keys[k]!]) w += keyWeights[keys[k]!]!;
      out[i + 1] = out[i]! + w;
    }
    return out;
  };
  return {
    keyWeights,
    zKeyStart: z.start,
    zKeys: z.keys,
    eKeyStart: e.start,
    eKeys: e.keys,
    zAnchorPrefix: prefix(z.start, z.keys, false),
    eAnchorPrefix: prefix(e.start, e.keys, false),
    zDroppedPrefix: prefix(z.start, z.keys, true),
    eDroppedPrefix: prefix(e.start, e.keys, true),
    zMask: keyMasks(z.start, z.keys),
    eMask: keyMasks(e.start, e.keys),
  };
}

/** Features of the two texts, computed once per alignment. */
export class Prepared {
  readonly nz: number;
  readonly ne: number;
  readonly zPrefix: Float64Array;
  readonly ePrefix: Float64Array;
  /** All anchors, lexicon words included. */
  readonly anchors: AnchorView;
  /** Anchors without lexicon words: cheaper, for the first, wide pass. */
  readonly firmAnchors: AnchorView;
  readonly zForcedPrefix: Int32Array;
  readonly eForcedPrefix: Int32Array;
  readonly hasForced: boolean;
  readonly zMentions: Mention[][];
  readonly eMentions: Mention[][];

  constructor(
    zh: readonly string[],
    en: readonly string[],
    glossary: GlossaryIndex | undefined,
    forcedZh: ReadonlySet<number>,
    forcedEn: ReadonlySet<number>,
    useLexicon = true,
  ) {
    this.nz = zh.length;
    this.ne = en.length;
    // Anchors, then Latin words kept as written, then lexicon words (mention order is sorted out when explaining).
    const verbatim = buildVerbatimIndex(zh);
    const lexicon = useLexicon && TUNING.lexiconWeight > 0 ? lexiconIndex() : undefined;
    const mentionsOf = (text: string, side: 'zh' | 'en'): Mention[] => {
      const mentions = side === 'zh' ? extractZhAnchors(text, glossary) : extractEnAnchors(text, glossary);
      for (const index of [verbatim, lexicon]) {
        if (index) mentions.push(...(side === 'zh' ? index.matchZh(text) : index.matchEn(text)));
      }
      return mentions;
    };
    this.zMentions = zh.map((p) => mentionsOf(p, 'zh'));
    this.eMentions = en.map((p) => mentionsOf(p, 'en'));
    const lexiconWeights = lexiconKeyWeights(this.zMentions, this.eMentions);
    keepRarestWords(this.zMentions, lexiconWeights);
    keepRarestWords(this.eMentions, lexiconWeights);
    const weightOf = (key: string): number => lexiconWeights.get(key) ?? keyWeight(key);
    const ids = new Map<string, number>();
    this.firmAnchors = anchorView(this.zMentions, this.eMentions, ids, weightOf, (m) => m.kind !== 'lexicon');
    this.anchors = lexicon ? anchorView(this.zMentions, this.eMentions, ids, weightOf, () => true) : this.firmAnchors;
    // Numbers and dates count like digits in the Chinese length (二〇一四年 is "2014", not 20 characters).
    this.zPrefix = prefixSums(zh.map((text, i) => zhLengthWithNumbers(text, (this.zMentions[i] ?? []).filter((m) => NUMERIC_KINDS.has(m.kind)))));
    this.ePrefix = prefixSums(en.map(enLength));
    this.zForcedPrefix = flagPrefix(this.nz, forcedZh);
    this.eForcedPrefix = flagPrefix(this.ne, forcedEn);
    this.hasForced = forcedZh.size + forcedEn.size > 0;
  }

  zhLength(start: number, end: number): number {
    return this.zPrefix[end]! - this.zPrefix[start]!;
  }

  enLength(start: number, end: number): number {
    return this.ePrefix[end]! - this.ePrefix[start]!;
  }
}

/**
 * Lexicon words weigh by their rarity in the document (inverse document frequency, on the side where
 * they are more frequent): a word in every paragraph tells no paragraph from another.
 */
function lexiconKeyWeights(zh: readonly Mention[][], en: readonly Mention[][]): Map<string, number> {
  const zDf = new Map<string, number>();
  const eDf = new Map<string, number>();
  for (const [side, df] of [[zh, zDf], [en, eDf]] as const) {
    for (const mentions of side) {
      for (const m of mentions) {
        if (m.kind !== 'lexicon') continue;
        for (const key of m.keys) df.set(key, (df.get(key) ?? 0) + 1);
      }
    }
  }
  const n = Math.max(zh.length, en.length, 1);
  const weights = new Map<string, number>();
  for (const df of [zDf, eDf]) {
    for (const key of df.keys()) {
      if (weights.has(key)) continue;
      const most = Math.max(zDf.get(key) ?? 0, eDf.get(key) ?? 0);
      const rarity = Math.log((n + 1) / most) / Math.LN10;
      weights.set(key, TUNING.lexiconWeight * Math.min(1, Math.max(0, rarity)));
    }
  }
  return weights;
}

function keyMasks(start: Int32Array, keys: Int32Array): Int32Array {
  const masks = new Int32Array(start.length - 1);
  for (let i = 0; i < masks.length; i++) {
    for (let k = start[i]!; k < start[i + 1]!; k++) masks[i]! |= 1 << (keys[k]! & 31);
  }
  return masks;
}

const LEXICON_WORDS_KEPT = 3;

/** Keep the few most telling lexicon words of each paragraph: the rest add work and little evidence. */
function keepRarestWords(paragraphs: Mention[][], weights: ReadonlyMap<string, number>): void {
  const weightOf = (m: Mention): number => Math.max(...m.keys.map((key) => weights.get(key) ?? 0));
  for (let i = 0; i < paragraphs.length; i++) {
    const mentions = paragraphs[i]!;
    let words = 0;
    for (const m of mentions) if (m.kind === 'lexicon') words++;
    if (words <= LEXICON_WORDS_KEPT) continue;
    const threshold = mentions
      .filter((m) => m.kind === 'lexicon')
      .map(weightOf)
      .sort((a, b) => b - a)[LEXICON_WORDS_KEPT - 1]!;
    let kept = 0;
    paragraphs[i] = mentions.filter((m) => m.kind !== 'lexicon' || (weightOf(m) >= threshold && kept++ < LEXICON_WORDS_KEPT));
  }
}

function prefixSums(values: readonly number[]): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i]! + values[i]!;
  return prefix;
}

function flagPrefix(n: number, flags: ReadonlySet<number>): Int32Array {
  const prefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + (flags.has(i) ? 1 : 0);
  return prefix;
}

// tailCost sampled every 1/64 standard deviation up to 8: the search evaluates millions of beads.
const TAIL_STEP = 64;
const TAIL_MAX = 8;
const TAIL_TABLE = Float64Array.from({ length: TAIL_MAX * TAIL_STEP + 2 }, (_, k) => tailCost(k / TAIL_STEP));

function tableTail(x: number): number {
  if (x >= TAIL_MAX) return tailCost(x);
  const at = x * TAIL_STEP;
  const k = at | 0;
  const lo = TAIL_TABLE[k]!;
  return lo + (TAIL_TABLE[k + 1]! - lo) * (at - k);
}

/** Scores beads for one length model. */
export class Scorer {
  private readonly doc: Prepared;
  private readonly ratio: number;
  private readonly variance: number;
  /** −log prior of each shape. */
  readonly beadCost: Float64Array;
  private readonly counts: Int32Array;
  readonly anchorMatch: number;
  readonly anchorMiss: number;
  private readonly nullAnchorMiss: number;
  private readonly deletionLength: number;
  private readonly knee: number;
  private readonly kneeCost: number;

  /** The anchors this scorer reads (with or without lexicon words). */
  readonly view: AnchorView;

  constructor(doc: Prepared, model: LengthModel, priors: ArrayLike<number> = BEAD_PRIOR, lexicon = true) {
    this.doc = doc;
    this.view = lexicon ? doc.anchors : doc.firmAnchors;
    this.ratio = model.ratio;
    this.variance = model.variance;
    this.beadCost = Float64Array.from(priors, (p) => -Math.log(p));
    this.counts = new Int32Array(this.view.keyWeights.length);
    this.anchorMatch = TUNING.anchorMatch;
    this.anchorMiss = TUNING.anchorMiss;
    this.nullAnchorMiss = TUNING.nullAnchorMiss * TUNING.anchorMiss;
    this.deletionLength = TUNING.deletionLength;
    this.knee = TAIL_KNEE;
    this.kneeCost = tailCost(TAIL_KNEE);
  }

  /** Length cost of Chinese length lz rendered as English length le: length-model's lengthCost, from a table. */
  lengthCost(lz: number, le: number): number {
    const expected = this.ratio * lz;
    const mean = (expected + le) * 0.5;
    const deviation = Math.abs(le - expected) / Math.sqrt(this.variance * mean + 1);
    if (deviation <= this.knee) return tableTail(deviation);
    return this.kneeCost + this.knee * (deviation - this.knee);
  }

  /**
   * Cost of the bead of shape `b` ending at node (i, j): Chinese [i − dz, i), English [j − de, j).
   * When the cost is sure to reach `limit` the work stops early and Infinity is returned: the search
   * passes the margin it needs to beat, and most beads fail on their prior alone.
   */
  cost(b: number, i: number, j: number, limit: number): number {
    const doc = this.doc;
    const zs = i - BEAD_ZH[b]!;
    const es = j - BEAD_EN[b]!;
    if (doc.hasForced) {
      const forced = this.forcedCost(b, i, j, zs, es);
      if (forced >= 0) return forced;
    }
    const prior = this.beadCost[b]!;
    if (zs === i || es === j) return prior >= limit ? Infinity : this.nullCost(prior, i, j, zs, es);
    const view = this.view;
    const wz = view.zAnchorPrefix[i]! - view.zAnchorPrefix[zs]!;
    const we = view.eAnchorPrefix[j]! - view.eAnchorPrefix[es]!;
    // Anchors can lower the cost by at most anchorMatch × the smaller side's anchor weight.
    if (prior - this.anchorMatch * (wz < we ? wz : we) >= limit) return Infinity;
    const cost = prior + this.lengthCost(doc.zPrefix[i]! - doc.zPrefix[zs]!, doc.ePrefix[j]! - doc.ePrefix[es]!);
    if (wz === 0 && we === 0) return cost;
    let matched = 0;
    if (wz > 0 && we > 0) {
      let zMask = 0;
      let eMask = 0;
      for (let k = zs; k < i; k++) zMask |= view.zMask[k]!;
      for (let k = es; k < j; k++) eMask |= view.eMask[k]!;
      if ((zMask & eMask) !== 0) matched = this.matchedWeight(zs, i, es, j);
    }
    return cost + this.anchorMiss * (wz + we - 2 * matched) - this.anchorMatch * matched;
  }

  /** A paragraph the translator marked unmatched can only sit in a 1-0 or 0-1 link of its own; -1 if none is involved. */
  private forcedCost(b: number, i: number, j: number, zs: number, es: number): number {
    const doc = this.doc;
    const forcedZ = doc.zForcedPrefix[i]! - doc.zForcedPrefix[zs]!;
    const forcedE = doc.eForcedPrefix[j]! - doc.eForcedPrefix[es]!;
    if (forcedZ === 0 && forcedE === 0) return -1;
    return (b === ONE_ZERO && forcedZ > 0) || (b === ZERO_ONE && forcedE > 0) ? 0 : Infinity;
  }

  /** A 1-0 or 0-1 link: its prior, a cost growing with what is left out, and its anchors (section numbers aside). */
  private nullCost(prior: number, i: number, j: number, zs: number, es: number): number {
    const doc = this.doc;
    const lz = doc.zPrefix[i]! - doc.zPrefix[zs]!;
    const le = doc.ePrefix[j]! - doc.ePrefix[es]!;
    const view = this.view;
    const dropped = view.zDroppedPrefix[i]! - view.zDroppedPrefix[zs]! + view.eDroppedPrefix[j]! - view.eDroppedPrefix[es]!;
    return prior + this.deletionLength * Math.sqrt((this.ratio * lz + le) * 0.01) + this.nullAnchorMiss * dropped;
  }

  /** Weight of the anchor keys shared (as multisets) by Chinese [zs, ze) and English [es, ee). */
  matchedWeight(zs: number, ze: number, es: number, ee: number): number {
    const { counts } = this;
    const { zKeys, eKeys, keyWeights, zKeyStart, eKeyStart } = this.view;
    const z0 = zKeyStart[zs]!;
    const z1 = zKeyStart[ze]!;
    for (let k = z0; k < z1; k++) counts[zKeys[k]!]!++;
    let matched = 0;
    for (let k = eKeyStart[es]!; k < eKeyStart[ee]!; k++) {
      const id = eKeys[k]!;
      if (counts[id]! > 0) {
        counts[id]!--;
        matched += keyWeights[id]!;
      }
    }
    for (let k = z0; k < z1; k++) counts[zKeys[k]!] = 0;
    return matched;
  }
}
