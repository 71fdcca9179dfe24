// The dictionary part of bead costs, tabulated over a search band. A link's dictionary cost is a sum
// over its Chinese units (each word found in the link's English or not) plus a sum over its English
// units (each lemma found among the translations of the link's Chinese or not), so it splits into
// per-unit terms: Chinese unit i against English units [es, es + n), and English unit j against
// Chinese units [zs, zs + n). For every pair of units the band can put in one link, which words of
// each find a partner in the other is computed once, as bit sets; the per-unit terms follow from
// them for every start and size, and a bead's dictionary cost is then a handful of array reads.

import type { LexicalView, OutcomeCosts } from './lexical.ts';
import { MAX_CHINESE_UNITS, MAX_ENGLISH_UNITS } from './lexical.ts';

/** For each Chinese node i of a segment, the English nodes lo[i] … hi[i] the search visits (segment-local). */
export interface BandRows {
  lo: Int32Array;
  hi: Int32Array;
}

/** Grow-only scratch buffers: a band is tabulated once per sweep, and reusing them spares the garbage collector. */
class Scratch {
  int = new Int32Array(0);
  float = new Float64Array(0);
  ints(size: number): Int32Array {
    if (this.int.length < size) this.int = new Int32Array(Math.max(size, this.int.length * 2));
    return this.int;
  }
  floats(size: number): Float64Array {
    if (this.float.length < size) this.float = new Float64Array(Math.max(size, this.float.length * 2));
    return this.float;
  }
}

/** Savings of the starts that have some, `sizes` values each, in a grow-only list. */
class Savings {
  values = new Float64Array(1024);
  count = 0;
  /** Room for one more start's values: their offset (count is then its 1-based number). */
  add(sizes: number): number {
    const at = this.count * sizes;
    if (at + sizes > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.count++;
    return at;
  }
}

/** Number of 32-bit words a bit set of `size` bits takes. */
function words(size: number): number {
  return (size + 31) >>> 5;
}

export class LexicalBand {
  private readonly view: LexicalView;
  private readonly costs: OutcomeCosts;
  /** Chinese unit i: English units zLo[i] … zHi[i] − 1 tabulated (global indices; empty when zLo ≥ zHi). */
  private readonly zLo: Int32Array;
  private readonly zHi: Int32Array;
  private readonly zAt: Int32Array;
  /** English unit j: Chinese units eLo[j] … eHi[j] − 1 tabulated. */
  private readonly eLo: Int32Array;
  private readonly eHi: Int32Array;
  private readonly eAt: Int32Array;
  /**
   * What Chinese unit i's words found in English [es, es + n) save on zMissed (its cost when none is
   * found): k = zSaving[zAt[i] + es − zLo[i]] is 0 when nothing, else zSaved[(k − 1) · MAX_ENGLISH_UNITS + n − 1].
   * Most pairs of units share no word, so the savings are stored for the starts that have some only.
   */
  private readonly zSaving = new Scratch();
  private readonly zSaved = new Savings();
  /** The same for English unit j's lemmas against Chinese [zs, zs + n), from eSaving[eAt[j] + zs − eLo[j]]. */
  private readonly eSaving = new Scratch();
  private readonly eSaved = new Savings();
  /** Per Chinese unit and size, the cost when none of its words is found (likewise per English unit). */
  private readonly zMissed: Float64Array;
  private readonly eMissed: Float64Array;
  private readonly zMasks = new Scratch();
  private readonly eMasks = new Scratch();
  private readonly lemmaBits = new Scratch();
  private readonly accumulator = new Scratch();
  private readonly spans = new Scratch();
  private tabulated: BandRows | null = null;
  /** The units the last band covered: their windows are emptied before another segment's band is tabulated. */
  private covered = { z0: 0, z1: 0, e0: 0, e1: 0 };

  constructor(view: LexicalView, costs: OutcomeCosts) {
    this.view = view;
    this.costs = costs;
    const nz = view.zStart.length - 1;
    const ne = view.eStart.length - 1;
    this.zLo = new Int32Array(nz);
    this.zHi = new Int32Array(nz);
    this.zAt = new Int32Array(nz);
    this.eLo = new Int32Array(ne);
    this.eHi = new Int32Array(ne);
    this.eAt = new Int32Array(ne);
    this.zMissed = new Float64Array(nz * MAX_ENGLISH_UNITS);
    for (let i = 0; i < nz; i++) {
      for (let k = view.zStart[i]!; k < view.zStart[i + 1]!; k++) {
        const f = view.zEntries[k]!;
        for (let n = 0; n < MAX_ENGLISH_UNITS; n++) this.zMissed[i * MAX_ENGLISH_UNITS + n]! += costs.missed[f * MAX_ENGLISH_UNITS + n]!;
      }
    }
    this.eMissed = new Float64Array(ne * MAX_CHINESE_UNITS);
    for (let j = 0; j < ne; j++) {
      for (let k = view.eStart[j]!; k < view.eStart[j + 1]!; k++) {
        const l = view.eLemmas[k]!;
        for (let n = 0; n < MAX_CHINESE_UNITS; n++) this.eMissed[j * MAX_CHINESE_UNITS + n]! += costs.lemmaMissed[l * MAX_CHINESE_UNITS + n]!;
      }
    }
  }

  /**
   * The dictionary cost of the link Chinese [zs, zi) × English [es, ej) from the tables, written to
   * out[0] (a double returned by a call that is not inlined would be a fresh heap number), and whether
   * it is tabulated: false when a pair of its units lies outside the band (out[0] is then left as it
   * was, and the caller computes the cost word by word).
   */
  costInto(out: Float64Array, zs: number, zi: number, es: number, ej: number): boolean {
    const { zLo, zHi, zAt, eLo, eHi, eAt } = this;
    let total = 0;
    const nE = ej - es;
    const zSaving = this.zSaving.int;
    for (let i = zs; i < zi; i++) {
      if (es < zLo[i]! || ej > zHi[i]!) return false;
      total += this.zMissed[i * MAX_ENGLISH_UNITS + nE - 1]!;
      const k = zSaving[zAt[i]! + es - zLo[i]!]!;
      if (k !== 0) total += this.zSaved.values[(k - 1) * MAX_ENGLISH_UNITS + nE - 1]!;
    }
    const nZ = zi - zs;
    const eSaving = this.eSaving.int;
    for (let j = es; j < ej; j++) {
      if (zs < eLo[j]! || zi > eHi[j]!) return false;
      total += this.eMissed[j * MAX_CHINESE_UNITS + nZ - 1]!;
      const k = eSaving[eAt[j]! + zs - eLo[j]!]!;
      if (k !== 0) total += this.eSaved.values[(k - 1) * MAX_CHINESE_UNITS + nZ - 1]!;
    }
    out[0] = total;
    return true;
  }

  /**
   * Tabulate the unit pairs a search over `band` (segment Chinese [z0, z0 + n), English [e0, e0 + m))
   * can put in one link. Units outside the segment keep what they had.
   */
  prepare(z0: number, e0: number, band: BandRows): void {
    if (this.tabulated === band) return;
    this.tabulated = band;
    const { view, zLo, zHi, zAt, eLo, eHi, eAt } = this;
    const { zStart, zEntries, eStart, eLemmas, entryStart, entryLemmas } = view;
    const n = band.lo.length - 1;
    const m = band.hi[n]!;
    const was = this.covered;
    zLo.fill(0, was.z0, was.z1);
    zHi.fill(0, was.z0, was.z1);
    eLo.fill(0, was.e0, was.e1);
    eHi.fill(0, was.e0, was.e1);
    this.covered = { z0, z1: z0 + n, e0, e1: e0 + m };
    // A link holding Chinese unit u (local) starts at a node ≥ u − 2 and ends at a node ≤ u + 3: its English lies in
    // [lo[u − 2], hi[u + 3]). English unit v pairs with the Chinese units whose window holds it (an interval: windows only move right).
    let zCells = 0;
    let zWordCells = 0;
    let widest = 0;
    for (let u = 0; u < n; u++) {
      const i = z0 + u;
      zLo[i] = e0 + band.lo[Math.max(0, u + 1 - MAX_CHINESE_UNITS)]!;
      zHi[i] = e0 + band.hi[Math.min(n, u + MAX_CHINESE_UNITS)]!;
      zAt[i] = zCells;
      zCells += zHi[i]! - zLo[i]!;
      const w = words(zStart[i + 1]! - zStart[i]!);
      zWordCells += (zHi[i]! - zLo[i]!) * w;
      if (w > widest) widest = w;
    }
    for (let v = 0; v < m; v++) {
      eLo[e0 + v] = z0 + n;
      eHi[e0 + v] = z0;
    }
    for (let u = 0; u < n; u++) {
      const i = z0 + u;
      for (let j = zLo[i]!; j < zHi[i]!; j++) {
        if (i < eLo[j]!) eLo[j] = i;
        if (i + 1 > eHi[j]!) eHi[j] = i + 1;
      }
    }
    let eCells = 0;
    let eWordCells = 0;
    const eWordAt = this.spans.ints(m + 1);
    for (let v = 0; v < m; v++) {
      const j = e0 + v;
      if (eHi[j]! < eLo[j]!) eHi[j] = eLo[j]!;
      eAt[j] = eCells;
      eCells += eHi[j]! - eLo[j]!;
      eWordAt[v] = eWordCells;
      eWordCells += (eHi[j]! - eLo[j]!) * words(eStart[j + 1]! - eStart[j]!);
    }

    // Bit sets: for Chinese unit i and English unit j, which of i's words have a lemma in j (zMasks), and which of
    // j's lemmas translate one of i's words (eMasks).
    const zMasks = this.zMasks.ints(zWordCells);
    const eMasks = this.eMasks.ints(eWordCells);
    zMasks.fill(0, 0, zWordCells);
    eMasks.fill(0, 0, eWordCells);
    const bits = this.lemmaBits.ints(Math.max(1, view.lemmaCount) * Math.max(1, widest));
    let zWordAt = 0;
    for (let u = 0; u < n; u++) {
      const i = z0 + u;
      const wz = words(zStart[i + 1]! - zStart[i]!);
      const lo = zLo[i]!;
      const hi = zHi[i]!;
      if (wz > 0) {
        // Which of i's words each lemma translates.
        for (let k = zStart[i]!; k < zStart[i + 1]!; k++) {
          const p = k - zStart[i]!;
          const f = zEntries[k]!;
          for (let t = entryStart[f]!; t < entryStart[f + 1]!; t++) bits[entryLemmas[t]! * wz + (p >>> 5)]! |= 1 << (p & 31);
        }
        for (let j = lo; j < hi; j++) {
          const zMask = zWordAt + (j - lo) * wz;
          const eFrom = eStart[j]!;
          const eTo = eStart[j + 1]!;
          const we = words(eTo - eFrom);
          const eMask = eWordAt[j - e0]! + (i - eLo[j]!) * we;
          if (wz === 1 && we === 1) {
            // The usual case, one word of bits a side.
            let z = 0;
            let e = 0;
            for (let k = eFrom; k < eTo; k++) {
              const b = bits[eLemmas[k]!]!;
              z |= b;
              if (b !== 0) e |= 1 << (k - eFrom);
            }
            zMasks[zMask] = z;
            eMasks[eMask] = e;
            continue;
          }
          for (let k = eFrom; k < eTo; k++) {
            const at = eLemmas[k]! * wz;
            let any = 0;
            for (let w = 0; w < wz; w++) {
              const b = bits[at + w]!;
              zMasks[zMask + w]! |= b;
              any |= b;
            }
            if (any !== 0) {
              const q = k - eFrom;
              eMasks[eMask + (q >>> 5)]! |= 1 << (q & 31);
            }
          }
        }
        for (let k = zStart[i]!; k < zStart[i + 1]!; k++) {
          const f = zEntries[k]!;
          for (let t = entryStart[f]!; t < entryStart[f + 1]!; t++) {
            const at = entryLemmas[t]! * wz;
            for (let w = 0; w < wz; w++) bits[at + w] = 0;
          }
        }
      }
      zWordAt += (hi - lo) * wz;
    }

    // Per Chinese unit and English start, the cost for each English size: missing every word, less what each found word saves.
    const { found, missed, lemmaFound, lemmaMissed } = this.costs;
    tabulate(n, z0, zLo, zHi, zAt, zStart, zEntries, zMasks, found, missed, MAX_ENGLISH_UNITS, this.zSaving.ints(zCells), zCells, this.zSaved, this.accumulator);
    const eFirst = eLo.subarray(e0, e0 + m);
    const eLast = eHi.subarray(e0, e0 + m);
    const eOut = eAt.subarray(e0, e0 + m);
    // The English side: the same over Chinese starts, its masks laid out per English unit from eWordAt.
    tabulate(m, e0, eFirst, eLast, eOut, eStart, eLemmas, eMasks, lemmaFound, lemmaMissed, MAX_CHINESE_UNITS, this.eSaving.ints(eCells), eCells, this.eSaved, this.accumulator, eWordAt);
  }
}

/**
 * For each unit u of one side (global index x0 + u) and each start s of a link on the other side in
 * its window [lo, hi), what the unit's words found in [s, s + size) save on missing them all, for
 * every size. `masks` holds, per unit and other-side unit of its window, the bit set of its words
 * found there (from `maskAt[u]` when given, else one unit after another). Most pairs share no word:
 * only the starts within reach of a pair that does are computed, the others save nothing.
 */
function tabulate(
  n: number,
  x0: number,
  windowLo: Int32Array,
  windowHi: Int32Array,
  out: Int32Array,
  start: Int32Array,
  items: Int32Array,
  masks: Int32Array,
  found: Float64Array,
  missed: Float64Array,
  sizes: number,
  saving: Int32Array,
  cells: number,
  saved: Savings,
  scratch: Scratch,
  maskAt?: Int32Array,
): void {
  saving.fill(0, 0, cells);
  saved.count = 0;
  const local = maskAt !== undefined;
  let at = 0;
  for (let u = 0; u < n; u++) {
    const x = x0 + u;
    const w = words(start[x + 1]! - start[x]!);
    const lo = local ? windowLo[u]! : windowLo[x]!;
    const hi = local ? windowHi[u]! : windowHi[x]!;
    if (w === 0) continue;
    const base = local ? out[u]! : out[x]!;
    const first = start[x]!;
    const maskBase = local ? maskAt[u]! : at;
    at += (hi - lo) * w;
    const acc = scratch.ints(w);
    // Starts up to `done` are computed (or save nothing); a start is computed whole when first within reach of a shared word.
    let done = lo - 1;
    for (let p = lo; p < hi; p++) {
      let any = 0;
      for (let k = 0; k < w; k++) any |= masks[maskBase + (p - lo) * w + k]!;
      if (any === 0) continue;
      for (let s = Math.max(lo, p - sizes + 1, done + 1); s <= p; s++) {
        for (let k = 0; k < w; k++) acc[k] = 0;
        const cell = saved.add(sizes);
        saving[base + s - lo] = saved.count;
        const values = saved.values;
        for (let size = 1; size <= sizes && s + size <= hi; size++) {
          let amount = 0;
          const mask = maskBase + (s + size - 1 - lo) * w;
          for (let k = 0; k < w; k++) {
            let set = (acc[k]! |= masks[mask + k]!);
            while (set !== 0) {
              const low = set & -set;
              const item = items[first + (k << 5) + 31 - Math.clz32(low)]! * sizes + size - 1;
              amount += found[item]! - missed[item]!;
              set ^= low;
            }
          }
          values[cell + size - 1] = amount;
        }
      }
      done = p;
    }
  }
}
