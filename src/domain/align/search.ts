// Banded dynamic programming over beads. The band follows the diagonal implied by cumulative lengths
// (first pass) or the previous pass's path (second pass) and widens whenever the best path touches
// its edge. Cells live in typed arrays, row after row: no per-cell objects.

import type { Prepared, Scorer } from './scorer.ts';
import { BEAD_EN, BEAD_ZH, BEADS, ONE_ZERO, ZERO_ONE } from './scorer.ts';

/** Below this many cells a segment is searched whole. */
const FULL_SEARCH_CELLS = 250_000;
/**
 * Half-width of the first band at node i of n, around the length diagonal. Both ends are pinned and
 * the path drifts from the diagonal in between like a random walk (a Brownian bridge): the width
 * grows with the square root of the distance to the nearer end.
 */
function diagonalWidth(i: number, n: number): number {
  return Math.max(MIN_BAND, Math.ceil(0.6 * Math.sqrt(Math.min(i, n - i))));
}
const MIN_BAND = 16;
/** Half-width of the second band, around the first pass's path. */
const PATH_BAND = 6;
/** The first pass tries the five common shapes only (1-1, 1-0, 0-1, 2-1, 1-2); the final pass all eight. */
export const COMMON_BEADS = 5;
/** A band never grows beyond this many cells (17 bytes each): caps memory on pathological inputs. */
const MAX_BAND_CELLS = 3_000_000;
/** Margins (in nats) are divided by this before the logistic that turns them into a confidence. */
const CONFIDENCE_SCALE = 1;

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
  const visit = (i: number, j: number): void => {
    if (minJ[i] === -1 || j < minJ[i]!) minJ[i] = j;
    if (j > maxJ[i]!) maxJ[i] = j;
  };
  visit(0, 0);
  for (const s of steps) visit(s.i, s.j);
  // Rows a bead jumps over lie between the nodes before and after them.
  const visited = minJ.map((j) => (j >= 0 ? 1 : 0));
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
}

function sweepForward(scorer: Scorer, doc: Prepared, seg: Segment, band: Band, beads: number): Forward {
  const n = band.lo.length - 1;
  const { lo, hi, offset } = band;
  const cost = new Float64Array(band.cells).fill(Infinity);
  const back = new Int8Array(band.cells).fill(-1);
  const { beadCost, anchorMatch, anchorMiss } = scorer;
  const { zAnchorPrefix, eAnchorPrefix } = scorer.view;
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i]!;
    const rowHi = hi[i]!;
    const rowStart = offset[i]! - rowLo;
    const zi = seg.z0 + i;
    const zAnchor = zAnchorPrefix[zi]!;
    for (let j = rowLo; j <= rowHi; j++) {
      if (i === 0 && j === 0) continue;
      const ej = seg.e0 + j;
      const eAnchor = eAnchorPrefix[ej]!;
      let best = Infinity;
      let bestBead = -1;
      for (let b = 0; b < beads; b++) {
        const dz = BEAD_ZH[b]!;
        const de = BEAD_EN[b]!;
        const pi = i - dz;
        const pj = j - de;
        if (pi < 0 || pj < lo[pi]! || pj > hi[pi]!) continue;
        const start = cost[offset[pi]! + pj - lo[pi]!]!;
        if (start === Infinity) continue;
        // Skip the bead when even its best case cannot win: its prior, plus the anchors one side has
        // more than the other (those cannot match), less the largest bonus the others could earn.
        let bound = start + beadCost[b]!;
        if (dz > 0 && de > 0) {
          const wz = zAnchor - zAnchorPrefix[zi - dz]!;
          const we = eAnchor - eAnchorPrefix[ej - de]!;
          bound += wz < we ? anchorMiss * (we - wz) - anchorMatch * wz : anchorMiss * (wz - we) - anchorMatch * we;
        }
        if (bound >= best) continue;
        const total = start + scorer.cost(b, zi, ej, best - start);
        if (total < best) {
          best = total;
          bestBead = b;
        }
      }
      cost[rowStart + j] = best;
      back[rowStart + j] = bestBead;
    }
  }
  return { band, cost, back };
}

function sweepBackward(scorer: Scorer, seg: Segment, band: Band): Float64Array {
  const n = band.lo.length - 1;
  const { lo, hi, offset } = band;
  const rest = new Float64Array(band.cells).fill(Infinity);
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

/**
 * Best path through a segment. When the path touches the band's edge the band is moved to follow
 * that path (the usual cause is slow drift from the diagonal) and, if it touches again, also widened.
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
  const small = (n + 1) * (m + 1) <= FULL_SEARCH_CELLS;
  let width = small ? Math.max(n, m) : guide ? PATH_BAND : MIN_BAND;
  const first = small ? fullBand(n, m) : guide ? pathBand(guide, n, m, width) : diagonalBand(doc, seg);
  let forward = sweepForward(scorer, doc, seg, first, beads);
  let steps = tracePath(forward);
  for (let retry = 0; !forward.band.full && touchesEdge(forward.band, steps); retry++) {
    if (retry > 0) width *= 2;
    const next = pathBand(steps, n, m, width);
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
  const { band, cost, steps } = bestPath(scorer, doc, seg, guide.length > 0 ? guide : null, BEADS);
  const rest = sweepBackward(scorer, seg, band);
  const total = cost[band.cells - 1]!;
  return steps.map(({ i, j, bead }) => {
    const pi = i - BEAD_ZH[bead]!;
    const pj = j - BEAD_EN[bead]!;
    const startCost = cost[cellIndex(band, pi, pj)]!;
    const endRest = rest[cellIndex(band, i, j)]!;
    let alternative = Infinity;
    for (let b = 0; b < BEADS; b++) {
      if (b === bead) continue;
      const q = cellIndex(band, pi + BEAD_ZH[b]!, pj + BEAD_EN[b]!);
      if (q >= 0 && rest[q]! < Infinity) {
        alternative = Math.min(alternative, startCost + scorer.cost(b, seg.z0 + pi + BEAD_ZH[b]!, seg.e0 + pj + BEAD_EN[b]!, Infinity) + rest[q]!);
      }
      const s = cellIndex(band, i - BEAD_ZH[b]!, j - BEAD_EN[b]!);
      if (s >= 0 && cost[s]! < Infinity) {
        alternative = Math.min(alternative, cost[s]! + scorer.cost(b, seg.z0 + i, seg.e0 + j, Infinity) + endRest);
      }
    }
    const margin = alternative - total;
    const confidence = margin === Infinity ? 1 : 1 / (1 + Math.exp(-margin / CONFIDENCE_SCALE));
    return { zs: seg.z0 + pi, ze: seg.z0 + i, es: seg.e0 + pj, ee: seg.e0 + j, bead, confidence };
  });
}
