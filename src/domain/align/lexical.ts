// Dictionary evidence for a link, word by word: for each Chinese word of the link with a known
// translation, whether one of its English lemmas occurs in the link's English. Each outcome is
// weighed as a log-likelihood ratio: how much likelier it is in a true translation (where a word's
// translation is found with probability p₁) than in unrelated English of the same size (where it is
// found by chance with probability p₀, from how often its lemmas occur in the document's English).
// Long links find more by chance, so the evidence is normalised for length by construction.

import type { EnglishWords } from '../dictionary/index.ts';
import type { DocumentLexicon } from './document-lexicon.ts';

/** Links span at most this many English units and this many Chinese units (the widest bead shapes). */
export const MAX_ENGLISH_UNITS = 4;
export const MAX_CHINESE_UNITS = 3;

export interface LexicalView {
  /** Chinese units: their dictionary entries (distinct within a unit), CSR. */
  zStart: Int32Array;
  zEntries: Int32Array;
  /** English units: their lemma ids (distinct within a unit, lemmas of some entry only), CSR. */
  eStart: Int32Array;
  eLemmas: Int32Array;
  /** Entry f's lemma ids: entryLemmas[entryStart[f] … entryStart[f + 1]). */
  entryStart: Int32Array;
  entryLemmas: Int32Array;
  /** Share of English units holding one of entry f's lemmas. */
  coverage: Float64Array;
  /** Share of Chinese units holding an entry that lemma l translates (English words are weighed too). */
  lemmaCoverage: Float64Array;
  /** The number of those units. */
  lemmaUnitCount: Int32Array;
  lemmaCount: number;
  lexicon: DocumentLexicon;
}

/** Entries whose lemmas occur in more English units than this share tell units apart too little. */
const MAX_COVERAGE = 0.25;

export function buildLexicalView(lexicon: DocumentLexicon, zhCount: number, english: EnglishWords, maxEntriesPerUnit = Infinity): LexicalView {
  const enCount = english.start.length - 1;
  const units = englishUnits(lexicon, english);
  const index = lemmaUnitIndex(lexicon.lemmaCount, units);
  const coverage = new Float64Array(lexicon.size);
  const unitStamp = new Int32Array(enCount).fill(-1);
  for (let f = 0; f < lexicon.size; f++) coverage[f] = entryCoverage(lexicon, f, index, enCount, unitStamp);
  const { zStart, zEntries } = chineseUnits(lexicon, zhCount, coverage, maxEntriesPerUnit);
  // The other direction: English lemmas found among the translations of the Chinese words.
  const lemmaUnitCount = new Int32Array(lexicon.lemmaCount);
  const lemmaStamp = new Int32Array(Math.max(1, lexicon.lemmaCount)).fill(-1);
  const stamp = new Int32Array(Math.max(1, lexicon.size)).fill(-1);
  const { entryStart: zWordStart, entryIds, lemmaStart: entryStart, lemmaIds: entryLemmas } = lexicon;
  for (let i = 0; i < zhCount; i++) {
    for (let e = zWordStart[i]!; e < zWordStart[i + 1]!; e++) {
      const f = entryIds[e]!;
      if (stamp[f] === i) continue;
      stamp[f] = i;
      for (let k = entryStart[f]!; k < entryStart[f + 1]!; k++) {
        const l = entryLemmas[k]!;
        if (lemmaStamp[l] === i) continue;
        lemmaStamp[l] = i;
        lemmaUnitCount[l]!++;
      }
    }
  }
  return finishView(lexicon, zhCount, units, coverage, zStart, zEntries, lemmaUnitCount);
}

/**
 * The view of `lexicon`, an extension of the view's lexicon (extendLexicon) whose entries `changed`
 * gained lemmas: what no new lemma touches is taken from the view, the rest is counted again. The
 * result is the view buildLexicalView would make of `lexicon`.
 */
export function extendLexicalView(view: LexicalView, lexicon: DocumentLexicon, zhCount: number, english: EnglishWords, changed: readonly number[], maxEntriesPerUnit = Infinity): LexicalView {
  const before = view.lexicon;
  const enCount = english.start.length - 1;
  const units = englishUnits(lexicon, english);
  const index = lemmaUnitIndex(lexicon.lemmaCount, units);
  // An entry's coverage depends on its lemmas only, and an old lemma occurs in the same English units as before.
  const coverage = view.coverage.slice();
  const unitStamp = new Int32Array(enCount).fill(-1);
  const isChanged = new Uint8Array(lexicon.size);
  for (const f of changed) {
    isChanged[f] = 1;
    coverage[f] = entryCoverage(lexicon, f, index, enCount, unitStamp);
  }
  const { zStart, zEntries } = chineseUnits(lexicon, zhCount, coverage, maxEntriesPerUnit);
  // Lemma counts over Chinese units: a unit with a changed entry adds the new lemmas none of its words had.
  const lemmaUnitCount = new Int32Array(lexicon.lemmaCount);
  lemmaUnitCount.set(view.lemmaUnitCount);
  const had = new Int32Array(Math.max(1, lexicon.lemmaCount)).fill(-1);
  const counted = new Int32Array(Math.max(1, lexicon.lemmaCount)).fill(-1);
  const { entryStart: zWordStart, entryIds } = lexicon;
  for (let i = 0; i < zhCount; i++) {
    let touched = false;
    for (let e = zWordStart[i]!; e < zWordStart[i + 1]! && !touched; e++) touched = isChanged[entryIds[e]!] === 1;
    if (!touched) continue;
    for (let e = zWordStart[i]!; e < zWordStart[i + 1]!; e++) {
      const f = entryIds[e]!;
      for (let k = before.lemmaStart[f]!; k < before.lemmaStart[f + 1]!; k++) had[before.lemmaIds[k]!] = i;
    }
    for (let e = zWordStart[i]!; e < zWordStart[i + 1]!; e++) {
      const f = entryIds[e]!;
      if (isChanged[f] === 0) continue;
      for (let k = lexicon.lemmaStart[f]!; k < lexicon.lemmaStart[f + 1]!; k++) {
        const l = lexicon.lemmaIds[k]!;
        if (had[l] === i || counted[l] === i) continue;
        counted[l] = i;
        lemmaUnitCount[l]!++;
      }
    }
  }
  return finishView(lexicon, zhCount, units, coverage, zStart, zEntries, lemmaUnitCount);
}

/** English units' lemma ids that translate some entry (distinct within a unit, in text order), CSR. */
interface EnglishUnits {
  start: Int32Array;
  lemmas: Int32Array;
  size: number;
}

function englishUnits(lexicon: DocumentLexicon, english: EnglishWords): EnglishUnits {
  const enCount = english.start.length - 1;
  const eStart = new Int32Array(enCount + 1);
  // Read once: the lemmas are worked out when first read (englishWords).
  const lemmas = english.lemmas;
  const lemmaOfWord = new Int32Array(lemmas.length);
  let anyLemma = false;
  for (let w = 0; w < lemmaOfWord.length; w++) {
    const lemma = lemmas[w]!;
    const id = lemma === '' ? -1 : lexicon.lemmaId(lemma);
    lemmaOfWord[w] = id;
    if (id >= 0) anyLemma = true;
  }
  const { start: wordStart, ids: wordIds } = english;
  // At most one lemma a word: the words bound the size.
  const eLemmas = new Int32Array(anyLemma ? wordIds.length : 0);
  let eSize = 0;
  const seen = new Int32Array(Math.max(1, lexicon.lemmaCount)).fill(-1);
  if (anyLemma) {
    for (let i = 0; i < enCount; i++) {
      for (let k = wordStart[i]!; k < wordStart[i + 1]!; k++) {
        const id = lemmaOfWord[wordIds[k]!]!;
        if (id < 0 || seen[id] === i) continue;
        seen[id] = i;
        eLemmas[eSize++] = id;
      }
      eStart[i + 1] = eSize;
    }
  }
  return { start: eStart, lemmas: eLemmas, size: eSize };
}

/** For each lemma, the English units it occurs in: units[start[l] … start[l + 1]). */
interface LemmaUnitIndex {
  start: Int32Array;
  units: Int32Array;
}

function lemmaUnitIndex(lemmaCount: number, english: EnglishUnits): LemmaUnitIndex {
  const { start: eStart, lemmas: eLemmas, size: eSize } = english;
  const enCount = eStart.length - 1;
  const lemmaUnitStart = new Int32Array(lemmaCount + 1);
  for (let k = 0; k < eSize; k++) lemmaUnitStart[eLemmas[k]! + 1]!++;
  for (let l = 0; l < lemmaCount; l++) lemmaUnitStart[l + 1]! += lemmaUnitStart[l]!;
  const lemmaUnits = new Int32Array(eSize);
  const fill = lemmaUnitStart.slice(0, lemmaCount);
  for (let i = 0; i < enCount; i++) for (let k = eStart[i]!; k < eStart[i + 1]!; k++) lemmaUnits[fill[eLemmas[k]!]!++] = i;
  return { start: lemmaUnitStart, units: lemmaUnits };
}

/**
 * Coverage of entry f: the share of English units holding one of its lemmas. Past MAX_COVERAGE the
 * entry is left out, so counting stops there. `unitStamp` (−1 or stamps of other entries) is scratch.
 */
function entryCoverage(lexicon: DocumentLexicon, f: number, index: LemmaUnitIndex, enCount: number, unitStamp: Int32Array): number {
  const { lemmaStart: entryStart, lemmaIds: entryLemmas } = lexicon;
  const { start: lemmaUnitStart, units: lemmaUnits } = index;
  const enough = Math.floor(MAX_COVERAGE * enCount) + 1;
  // The most units one of its lemmas occurs in: the count itself for a single lemma, and enough to leave the entry out when that is over the limit.
  let units = 0;
  for (let k = entryStart[f]!; k < entryStart[f + 1]!; k++) {
    const l = entryLemmas[k]!;
    units = Math.max(units, lemmaUnitStart[l + 1]! - lemmaUnitStart[l]!);
  }
  if (entryStart[f + 1]! - entryStart[f]! > 1 && units < enough) {
    units = 0;
    for (let k = entryStart[f]!; k < entryStart[f + 1]! && units < enough; k++) {
      const l = entryLemmas[k]!;
      for (let t = lemmaUnitStart[l]!; t < lemmaUnitStart[l + 1]!; t++) {
        const i = lemmaUnits[t]!;
        if (unitStamp[i] === f) continue;
        unitStamp[i] = f;
        units++;
      }
    }
  }
  return units / Math.max(1, enCount);
}

/**
 * Chinese units: entries with a translation and telling enough, distinct, the rarest first when capped
 * (as a stable sort by coverage would order them, kept in a sorted buffer of the cap's size).
 */
function chineseUnits(lexicon: DocumentLexicon, zhCount: number, coverage: Float64Array, maxEntriesPerUnit: number): { zStart: Int32Array; zEntries: Int32Array } {
  const { entryStart: zWordStart, entryIds, lemmaStart: entryStart } = lexicon;
  const zStart = new Int32Array(zhCount + 1);
  const zEntries = new Int32Array(zWordStart[zhCount]! - zWordStart[0]!);
  let zSize = 0;
  const stamp = new Int32Array(Math.max(1, lexicon.size)).fill(-1);
  const cap = Math.min(maxEntriesPerUnit, lexicon.size);
  // Telling entries: with a translation, and not found in too much of the English.
  const telling = new Uint8Array(lexicon.size);
  for (let f = 0; f < lexicon.size; f++) telling[f] = entryStart[f + 1] !== entryStart[f] && coverage[f]! <= MAX_COVERAGE ? 1 : 0;
  let longestUnit = 1;
  for (let i = 0; i < zhCount; i++) longestUnit = Math.max(longestUnit, zWordStart[i + 1]! - zWordStart[i]!);
  const unit = new Int32Array(Math.min(cap, longestUnit) || 1);
  for (let i = 0; i < zhCount; i++) {
    let size = 0;
    let eligible = 0;
    let sorted = false;
    for (let k = zWordStart[i]!; k < zWordStart[i + 1]!; k++) {
      const f = entryIds[k]!;
      if (stamp[f] === i || telling[f] === 0) continue;
      stamp[f] = i;
      eligible++;
      if (eligible <= cap) {
        unit[size++] = f;
        continue;
      }
      if (!sorted) {
        // Over the cap: from now on the buffer holds the rarest so far, in stable order of coverage.
        for (let a = 1; a < size; a++) {
          const g = unit[a]!;
          let at = a;
          while (at > 0 && coverage[unit[at - 1]!]! > coverage[g]!) {
            unit[at] = unit[at - 1]!;
            at--;
          }
          unit[at] = g;
        }
        sorted = true;
      }
      if (coverage[f]! >= coverage[unit[size - 1]!]!) continue;
      let at = size - 1;
      while (at > 0 && coverage[unit[at - 1]!]! > coverage[f]!) {
        unit[at] = unit[at - 1]!;
        at--;
      }
      unit[at] = f;
    }
    for (let k = 0; k < size; k++) zEntries[zSize++] = unit[k]!;
    zStart[i + 1] = zSize;
  }
  return { zStart, zEntries: zEntries.slice(0, zSize) };
}

function finishView(
  lexicon: DocumentLexicon,
  zhCount: number,
  english: EnglishUnits,
  coverage: Float64Array,
  zStart: Int32Array,
  zEntries: Int32Array,
  lemmaUnitCount: Int32Array,
): LexicalView {
  const lemmaCoverage = new Float64Array(lexicon.lemmaCount);
  for (let l = 0; l < lemmaCoverage.length; l++) lemmaCoverage[l] = lemmaUnitCount[l]! / Math.max(1, zhCount);
  // English units keep only their telling lemmas.
  const { start: eStart, lemmas: eLemmas, size: eSize } = english;
  const enCount = eStart.length - 1;
  const kept = new Int32Array(eSize);
  let keptSize = 0;
  const keptStart = new Int32Array(enCount + 1);
  for (let i = 0; i < enCount; i++) {
    for (let k = eStart[i]!; k < eStart[i + 1]!; k++) if (lemmaCoverage[eLemmas[k]!]! <= MAX_COVERAGE) kept[keptSize++] = eLemmas[k]!;
    keptStart[i + 1] = keptSize;
  }
  return {
    lemmaCoverage,
    lemmaUnitCount,
    zStart,
    zEntries,
    eStart: keptStart,
    eLemmas: kept.slice(0, keptSize),
    entryStart: lexicon.lemmaStart,
    entryLemmas: lexicon.lemmaIds,
    coverage,
    lemmaCount: lexicon.lemmaCount,
    lexicon,
  };
}

/**
 * Costs of an entry's outcomes, per number of English units n (1 … MAX_ENGLISH_UNITS):
 * found[f · M + n − 1] = −λ·log(p₁ / p₀(n)), missed[…] = −λ·log((1 − p₁) / (1 − p₀(n))).
 */
export function outcomeCosts(view: LexicalView, p1: number, weight: number): OutcomeCosts {
  const zh = sideCosts(view.coverage, MAX_ENGLISH_UNITS, view.eStart.length - 1, p1, weight);
  const en = sideCosts(view.lemmaCoverage, MAX_CHINESE_UNITS, view.zStart.length - 1, p1, weight);
  return { found: zh.found, missed: zh.missed, best: zh.best, lemmaFound: en.found, lemmaMissed: en.missed, lemmaBest: en.best };
}

export interface OutcomeCosts {
  found: Float64Array;
  missed: Float64Array;
  best: Float64Array;
  /** The same for English lemmas, per number of Chinese units (1 … MAX_CHINESE_UNITS). */
  lemmaFound: Float64Array;
  lemmaMissed: Float64Array;
  lemmaBest: Float64Array;
}

function sideCosts(coverageOf: Float64Array, maxUnits: number, otherUnits: number, p1: number, weight: number): { found: Float64Array; missed: Float64Array; best: Float64Array } {
  const MAX_ENGLISH_UNITS = maxUnits;
  const n = coverageOf.length;
  const found = new Float64Array(n * MAX_ENGLISH_UNITS);
  const missed = new Float64Array(n * MAX_ENGLISH_UNITS);
  // The lowest cost an entry can add to any link: a bound for the search's pruning.
  const best = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    const c = Math.max(coverageOf[f]!, 0.5 / Math.max(1, otherUnits));
    let low = Infinity;
    for (let units = 1; units <= MAX_ENGLISH_UNITS; units++) {
      const p0 = Math.min(0.95, 1 - (1 - c) ** units);
      const at = f * MAX_ENGLISH_UNITS + units - 1;
      found[at] = -weight * Math.log(p1 / p0);
      missed[at] = -weight * Math.log((1 - p1) / (1 - p0));
      low = Math.min(low, found[at]!, missed[at]!);
    }
    best[f] = low;
  }
  return { found, missed, best };
}
