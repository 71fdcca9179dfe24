// zh→en alignment by dynamic programming over beads (Gale–Church), scored by a length model
// refitted on the document and by anchors (numbers, dates, section numerals, titles, glossary terms).
// The search runs in a band around the diagonal implied by cumulative lengths, in typed arrays.

import type { Mention } from './anchors.ts';
import { buildGlossaryIndex, extractEnAnchors, extractZhAnchors, keyWeight } from './anchors.ts';
import { anchorReasons, lengthReason, shapeReason } from './explain.ts';
import type { LengthModel, LengthSample } from './length-model.ts';
import { DEFAULT_LENGTH_MODEL, enLength, fitLengthModel, tailCost, zhLengthWithNumbers } from './length-model.ts';
import type { AlignOptions, AlignResult, Link, LinkSpec, Reason } from './types.ts';

// Beads as (Chinese count, English count); the prior is how often each shape occurs in official translations.
const BEAD_ZH = [1, 1, 0, 2, 1, 2, 3, 1] as const;
const BEAD_EN = [1, 0, 1, 1, 2, 2, 1, 3] as const;
const BEAD_PRIOR = [0.85, 0.012, 0.012, 0.04, 0.05, 0.006, 0.008, 0.012] as const;
const BEAD_COST = BEAD_PRIOR.map((p) => -Math.log(p));
const BEADS = BEAD_ZH.length;
const ONE_ONE = 0;
const ONE_ZERO = 1;
const ZERO_ONE = 2;

export const TUNING = {
  /** Cost per unit of anchor weight matched on both sides (a bonus) or found on one side only (a penalty). */
  anchorMatch: 2,
  anchorMiss: 1,
  /** Share of the penalty for anchors of a paragraph left unmatched (its anchors are gone with it). */
  nullAnchorMiss: 1,
  /** Cost of leaving a paragraph unmatched grows with the square root of its length (per 100 English characters). */
  deletionLength: 0,
  /** Deviations beyond this many standard deviations cost linearly, not quadratically (translations have heavy tails). */
  tailKnee: 99,
  /** Relative standard deviation added to the length model's, so long links are not judged too strictly. */
  relativeSd: 0,
};

/** Margins (in nats) are divided by this before the logistic that turns them into a confidence. */
const CONFIDENCE_SCALE = 1;

/** Below this many cells a segment is searched whole; above, in a band that widens when the path touches it. */
const FULL_SEARCH_CELLS = 250_000;
const INITIAL_BAND = 32;
/** Cell budget of one band (three typed arrays, 17 bytes a cell): caps memory on pathological inputs. */
const MAX_BAND_CELLS = 3_000_000;

/** Everything the search needs about the two texts, precomputed once. */
class Prepared {
  readonly nz: number;
  readonly ne: number;
  readonly zPrefix: Float64Array;
  readonly ePrefix: Float64Array;
  readonly zLength: Float64Array;
  readonly eLength: Float64Array;
  readonly zKeyStart: Int32Array;
  readonly zKeys: Int32Array;
  readonly eKeyStart: Int32Array;
  readonly eKeys: Int32Array;
  readonly zAnchorPrefix: Float64Array;
  readonly eAnchorPrefix: Float64Array;
  readonly keyWeights: Float64Array;
  readonly zForcedPrefix: Int32Array;
  readonly eForcedPrefix: Int32Array;
  readonly zMentions: Mention[][];
  readonly eMentions: Mention[][];
  private readonly counts: Int32Array;

  constructor(zh: readonly string[], en: readonly string[], options: AlignOptions, forcedZh: Set<number>, forcedEn: Set<number>) {
    this.nz = zh.length;
    this.ne = en.length;
    const glossary = options.glossary && options.glossary.length > 0 ? buildGlossaryIndex(options.glossary) : undefined;
    this.zMentions = zh.map((p) => extractZhAnchors(p, glossary));
    this.eMentions = en.map((p) => extractEnAnchors(p, glossary));
    const ids = new Map<string, number>();
    const intern = (key: string): number => {
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      return id;
    };
    const flatten = (mentions: Mention[][]): { start: Int32Array; keys: Int32Array } => {
      const start = new Int32Array(mentions.length + 1);
      const keys: number[] = [];
      mentions.forEach((list, i) => {
        for (const m of list) for (const k of m.keys) keys.push(intern(k));
        start[i + 1] = keys.length;
      });
      return { start, keys: Int32Array.from(keys) };
    };
    const z = flatten(this.zMentions);
    const e = flatten(this.eMentions);
    this.zKeyStart = z.start;
    this.zKeys = z.keys;
    this.eKeyStart = e.start;
    this.eKeys = e.keys;
    this.keyWeights = new Float64Array(ids.size);
    for (const [key, id] of ids) this.keyWeights[id] = keyWeight(key);
    this.counts = new Int32Array(ids.size);
    const anchorPrefix = (start: Int32Array, keys: Int32Array): Float64Array => {
      const prefix = new Float64Array(start.length);
      for (let i = 0; i + 1 < start.length; i++) {
        let w = 0;
        for (let k = start[i] ?? 0; k < (start[i + 1] ?? 0); k++) w += this.keyWeights[keys[k] ?? 0] ?? 0;
        prefix[i + 1] = (prefix[i] ?? 0) + w;
      }
      return prefix;
    };
    this.zAnchorPrefix = anchorPrefix(this.zKeyStart, this.zKeys);
    this.eAnchorPrefix = anchorPrefix(this.eKeyStart, this.eKeys);
    this.zLength = Float64Array.from(zh, (text, i) =>
      zhLengthWithNumbers(text, (this.zMentions[i] ?? []).filter((m) => m.kind !== 'glossary')),
    );
    this.eLength = Float64Array.from(en, enLength);
    this.zPrefix = prefixSums(this.zLength);
    this.ePrefix = prefixSums(this.eLength);
    this.zForcedPrefix = flagPrefix(this.nz, forcedZh);
    this.eForcedPrefix = flagPrefix(this.ne, forcedEn);
  }

  /** Weight of the keys shared (as multisets) by Chinese [zs, ze) and English [es, ee). */
  matchedWeight(zs: number, ze: number, es: number, ee: number): number {
    const { counts, zKeys, eKeys, keyWeights } = this;
    const z0 = this.zKeyStart[zs] ?? 0;
    const z1 = this.zKeyStart[ze] ?? 0;
    const e0 = this.eKeyStart[es] ?? 0;
    const e1 = this.eKeyStart[ee] ?? 0;
    for (let k = z0; k < z1; k++) counts[zKeys[k] ?? 0]++;
    let matched = 0;
    for (let k = e0; k < e1; k++) {
      const id = eKeys[k] ?? 0;
      if ((counts[id] ?? 0) > 0) {
        counts[id]--;
        matched += keyWeights[id] ?? 0;
      }
    }
    for (let k = z0; k < z1; k++) counts[zKeys[k] ?? 0] = 0;
    return matched;
  }
}

function prefixSums(values: Float64Array): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (values[i] ?? 0);
  return prefix;
}

function flagPrefix(n: number, flags: Set<number>): Int32Array {
  const prefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (flags.has(i) ? 1 : 0);
  return prefix;
}

/** Cost of the bead of shape `b` ending at node (i, j): Chinese [i − dz, i), English [j − de, j). */
function beadCost(doc: Prepared, model: LengthModel, b: number, i: number, j: number): number {
  const dz = BEAD_ZH[b] ?? 0;
  const de = BEAD_EN[b] ?? 0;
  const zs = i - dz;
  const es = j - de;
  const forcedZ = (doc.zForcedPrefix[i] ?? 0) - (doc.zForcedPrefix[zs] ?? 0);
  const forcedE = (doc.eForcedPrefix[j] ?? 0) - (doc.eForcedPrefix[es] ?? 0);
  if (forcedZ > 0 || forcedE > 0) {
    // A paragraph the translator marked unmatched can only sit in a 1-0 or 0-1 link of its own.
    return (b === ONE_ZERO && forcedZ > 0) || (b === ZERO_ONE && forcedE > 0) ? 0 : Infinity;
  }
  let cost = BEAD_COST[b] ?? 0;
  const lz = (doc.zPrefix[i] ?? 0) - (doc.zPrefix[zs] ?? 0);
  const le = (doc.ePrefix[j] ?? 0) - (doc.ePrefix[es] ?? 0);
  const wz = (doc.zAnchorPrefix[i] ?? 0) - (doc.zAnchorPrefix[zs] ?? 0);
  const we = (doc.eAnchorPrefix[j] ?? 0) - (doc.eAnchorPrefix[es] ?? 0);
  if (dz === 0 || de === 0) {
    cost += TUNING.deletionLength * Math.sqrt((model.ratio * lz + le) / 100);
    return cost + TUNING.nullAnchorMiss * TUNING.anchorMiss * (wz + we);
  }
  cost += lengthCost(lz, le, model);
  if (wz === 0 && we === 0) return cost;
  const matched = wz > 0 && we > 0 ? doc.matchedWeight(zs, i, es, j) : 0;
  return cost + TUNING.anchorMiss * (wz + we - 2 * matched) - TUNING.anchorMatch * matched;
}

function lengthCost(lz: number, le: number, model: LengthModel): number {
  const expected = model.ratio * lz;
  const mean = (expected + le) / 2;
  const sd = Math.sqrt(model.variance * mean + (TUNING.relativeSd * mean) ** 2 + 1);
  const deviation = Math.abs(le - expected) / sd;
  if (deviation <= TUNING.tailKnee) return tailCost(deviation);
  return tailCost(TUNING.tailKnee) + TUNING.tailKnee * (deviation - TUNING.tailKnee);
}

/** The cells searched: for each Chinese node i, English nodes lo[i]..hi[i], stored row after row. */
interface Band {
  lo: Int32Array;
  hi: Int32Array;
  offset: Int32Array;
  cells: number;
  full: boolean;
}

function makeBand(doc: Prepared, z0: number, z1: number, e0: number, e1: number, width: number): Band {
  const n = z1 - z0;
  const m = e1 - e0;
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const totalZ = (doc.zPrefix[z1] ?? 0) - (doc.zPrefix[z0] ?? 0);
  const totalE = (doc.ePrefix[e1] ?? 0) - (doc.ePrefix[e0] ?? 0);
  const byLength = totalZ > 0 && totalE > 0;
  let j = 0;
  for (let i = 0; i <= n; i++) {
    let centre: number;
    if (byLength) {
      // The English node whose share of the English text is closest to this node's share of the Chinese.
      const target = (((doc.zPrefix[z0 + i] ?? 0) - (doc.zPrefix[z0] ?? 0)) / totalZ) * totalE;
      while (j < m && (doc.ePrefix[e0 + j + 1] ?? 0) - (doc.ePrefix[e0] ?? 0) <= target) j++;
      centre = j;
      if (j < m) {
        const below = target - ((doc.ePrefix[e0 + j] ?? 0) - (doc.ePrefix[e0] ?? 0));
        const above = (doc.ePrefix[e0 + j + 1] ?? 0) - (doc.ePrefix[e0] ?? 0) - target;
        if (above < below) centre = j + 1;
      }
    } else {
      centre = n === 0 ? m : Math.round((i * m) / n);
    }
    if (i === n) centre = m;
    lo[i] = Math.max(0, centre - width);
    hi[i] = Math.min(m, centre + width);
  }
  lo[0] = 0;
  for (let i = 1; i <= n; i++) lo[i] = Math.max(lo[i] ?? 0, lo[i - 1] ?? 0);
  hi[n] = m;
  for (let i = n - 1; i >= 0; i--) {
    // Rows must overlap so that a monotone path (through 1-0 and 0-1 steps at worst) always exists.
    hi[i] = Math.min(Math.max(hi[i] ?? 0, lo[i + 1] ?? 0), hi[i + 1] ?? m);
  }
  const offset = new Int32Array(n + 2);
  let full = true;
  for (let i = 0; i <= n; i++) {
    offset[i + 1] = (offset[i] ?? 0) + (hi[i] ?? 0) - (lo[i] ?? 0) + 1;
    if (lo[i] !== 0 || hi[i] !== m) full = false;
  }
  return { lo, hi, offset, cells: offset[n + 1] ?? 0, full };
}

interface Search {
  band: Band;
  forward: Float64Array;
  back: Int8Array;
}

function cellIndex(band: Band, i: number, j: number): number {
  const lo = band.lo[i];
  if (lo === undefined || j < lo || j > (band.hi[i] ?? -1)) return -1;
  return (band.offset[i] ?? 0) + j - lo;
}

function searchForward(doc: Prepared, model: LengthModel, z0: number, e0: number, band: Band): Search {
  const n = band.lo.length - 1;
  const forward = new Float64Array(band.cells).fill(Infinity);
  const back = new Int8Array(band.cells).fill(-1);
  forward[0] = 0;
  for (let i = 0; i <= n; i++) {
    const lo = band.lo[i] ?? 0;
    const hi = band.hi[i] ?? 0;
    const rowOffset = (band.offset[i] ?? 0) - lo;
    for (let j = lo; j <= hi; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bestBead = -1;
      for (let b = 0; b < BEADS; b++) {
        const pi = i - (BEAD_ZH[b] ?? 0);
        const pj = j - (BEAD_EN[b] ?? 0);
        if (pi < 0 || pj < 0) continue;
        const p = cellIndex(band, pi, pj);
        if (p < 0) continue;
        const start = forward[p] ?? Infinity;
        if (start === Infinity) continue;
        const total = start + beadCost(doc, model, b, z0 + i, e0 + j);
        if (total < best) {
          best = total;
          bestBead = b;
        }
      }
      forward[rowOffset + j] = best;
      back[rowOffset + j] = bestBead;
    }
  }
  return { band, forward, back };
}

function searchBackward(doc: Prepared, model: LengthModel, z0: number, e0: number, band: Band): Float64Array {
  const n = band.lo.length - 1;
  const backward = new Float64Array(band.cells).fill(Infinity);
  backward[band.cells - 1] = 0;
  for (let i = n; i >= 0; i--) {
    const lo = band.lo[i] ?? 0;
    const hi = band.hi[i] ?? 0;
    const rowOffset = (band.offset[i] ?? 0) - lo;
    for (let j = hi; j >= lo; j--) {
      if (i === n && j === hi) continue;
      let best = Infinity;
      for (let b = 0; b < BEADS; b++) {
        const ni = i + (BEAD_ZH[b] ?? 0);
        const nj = j + (BEAD_EN[b] ?? 0);
        const q = cellIndex(band, ni, nj);
        if (q < 0) continue;
        const rest = backward[q] ?? Infinity;
        if (rest === Infinity) continue;
        const total = rest + beadCost(doc, model, b, z0 + ni, e0 + nj);
        if (total < best) best = total;
      }
      backward[rowOffset + j] = best;
    }
  }
  return backward;
}

interface Step {
  i: number;
  j: number;
  bead: number;
}

/** Beads of the best path, first to last, as (end node, bead). */
function tracePath(search: Search): Step[] {
  const { band, back } = search;
  const steps: Step[] = [];
  let i = band.lo.length - 1;
  let j = band.hi[i] ?? 0;
  while (i > 0 || j > 0) {
    const bead = back[cellIndex(band, i, j)] ?? -1;
    if (bead < 0) throw new Error('alignment search found no path');
    steps.push({ i, j, bead });
    i -= BEAD_ZH[bead] ?? 0;
    j -= BEAD_EN[bead] ?? 0;
  }
  return steps.reverse();
}

function touchesEdge(band: Band, steps: readonly Step[]): boolean {
  const m = band.hi[band.hi.length - 1] ?? 0;
  for (const { i, j } of steps) {
    if ((j === band.lo[i] && j > 0) || (j === band.hi[i] && j < m)) return true;
  }
  return false;
}

interface Bead {
  zs: number;
  ze: number;
  es: number;
  ee: number;
  bead: number;
  confidence: number;
}

/** Align Chinese [z0, z1) with English [e0, e1); returns beads in global indices. */
function alignSegment(
  doc: Prepared,
  model: LengthModel,
  z0: number,
  z1: number,
  e0: number,
  e1: number,
  withConfidence: boolean,
): Bead[] {
  const n = z1 - z0;
  const m = e1 - e0;
  if (n === 0 || m === 0) {
    const beads: Bead[] = [];
    for (let i = z0; i < z1; i++) beads.push({ zs: i, ze: i + 1, es: e0, ee: e0, bead: ONE_ZERO, confidence: 1 });
    for (let j = e0; j < e1; j++) beads.push({ zs: z1, ze: z1, es: j, ee: j + 1, bead: ZERO_ONE, confidence: 1 });
    return beads;
  }
  let width = (n + 1) * (m + 1) <= FULL_SEARCH_CELLS ? Math.max(n, m) : INITIAL_BAND;
  let band = makeBand(doc, z0, z1, e0, e1, width);
  let search = searchForward(doc, model, z0, e0, band);
  let steps = tracePath(search);
  while (!band.full && touchesEdge(band, steps)) {
    width *= 2;
    const wider = makeBand(doc, z0, z1, e0, e1, width);
    if (wider.cells > MAX_BAND_CELLS) break;
    band = wider;
    search = searchForward(doc, model, z0, e0, band);
    steps = tracePath(search);
  }
  const backward = withConfidence ? searchBackward(doc, model, z0, e0, band) : null;
  const total = search.forward[band.cells - 1] ?? 0;
  return steps.map(({ i, j, bead }) => {
    const pi = i - (BEAD_ZH[bead] ?? 0);
    const pj = j - (BEAD_EN[bead] ?? 0);
    let confidence = 0;
    if (backward) {
      // Best path that leaves this bead's start, or reaches its end, by another bead: how much worse is it?
      let alternative = Infinity;
      const startCost = search.forward[cellIndex(band, pi, pj)] ?? Infinity;
      const endRest = backward[cellIndex(band, i, j)] ?? Infinity;
      for (let b = 0; b < BEADS; b++) {
        if (b === bead) continue;
        const qi = pi + (BEAD_ZH[b] ?? 0);
        const qj = pj + (BEAD_EN[b] ?? 0);
        const q = cellIndex(band, qi, qj);
        if (q >= 0 && (backward[q] ?? Infinity) < Infinity) {
          alternative = Math.min(alternative, startCost + beadCost(doc, model, b, z0 + qi, e0 + qj) + (backward[q] ?? 0));
        }
        const si = i - (BEAD_ZH[b] ?? 0);
        const sj = j - (BEAD_EN[b] ?? 0);
        const s = si >= 0 && sj >= 0 ? cellIndex(band, si, sj) : -1;
        if (s >= 0 && (search.forward[s] ?? Infinity) < Infinity) {
          alternative = Math.min(alternative, (search.forward[s] ?? 0) + beadCost(doc, model, b, z0 + i, e0 + j) + endRest);
        }
      }
      const margin = alternative - total;
      confidence = margin === Infinity ? 1 : 1 / (1 + Math.exp(-margin / CONFIDENCE_SCALE));
    }
    return { zs: z0 + pi, ze: z0 + i, es: e0 + pj, ee: e0 + j, bead, confidence };
  });
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let k = start; k < end; k++) out.push(k);
  return out;
}

interface Plan {
  /** Confirmed links with both sides, in order: fixed points. */
  fixed: LinkSpec[];
  forcedZh: Set<number>;
  forcedEn: Set<number>;
  confirmedKeys: Set<string>;
}

function specKey(zh: readonly number[], en: readonly number[]): string {
  return zh.join(',') + '|' + en.join(',');
}

/** Check confirmed links (contiguous, in range, disjoint, in order) and sort them into fixed points and forced 1-0/0-1. */
function planConfirmed(confirmed: readonly LinkSpec[], nz: number, ne: number): Plan {
  const fixed: LinkSpec[] = [];
  const forcedZh = new Set<number>();
  const forcedEn = new Set<number>();
  const confirmedKeys = new Set<string>();
  const usedZh = new Set<number>();
  const usedEn = new Set<number>();
  const check = (indices: readonly number[], size: number, used: Set<number>, side: string): void => {
    indices.forEach((k, at) => {
      if (!Number.isInteger(k) || k < 0 || k >= size) throw new RangeError(`confirmed link has ${side} index ${k} out of range`);
      if (at > 0 && k !== (indices[at - 1] ?? -2) + 1) throw new RangeError(`confirmed link has non-contiguous ${side} indices`);
      if (used.has(k)) throw new RangeError(`${side} index ${k} is in two confirmed links`);
      used.add(k);
    });
  };
  for (const link of confirmed) {
    check(link.zh, nz, usedZh, 'Chinese');
    check(link.en, ne, usedEn, 'English');
    if (link.zh.length === 0 && link.en.length === 0) throw new RangeError('confirmed link is empty');
    confirmedKeys.add(specKey(link.zh, link.en));
    if (link.en.length === 0) link.zh.forEach((k) => forcedZh.add(k));
    else if (link.zh.length === 0) link.en.forEach((k) => forcedEn.add(k));
    else fixed.push({ zh: [...link.zh], en: [...link.en] });
  }
  fixed.sort((a, b) => (a.zh[0] ?? 0) - (b.zh[0] ?? 0));
  for (let k = 1; k < fixed.length; k++) {
    if ((fixed[k]?.en[0] ?? 0) < (fixed[k - 1]?.en[0] ?? 0)) throw new RangeError('confirmed links cross each other');
  }
  return { fixed, forcedZh, forcedEn, confirmedKeys };
}

function alignAll(doc: Prepared, plan: Plan, model: LengthModel, withConfidence: boolean): Bead[] {
  const beads: Bead[] = [];
  let z = 0;
  let e = 0;
  for (const link of plan.fixed) {
    const zs = link.zh[0] ?? 0;
    const es = link.en[0] ?? 0;
    beads.push(...alignSegment(doc, model, z, zs, e, es, withConfidence));
    z = zs + link.zh.length;
    e = es + link.en.length;
    beads.push({ zs, ze: z, es, ee: e, bead: -1, confidence: 1 });
  }
  beads.push(...alignSegment(doc, model, z, doc.nz, e, doc.ne, withConfidence));
  return beads;
}

function isReliable(beads: readonly Bead[], k: number): boolean {
  // A 1-1 bead between two other 1-1 beads is rarely wrong: use it to refit the length model.
  return (
    beads[k]?.bead === ONE_ONE &&
    (k === 0 || beads[k - 1]?.bead === ONE_ONE) &&
    (k === beads.length - 1 || beads[k + 1]?.bead === ONE_ONE)
  );
}

function lengthSamples(doc: Prepared, beads: readonly Bead[], model: LengthModel): LengthSample[] {
  const samples: LengthSample[] = [];
  beads.forEach((b, k) => {
    const zh = (doc.zPrefix[b.ze] ?? 0) - (doc.zPrefix[b.zs] ?? 0);
    const en = (doc.ePrefix[b.ee] ?? 0) - (doc.ePrefix[b.es] ?? 0);
    if (b.bead === -1) {
      samples.push({ zh, en }, { zh, en }); // a confirmed link counts double
    } else if (isReliable(beads, k)) {
      const expected = model.ratio * zh;
      const deviation = (en - expected) / Math.sqrt(model.variance * ((expected + en) / 2) + 1);
      if (Math.abs(deviation) < 2.5) samples.push({ zh, en });
    }
  });
  return samples;
}

/** Starting model: the caller's ratio, or the whole texts' ratio kept within reach of the prior. */
function initialModel(doc: Prepared, ratio: number | undefined): LengthModel {
  if (ratio !== undefined && ratio > 0) return { ...DEFAULT_LENGTH_MODEL, ratio };
  const totalZ = doc.zPrefix[doc.nz] ?? 0;
  const totalE = doc.ePrefix[doc.ne] ?? 0;
  if (totalZ === 0 || totalE === 0) return DEFAULT_LENGTH_MODEL;
  const prior = DEFAULT_LENGTH_MODEL.ratio;
  const global = Math.min(Math.max(totalE / totalZ, prior / 1.6), prior * 1.6);
  return { ...DEFAULT_LENGTH_MODEL, ratio: Math.sqrt(global * prior) };
}

function explainBead(doc: Prepared, bead: Bead, model: LengthModel, confirmed: boolean): Reason[] {
  const reasons: Reason[] = [];
  if (confirmed) reasons.push({ kind: 'confirmed', text: 'confirmed by the translator' });
  const shape = shapeReason(bead.ze - bead.zs, bead.ee - bead.es);
  if (shape) reasons.push(shape);
  const zh = (doc.zPrefix[bead.ze] ?? 0) - (doc.zPrefix[bead.zs] ?? 0);
  const en = (doc.ePrefix[bead.ee] ?? 0) - (doc.ePrefix[bead.es] ?? 0);
  const length = lengthReason(zh, en, model);
  if (length) reasons.push(length);
  const zhMentions = doc.zMentions.slice(bead.zs, bead.ze).flat();
  const enMentions = doc.eMentions.slice(bead.es, bead.ee).flat();
  reasons.push(...anchorReasons(zhMentions, enMentions));
  return reasons;
}

/**
 * Align Chinese paragraphs (or sentences) with English ones. Confirmed links are kept and the rest
 * is aligned around them; every index of both sides appears in exactly one link, in order.
 */
export function align(zh: readonly string[], en: readonly string[], options: AlignOptions = {}): AlignResult {
  const plan = planConfirmed(options.confirmed ?? [], zh.length, en.length);
  const doc = new Prepared(zh, en, options, plan.forcedZh, plan.forcedEn);
  let model = initialModel(doc, options.ratio);
  const first = alignAll(doc, plan, model, false);
  model = fitLengthModel(lengthSamples(doc, first, model), model);
  const beads = alignAll(doc, plan, model, true);
  const links: Link[] = beads.map((bead) => {
    const zhIdx = range(bead.zs, bead.ze);
    const enIdx = range(bead.es, bead.ee);
    const confirmed = bead.bead === -1 || plan.confirmedKeys.has(specKey(zhIdx, enIdx));
    return {
      zh: zhIdx,
      en: enIdx,
      confidence: confirmed ? 1 : Number(bead.confidence.toFixed(4)),
      reasons: explainBead(doc, bead, model, confirmed),
    };
  });
  return { links, ratio: Number(model.ratio.toFixed(4)) };
}
