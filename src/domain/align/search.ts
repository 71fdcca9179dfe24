// Banded dynamic programming over beads. The first pass's band follows the cheapest cell of each row
// as the sweep goes (or, when its path strays from that, the diagonal implied by cumulative lengths);
// the final pass's band follows the first pass's path. A band widens whenever the best path touches
// its edge. Cells live in typed arrays, row after row: no per-cell objects. The sweeps work shape by
// shape along a row, with what depends on the Chinese side computed once per row and shape.

import { confidenceOfMargin } from './calibration.ts';
import type { Prepared, Scorer } from './scorer.ts';
import * as scoring from './scorer.ts';

// Module-local copies: when the module is compiled to CommonJS (tsx, the CLI) every read of an
// imported binding goes through a getter, and the sweeps read these millions of times.
const BEAD_ZH = scoring.BEAD_ZH;
const BEAD_EN = scoring.BEAD_EN;
const BEADS = scoring.BEADS;
const ONE_ZERO = scoring.ONE_ZERO;
const ZERO_ONE = scoring.ZERO_ONE;
const ONE_ONE = scoring.ONE_ONE;
const TWO_TWO = scoring.TWO_TWO;
const TAIL_TABLE = scoring.TAIL_TABLE;
const TAIL_STEP = scoring.TAIL_STEP;

/** Below this many cells a segment is searched whole. */
const FULL_SEARCH_CELLS = 250_000;

/** Whether a segment is small enough to be searched whole (else in bands around a path). */
export function searchedWhole(seg: Segment): boolean {
  return (seg.z1 - seg.z0 + 1) * (seg.e1 - seg.e0 + 1) <= FULL_SEARCH_CELLS;
}
/**
 * Half-width of the first band at node i of n, around the length diagonal. Both ends are pinned and
 * the path drifts from the diagonal in between like a random walk (a Brownian bridge): the width
 * grows with the square root of the distance to the nearer end.
 */
function diagonalWidth(i: number, n: number): number {
  return Math.max(MIN_BAND, Math.ceil(0.6 * Math.sqrt(Math.min(i, n - i))));
}
const MIN_BAND = 16;
/**
 * Half-width of a first band that follows the search (followRow). The path of a translation that keeps
 * to the paragraphs runs within a few nodes of where the cheapest cell of each row points (at most 4 on
 * the synthetic 10,000-paragraph text and the official long text of the quality bench); a literary
 * text's search wanders further, its path strays from the centre and it is searched around the
 * length diagonal instead.
 */
const FOLLOW_BAND = 12;
/** A followed path is trusted only if it keeps this close to the band's centre (else the length diagonal is searched). */
const FOLLOW_MARGIN = FOLLOW_BAND >> 1;
/**
 * Half-width of the second band, around the first pass's path: wide enough that the alternatives of
 * a bead (another shape from its start or to its end, up to four English units) lie inside it while
 * the path keeps near the first one; where it strays, the band widens (bestPath). At 6 the long texts
 * of the quality bench and the synthetic 10,000-paragraph text align exactly as at 4.
 */
const PATH_BAND = 4;
/** The first pass tries the five common shapes only (1-1, 1-0, 0-1, 2-1, 1-2); the final pass all eight. */
export const COMMON_BEADS = 5;
/** A band never grows beyond this many cells (17 bytes each): caps memory on pathological inputs. */
const MAX_BAND_CELLS = 3_000_000;

/**
 * The cells of the sweeps, reused from one sweep (and one alignment) to the next: a long text's band
 * holds hundreds of thousands of cells, and allocating them afresh each time costs the garbage
 * collector more than the sweep itself. One forward and one backward sweep are in use at a time.
 * Bands larger than POOLED_CELLS get arrays of their own, so that little memory stays held.
 */
const POOLED_CELLS = 1 << 20;

class CellPool {
  private cost = new Float64Array(0);
  private back = new Int8Array(0);
  private rest = new Float64Array(0);
  private lexical = new Float64Array(0);

  /** Forward costs, all Infinity. */
  costs(cells: number): Float64Array {
    if (cells > POOLED_CELLS) return new Float64Array(cells).fill(Infinity);
    if (this.cost.length < cells) this.cost = new Float64Array(Math.min(POOLED_CELLS, Math.max(cells, this.cost.length * 2)));
    return this.cost.subarray(0, cells).fill(Infinity);
  }

  /** Back pointers, all −1. */
  backs(cells: number): Int8Array {
    if (cells > POOLED_CELLS) return new Int8Array(cells).fill(-1);
    if (this.back.length < cells) this.back = new Int8Array(Math.min(POOLED_CELLS, Math.max(cells, this.back.length * 2)));
    return this.back.subarray(0, cells).fill(-1);
  }

  /**
   * Dictionary costs of a band's beads, by end cell and shape, all NaN (not computed); null when the
   * band is too large to keep them.
   */
  lexicalCosts(cells: number): Float64Array | null {
    const size = cells * BEADS;
    if (size > LEXICAL_CACHE_SIZE) return null;
    if (this.lexical.length < size) this.lexical = new Float64Array(Math.min(LEXICAL_CACHE_SIZE, Math.max(size, this.lexical.length * 2)));
    return this.lexical.subarray(0, size).fill(NaN);
  }

  /** Backward costs, all Infinity. */
  rests(cells: number): Float64Array {
    if (cells > POOLED_CELLS) return new Float64Array(cells).fill(Infinity);
    if (this.rest.length < cells) this.rest = new Float64Array(Math.min(POOLED_CELLS, Math.max(cells, this.rest.length * 2)));
    return this.rest.subarray(0, cells).fill(Infinity);
  }
}

/**
 * The final pass's sweeps price the same beads forward and backward; the forward sweep keeps each
 * bead's dictionary cost for the backward one, for bands up to this many bead costs (16 MB).
 */
const LEXICAL_CACHE_SIZE = 1 << 21;

const POOL = new CellPool();
const NOT_KEPT = Float64Array.of(NaN);

export interface Segment {
  z0: number;
  z1: number;
  e0: number;
  e1: number;
}

/** One bead of a path, as its end node (local to the segment) and shape. */
export interface Step {
  i: number;
  j: number;
  bead: number;
}

export interface Bead {
  zs: number;
  ze: number;
  es: number;
  ee: number;
  /** Shape index, or -1 for a link the translator confirmed. */
  bead: number;
  confidence: number;
}

/** For each Chinese node i, English nodes lo[i]..hi[i], stored from offset[i]. */
interface Band {
  lo: Int32Array;
  hi: Int32Array;
  offset: Int32Array;
  cells: number;
  full: boolean;
  /** Of a band laid out during its sweep (followRow): the English node each row is centred on. */
  centre?: Int32Array;
}

/** Make lo/hi monotone and overlapping (so a path through 1-0 and 0-1 steps always exists) and index the cells. */
function finishBand(lo: Int32Array, hi: Int32Array, m: number): Band {
  const n = lo.length - 1;
  lo[0] = 0;
  for (let i = 1; i <= n; i++) lo[i] = Math.max(lo[i]!, lo[i - 1]!);
  hi[n] = m;
  for (let i = n - 1; i >= 0; i--) hi[i] = Math.min(Math.max(hi[i]!, lo[i + 1]!), hi[i + 1]!);
  const offset = new Int32Array(n + 2);
  let full = true;
  for (let i = 0; i <= n; i++) {
    offset[i + 1] = offset[i]! + hi[i]! - lo[i]! + 1;
    if (lo[i] !== 0 || hi[i] !== m) full = false;
  }
  return { lo, hi, offset, cells: offset[n + 1]!, full };
}

/** Band around the English node whose share of the English text matches each Chinese node's share of the Chinese. */
function diagonalBand(doc: Prepared, seg: Segment): Band {
  const n = seg.z1 - seg.z0;
  const m = seg.e1 - seg.e0;
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const totalZ = doc.zhLength(seg.z0, seg.z1);
  const totalE = doc.enLength(seg.e0, seg.e1);
  let j = 0;
  for (let i = 0; i <= n; i++) {
    let centre: number;
    if (totalZ > 0 && totalE > 0) {
      const target = (doc.zhLength(seg.z0, seg.z0 + i) / totalZ) * totalE;
      while (j < m && doc.enLength(seg.e0, seg.e0 + j + 1) <= target) j++;
      centre = j < m && doc.enLength(seg.e0, seg.e0 + j + 1) - target < target - doc.enLength(seg.e0, seg.e0 + j) ? j + 1 : j;
    } else {
      centre = Math.round((i * m) / n);
    }
    const width = diagonalWidth(i, n);
    lo[i] = Math.max(0, centre - width);
    hi[i] = Math.min(m, centre + width);
  }
  return finishBand(lo, hi, m);
}

function fullBand(n: number, m: number): Band {
  return finishBand(new Int32Array(n + 1), new Int32Array(n + 1).fill(m), m);
}

/** Band of the given half-width around a path. */
function pathBand(steps: readonly Step[], n: number, m: number, width: number): Band {
  const minJ = new Int32Array(n + 1).fill(-1);
  const maxJ = new Int32Array(n + 1).fill(-1);
  minJ[0] = 0;
  maxJ[0] = 0;
  for (const { i, j } of steps) {
    if (minJ[i] === -1 || j < minJ[i]!) minJ[i] = j;
    if (j > maxJ[i]!) maxJ[i] = j;
  }
  // Rows a bead jumps over lie between the nodes before and after them.
  const visited = new Uint8Array(n + 1);
  for (let i = 0; i <= n; i++) visited[i] = minJ[i]! >= 0 ? 1 : 0;
  let before = 0;
  for (let i = 0; i <= n; i++) {
    if (visited[i]) before = maxJ[i]!;
    else minJ[i] = before;
  }
  let after = m;
  for (let i = n; i >= 0; i--) {
    if (visited[i]) after = minJ[i]!;
    else maxJ[i] = after;
  }
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    lo[i] = Math.max(0, minJ[i]! - width);
    hi[i] = Math.min(m, maxJ[i]! + width);
  }
  return finishBand(lo, hi, m);
}

function cellIndex(band: Band, i: number, j: number): number {
  if (i < 0 || i >= band.lo.length) return -1;
  const lo = band.lo[i]!;
  if (j < lo || j > band.hi[i]!) return -1;
  return band.offset[i]! + j - lo;
}

interface Forward {
  band: Band;
  cost: Float64Array;
  back: Int8Array;
  /** Dictionary costs of the beads priced, at (end cell · BEADS + shape); NaN where not computed. */
  lexicalCosts: Float64Array | null;
}

/**
 * A band whose rows are laid out as the forward sweep reaches them (followRow): row 0 only, the rest
 * to come. `capacity` bounds the cells it can reach (rows are at most 2·width + 1 wide, the last one
 * reaches the end).
 */
function openBand(n: number, m: number, width: number): { band: Band; capacity: number } {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const offset = new Int32Array(n + 2);
  hi[0] = Math.min(m, width);
  offset[1] = hi[0] + 1;
  return { band: { lo, hi, offset, cells: 0, full: false, centre: new Int32Array(n + 1) }, capacity: (n + 1) * (2 * width + 1) + m + 1 };
}

/** Whether every node of the path lies within `margin` of the centre of its row (a band laid out by followRow). */
function keptNear(band: Band, steps: readonly Step[], margin: number): boolean {
  const centre = band.centre!;
  for (const { i, j } of steps) if (Math.abs(j - centre[i]!) > margin) return false;
  return true;
}

/**
 * Lay out row i of a band that follows the cheapest cell of the row before: that cell, moved on by the
 * English's average pace, ± width. Rows only move right and overlap the row before (a path of 1-0 and
 * 0-1 links always exists); the last row reaches the end.
 */
function followRow(band: Band, cost: Float64Array, i: number, n: number, m: number, width: number, pace: number): void {
  const { lo, hi, offset } = band;
  const pLo = lo[i - 1]!;
  const pStart = offset[i - 1]! - pLo;
  let cheapest = pLo;
  for (let j = pLo + 1; j <= hi[i - 1]!; j++) if (cost[pStart + j]! < cost[pStart + cheapest]!) cheapest = j;
  const centre = Math.round(cheapest + pace);
  band.centre![i] = centre;
  lo[i] = Math.min(Math.max(pLo, centre - width), hi[i - 1]!);
  hi[i] = i === n ? m : Math.min(m, Math.max(hi[i - 1]!, centre + width));
  offset[i + 1] = offset[i]! + hi[i]! - lo[i]! + 1;
}

/**
 * Forward costs: cost[cell] is the cheapest path from (0, 0) to the cell, back[cell] its last bead.
 * With `follow` > 0 the band's rows are laid out during the sweep (openBand, followRow) that wide:
 * only for a scorer without the dictionary, whose tables (prepareBand) need the rows beforehand.
 */
function sweepForward(scorer: Scorer, doc: Prepared, seg: Segment, band: Band, beads: number, follow = 0, capacity = band.cells): Forward {
  scorer.prepareBand(seg.z0, seg.e0, band);
  if (doc.hasForced) return sweepForwardForced(scorer, seg, band, beads);
  const n = band.lo.length - 1;
  const m = seg.e1 - seg.e0;
  const pace = m / Math.max(1, n);
  const { lo, hi, offset } = band;
  const cost = POOL.costs(capacity);
  const back = POOL.backs(capacity);
  const { beadCost, landmarkMatch: match, landmarkMiss: miss, ratio, variance, knee, kneeCost, zNull, eNull } = scorer;
  const { zJoinPrefix: zJ, eJoinPrefix: eJ, kindMismatch, sentenceMismatch, zLexBestPrefix: zLB, eLexBestPrefix: eLB } = scorer;
  const lexical = scorer.lexFound !== null;
  const lexicalCosts = lexical ? POOL.lexicalCosts(capacity) : null;
  const out = scorer.out;
  const { zLandmarkPrefix: zA, eLandmarkPrefix: eA } = scorer.view;
  const { zPrefix: zP, ePrefix: eP, zNonProsePrefix: zH, eNonProsePrefix: eH, zSentencePrefix: zS, eSentencePrefix: eS } = doc;
  const z0 = seg.z0;
  const e0 = seg.e0;
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    if (follow > 0 && i > 0) followRow(band, cost, i, n, m, follow, pace);
    const rowLo = lo[i]!;
    const rowHi = hi[i]!;
    const rowStart = offset[i]! - rowLo;
    const zi = z0 + i;
    for (let b = 0; b < beads; b++) {
      const dz = BEAD_ZH[b]!;
      const de = BEAD_EN[b]!;
      const pi = i - dz;
      if (dz === 0 || pi < 0) continue;
      const pLo = lo[pi]!;
      const pStart = offset[pi]! - pLo;
      const jFrom = Math.max(rowLo, pLo + de);
      const jTo = Math.min(rowHi, hi[pi]! + de);
      if (de === 0) {
        const drop = zNull[zi - 1]!;
        for (let j = jFrom; j <= jTo; j++) {
          const total = cost[pStart + j]! + drop;
          if (total < cost[rowStart + j]!) {
            cost[rowStart + j] = total;
            back[rowStart + j] = b;
          }
        }
        continue;
      }
      // What depends on the Chinese side only, once per row and shape.
      const prior = beadCost[b]!;
      const zs = zi - dz;
      const expected = ratio * (zP[zi]! - zP[zs]!);
      const wz = zA[zi]! - zA[zs]!;
      const zJoin = dz > 1 ? zJ[zi - 1]! - zJ[zs]! : 0;
      const zAll = zH[zi]! - zH[zs]! === dz;
      const sz = zS[zi]! - zS[zs]!;
      const lexBest = lexical ? zLB[zi]! - zLB[zs]! : 0;
      for (let j = jFrom; j <= jTo; j++) {
        const start = cost[pStart + j - de]!;
        const best = cost[rowStart + j]!;
        const ej = e0 + j;
        const es = ej - de;
        const we = eA[ej]! - eA[es]!;
        // Its best case cannot win: its prior, the landmarks one side has more than the other, less the largest bonus.
        const landmarkBound = wz < we ? miss * (we - wz) - match * wz : miss * (wz - we) - match * we;
        if (start + prior + lexBest + (lexical ? eLB[ej]! - eLB[es]! : 0) + landmarkBound >= best) continue;
        // The dictionary cost is a few reads from the band's tables: with it the bound is tight enough to spare most length costs.
        let lex = 0;
        if (lexical) {
          scorer.lexicalInto(zs, zi, es, ej);
          lex = out[0]!;
          if (lexicalCosts !== null) lexicalCosts[(rowStart + j) * BEADS + b] = lex;
          if (start + prior + lex + landmarkBound >= best) continue;
        }
        const le = eP[ej]! - eP[es]!;
        const deviation = Math.abs(le - expected) / Math.sqrt(variance * (expected + le) * 0.5 + 1);
        let length: number;
        if (deviation <= knee) {
          const at = deviation * TAIL_STEP;
          const k = at | 0;
          const t = TAIL_TABLE[k]!;
          length = t + (TAIL_TABLE[k + 1]! - t) * (at - k);
        } else length = kneeCost + knee * (deviation - knee);
        let structure = 0;
        if (dz > 1) structure += zJoin;
        if (de > 1) structure += eJ[ej - 1]! - eJ[es]!;
        if (zAll !== (eH[ej]! - eH[es]! === de)) structure += kindMismatch;
        if (sentenceMismatch > 0) {
          const se = eS[ej]! - eS[es]!;
          if (sz !== se) structure += (sentenceMismatch * Math.abs(sz - se)) / Math.sqrt((sz + se) * 0.5);
        }
        let total = prior + length + structure;
        if (lexical) total += lex;
        if (wz !== 0 || we !== 0) {
          scorer.landmarkInto(zs, zi, es, ej, wz, we);
          total += out[1]!;
        }
        total += start;
        if (total < best) {
          cost[rowStart + j] = total;
          back[rowStart + j] = b;
        }
      }
    }
    // 0-1 links stay in the row: left to right, each cell final before the next reads it.
    if (beads > ZERO_ONE) {
      for (let j = rowLo + 1; j <= rowHi; j++) {
        const total = cost[rowStart + j - 1]! + eNull[e0 + j - 1]!;
        if (total < cost[rowStart + j]!) {
          cost[rowStart + j] = total;
          back[rowStart + j] = ZERO_ONE;
        }
      }
    }
  }
  if (follow > 0) band.cells = offset[n + 1]!;
  return { band, cost, back, lexicalCosts };
}

/** The forward sweep cell by cell through Scorer.cost, for documents with paragraphs confirmed as unmatched. */
function sweepForwardForced(scorer: Scorer, seg: Segment, band: Band, beads: number): Forward {
  const n = band.lo.length - 1;
  const { lo, hi, offset } = band;
  const cost = POOL.costs(band.cells);
  const back = POOL.backs(band.cells);
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    const rowStart = offset[i]! - lo[i]!;
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bestBead = -1;
      for (let b = 0; b < beads; b++) {
        const pi = i - BEAD_ZH[b]!;
        const pj = j - BEAD_EN[b]!;
        if (pi < 0 || pj < lo[pi]! || pj > hi[pi]!) continue;
        const start = cost[offset[pi]! + pj - lo[pi]!]!;
        if (start === Infinity) continue;
        const total = start + scorer.cost(b, seg.z0 + i, seg.e0 + j, best - start);
        if (total < best) {
          best = total;
          bestBead = b;
        }
      }
      cost[rowStart + j] = best;
      back[rowStart + j] = bestBead;
    }
  }
  return { band, cost, back, lexicalCosts: null };
}

/**
 * Backward costs: rest[cell] is the cheapest path from the cell to the end, over all shapes.
 * `lexicalCosts`: the dictionary costs the forward sweep over the same band computed, or null.
 */
function sweepBackward(scorer: Scorer, doc: Prepared, seg: Segment, band: Band, lexicalCosts: Float64Array | null): Float64Array {
  scorer.prepareBand(seg.z0, seg.e0, band);
  if (doc.hasForced) return sweepBackwardForced(scorer, seg, band);
  const n = band.lo.length - 1;
  const { lo, hi, offset } = band;
  const rest = POOL.rests(band.cells);
  rest[band.cells - 1] = 0;
  // Without kept costs every read is of one NaN (not computed). A read that may give NaN or a cost
  // instead (a ?: expression) would make V8 box every cost it reads.
  const kept = lexicalCosts ?? NOT_KEPT;
  const keptMask = lexicalCosts === null ? 0 : ~0;
  const { beadCost, landmarkMatch: match, landmarkMiss: miss, ratio, variance, knee, kneeCost, zNull, eNull } = scorer;
  const { zJoinPrefix: zJ, eJoinPrefix: eJ, kindMismatch, sentenceMismatch, zLexBestPrefix: zLB, eLexBestPrefix: eLB } = scorer;
  const lexical = scorer.lexFound !== null;
  const out = scorer.out;
  const { zLandmarkPrefix: zA, eLandmarkPrefix: eA } = scorer.view;
  const { zPrefix: zP, ePrefix: eP, zNonProsePrefix: zH, eNonProsePrefix: eH, zSentencePrefix: zS, eSentencePrefix: eS } = doc;
  const z0 = seg.z0;
  const e0 = seg.e0;
  for (let i = n; i >= 0; i--) {
    const rowLo = lo[i]!;
    const rowHi = hi[i]!;
    const rowStart = offset[i]! - rowLo;
    const zs = z0 + i;
    for (let b = 0; b < BEADS; b++) {
      const dz = BEAD_ZH[b]!;
      const de = BEAD_EN[b]!;
      const ni = i + dz;
      if (dz === 0 || ni > n) continue;
      const nLo = lo[ni]!;
      const nStart = offset[ni]! - nLo;
      const jFrom = Math.max(rowLo, nLo - de);
      const jTo = Math.min(rowHi, hi[ni]! - de);
      if (de === 0) {
        const drop = zNull[zs]!;
        for (let j = jFrom; j <= jTo; j++) {
          const total = rest[nStart + j]! + drop;
          if (total < rest[rowStart + j]!) rest[rowStart + j] = total;
        }
        continue;
      }
      const prior = beadCost[b]!;
      const zi = zs + dz;
      const expected = ratio * (zP[zi]! - zP[zs]!);
      const wz = zA[zi]! - zA[zs]!;
      const zJoin = dz > 1 ? zJ[zi - 1]! - zJ[zs]! : 0;
      const zAll = zH[zi]! - zH[zs]! === dz;
      const sz = zS[zi]! - zS[zs]!;
      const lexBest = lexical ? zLB[zi]! - zLB[zs]! : 0;
      for (let j = jFrom; j <= jTo; j++) {
        const after = rest[nStart + j + de]!;
        const best = rest[rowStart + j]!;
        const es = e0 + j;
        const ej = es + de;
        const we = eA[ej]! - eA[es]!;
        const landmarkBound = wz < we ? miss * (we - wz) - match * wz : miss * (wz - we) - match * we;
        let lex = 0;
        if (lexical) {
          const cached = kept[((nStart + j + de) * BEADS + b) & keptMask]!;
          if (cached === cached) lex = cached;
          else {
            if (after + prior + lexBest + (eLB[ej]! - eLB[es]!) + landmarkBound >= best) continue;
            // The dictionary cost is a few reads from the band's tables: with it the bound is tight enough to spare most length costs.
            scorer.lexicalInto(zs, zi, es, ej);
            lex = out[0]!;
          }
          if (after + prior + lex + landmarkBound >= best) continue;
        } else if (after + prior + landmarkBound >= best) continue;
        const le = eP[ej]! - eP[es]!;
        const deviation = Math.abs(le - expected) / Math.sqrt(variance * (expected + le) * 0.5 + 1);
        let length: number;
        if (deviation <= knee) {
          const at = deviation * TAIL_STEP;
          const k = at | 0;
          const t = TAIL_TABLE[k]!;
          length = t + (TAIL_TABLE[k + 1]! - t) * (at - k);
        } else length = kneeCost + knee * (deviation - knee);
        let structure = 0;
        if (dz > 1) structure += zJoin;
        if (de > 1) structure += eJ[ej - 1]! - eJ[es]!;
        if (zAll !== (eH[ej]! - eH[es]! === de)) structure += kindMismatch;
        if (sentenceMismatch > 0) {
          const se = eS[ej]! - eS[es]!;
          if (sz !== se) structure += (sentenceMismatch * Math.abs(sz - se)) / Math.sqrt((sz + se) * 0.5);
        }
        let total = prior + length + structure;
        if (lexical) total += lex;
        if (wz !== 0 || we !== 0) {
          scorer.landmarkInto(zs, zi, es, ej, wz, we);
          total += out[1]!;
        }
        total += after;
        if (total < best) rest[rowStart + j] = total;
      }
    }
    // 0-1 links stay in the row: right to left.
    for (let j = rowHi - 1; j >= rowLo; j--) {
      const total = rest[rowStart + j + 1]! + eNull[e0 + j]!;
      if (total < rest[rowStart + j]!) rest[rowStart + j] = total;
    }
  }
  return rest;
}

function sweepBackwardForced(scorer: Scorer, seg: Segment, band: Band): Float64Array {
  const n = band.lo.length - 1;
  const { lo, hi, offset } = band;
  const rest = POOL.rests(band.cells);
  rest[band.cells - 1] = 0;
  for (let i = n; i >= 0; i--) {
    const rowLo = lo[i]!;
    const rowHi = hi[i]!;
    const rowStart = offset[i]! - rowLo;
    for (let j = rowHi; j >= rowLo; j--) {
      if (i === n && j === rowHi) continue;
      let best = Infinity;
      for (let b = 0; b < BEADS; b++) {
        const ni = i + BEAD_ZH[b]!;
        const nj = j + BEAD_EN[b]!;
        if (ni > n || nj < lo[ni]! || nj > hi[ni]!) continue;
        const after = rest[offset[ni]! + nj - lo[ni]!]!;
        if (after === Infinity) continue;
        const total = after + scorer.cost(b, seg.z0 + ni, seg.e0 + nj, best - after);
        if (total < best) best = total;
      }
      rest[rowStart + j] = best;
    }
  }
  return rest;
}

function tracePath(forward: Forward): Step[] {
  const { band, back } = forward;
  const steps: Step[] = [];
  let i = band.lo.length - 1;
  let j = band.hi[i]!;
  while (i > 0 || j > 0) {
    const bead = back[cellIndex(band, i, j)]!;
    if (bead < 0) throw new Error('alignment search found no path');
    steps.push({ i, j, bead });
    i -= BEAD_ZH[bead]!;
    j -= BEAD_EN[bead]!;
  }
  return steps.reverse();
}

function touchesEdge(band: Band, steps: readonly Step[]): boolean {
  const m = band.hi[band.hi.length - 1]!;
  for (const { i, j } of steps) {
    if ((j === band.lo[i] && j > 0) || (j === band.hi[i] && j < m)) return true;
  }
  return false;
}

/** Per row, the union of two bands' ranges (gaps between them filled). */
function unionBand(a: Band, b: Band, m: number): Band {
  const n = a.lo.length - 1;
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    lo[i] = Math.min(a.lo[i]!, b.lo[i]!);
    hi[i] = Math.max(a.hi[i]!, b.hi[i]!);
  }
  return finishBand(lo, hi, m);
}

/**
 * Best path through a segment. When the path touches the band's edge the band cannot be trusted
 * there: it is widened around that path (keeping what it covered), twice as far each time, until the
 * path keeps clear of the edge. Only growing the band keeps a path that strayed from being followed
 * into a dead end.
 */
function bestPath(
  scorer: Scorer,
  doc: Prepared,
  seg: Segment,
  guide: readonly Step[] | null,
  beads: number,
): Forward & { steps: Step[] } {
  const n = seg.z1 - seg.z0;
  const m = seg.e1 - seg.e0;
  const small = searchedWhole(seg);
  let width = small ? Math.max(n, m) : guide ? PATH_BAND : MIN_BAND;
  let forward: Forward | null = null;
  let steps: Step[] = [];
  if (!small && !guide && !doc.hasForced && scorer.lexFound === null) {
    // A band that follows the search holds less than half the diagonal band's cells. Its path stands if it
    // kept near the band's centre; a text whose search wandered is searched around the diagonal instead.
    const open = openBand(n, m, FOLLOW_BAND);
    const followed = sweepForward(scorer, doc, seg, open.band, beads, FOLLOW_BAND, open.capacity);
    const path = tracePath(followed);
    if (keptNear(open.band, path, FOLLOW_MARGIN)) {
      forward = followed;
      steps = path;
    }
  }
  if (forward === null) {
    const first = small ? fullBand(n, m) : guide ? pathBand(guide, n, m, width) : diagonalBand(doc, seg);
    forward = sweepForward(scorer, doc, seg, first, beads);
    steps = tracePath(forward);
  }
  while (!forward.band.full && touchesEdge(forward.band, steps)) {
    width *= 2;
    const next = unionBand(forward.band, pathBand(steps, n, m, width), m);
    if (next.cells > MAX_BAND_CELLS) break;
    forward = sweepForward(scorer, doc, seg, next, beads);
    steps = tracePath(forward);
  }
  return { ...forward, steps };
}

/** A segment with nothing on one side: every paragraph of the other side is unmatched. */
function trivialBeads(seg: Segment): Bead[] {
  const beads: Bead[] = [];
  for (let i = seg.z0; i < seg.z1; i++) beads.push({ zs: i, ze: i + 1, es: seg.e0, ee: seg.e0, bead: ONE_ZERO, confidence: 1 });
  for (let j = seg.e0; j < seg.e1; j++) beads.push({ zs: seg.z1, ze: seg.z1, es: j, ee: j + 1, bead: ZERO_ONE, confidence: 1 });
  return beads;
}

/** First pass: the best path only. */
export function searchPath(scorer: Scorer, doc: Prepared, seg: Segment): Step[] {
  if (seg.z0 === seg.z1 || seg.e0 === seg.e1) return [];
  return bestPath(scorer, doc, seg, null, COMMON_BEADS).steps;
}

/**
 * Final pass: the best path near `guide` (the first pass's path), with a confidence for each bead:
 * the best path that avoids the bead by leaving its start or reaching its end another way is
 * `margin` nats worse, and the confidence is 1 / (1 + e^−margin).
 */
export function searchBeads(scorer: Scorer, doc: Prepared, seg: Segment, guide: readonly Step[]): Bead[] {
  if (seg.z0 === seg.z1 || seg.e0 === seg.e1) return trivialBeads(seg);
  const { band, cost, steps, lexicalCosts } = bestPath(scorer, doc, seg, guide.length > 0 ? guide : null, BEADS);
  const rest = sweepBackward(scorer, doc, seg, band, lexicalCosts);
  const total = cost[band.cells - 1]!;
  return steps.flatMap(({ i, j, bead }) => {
    const pi = i - BEAD_ZH[bead]!;
    const pj = j - BEAD_EN[bead]!;
    const startCost = cost[cellIndex(band, pi, pj)]!;
    const endRest = rest[cellIndex(band, i, j)]!;
    let alternative = Infinity;
    // A path through cell c costs at least cost[c] + rest[c] (the best one through it): an alternative
    // that cannot beat the best found so far is not priced.
    for (let b = 0; b < BEADS; b++) {
      if (b === bead) continue;
      const q = cellIndex(band, pi + BEAD_ZH[b]!, pj + BEAD_EN[b]!);
      if (q >= 0 && rest[q]! < Infinity && cost[q]! + rest[q]! < alternative) {
        alternative = Math.min(alternative, startCost + scorer.cost(b, seg.z0 + pi + BEAD_ZH[b]!, seg.e0 + pj + BEAD_EN[b]!, Infinity) + rest[q]!);
      }
      const s = cellIndex(band, i - BEAD_ZH[b]!, j - BEAD_EN[b]!);
      if (s >= 0 && cost[s]! < Infinity && cost[s]! + rest[s]! < alternative) {
        alternative = Math.min(alternative, cost[s]! + scorer.cost(b, seg.z0 + i, seg.e0 + j, Infinity) + endRest);
      }
    }
    const confidence = confidenceOfMargin(alternative - total);
    const found: Bead = { zs: seg.z0 + pi, ze: seg.z0 + i, es: seg.e0 + pj, ee: seg.e0 + j, bead, confidence };
    return bead === TWO_TWO ? keepTwoTwo(scorer, found) : [found];
  });
}

/** A 2-2 link stands only when the two 1-1 links it could be are clearly worse (by this many nats). */
const TWO_TWO_MARGIN = 2;

/** Two paragraphs rendered as two are far likelier two 1-1 links than one 2-2: split unless the 1-1 pair is clearly worse. */
function keepTwoTwo(scorer: Scorer, bead: Bead): Bead[] {
  const merged = scorer.cost(TWO_TWO, bead.ze, bead.ee, Infinity);
  const split = scorer.cost(ONE_ONE, bead.zs + 1, bead.es + 1, Infinity) + scorer.cost(ONE_ONE, bead.ze, bead.ee, Infinity);
  if (split - merged >= TWO_TWO_MARGIN) return [bead];
  return [
    { zs: bead.zs, ze: bead.zs + 1, es: bead.es, ee: bead.es + 1, bead: ONE_ONE, confidence: bead.confidence },
    { zs: bead.zs + 1, ze: bead.ze, es: bead.es + 1, ee: bead.ee, bead: ONE_ONE, confidence: bead.confidence },
  ];
}
