// zh→en alignment by dynamic programming over beads (Gale–Church), scored by a length model refitted
// on the document, by landmarks (numbers, dates, section numbering, titles, glossary terms, Latin words,
// brackets, and words of a small built-in lexicon) and by the paragraphs' shape (headings and notes
// keep apart from prose; sentence counts carry over). Two passes: a wide, cheap one with the prior
// model; then the length model and shape frequencies are refitted on the document, leaving a
// paragraph unmatched is priced by whether its landmarks occur near where the first pass put it, and a
// final pass, in a narrow band around the first path, gives the links and their confidence.

import type { EnglishWords } from '../dictionary/index.ts';
import { documentLexicon, extendLexicon, segmentTexts, type DocumentLexicon } from './document-lexicon.ts';
import { englishLemmaIds, glossaryTranslations, learnTranslations, type WordPair } from './word-model.ts';
import { builtInLexicon } from './lexicon.ts';
import type { Mention } from './landmarks.ts';
import { buildGlossaryIndex } from './landmarks.ts';
import { landmarkReasons, lengthReason, shapeReason } from './explain.ts';
import type { LengthModel, LengthSample } from './length-model.ts';
import { DEFAULT_LENGTH_MODEL, fitLengthModel } from './length-model.ts';
import { BEAD_PRIOR, Prepared, ONE_ONE, Scorer, TUNING } from './scorer.ts';
import type { Bead, Segment, Step } from './search.ts';
import { COMMON_BEADS, searchBeads, searchedWhole, searchPath } from './search.ts';
import type { AlignOptions, AlignResult, Link, LinkSpec, Reason, TextPair } from './types.ts';

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let k = start; k < end; k++) out.push(k);
  return out;
}

function specKey(zh: readonly number[], en: readonly number[]): string {
  return zh.join(',') + '|' + en.join(',');
}

interface Plan {
  /** Confirmed links with both sides, in order: fixed points between which the rest is aligned. */
  fixed: LinkSpec[];
  /** Paragraphs confirmed as unmatched: each must end up alone in a 1-0 or 0-1 link. */
  forcedZh: Set<number>;
  forcedEn: Set<number>;
  confirmedKeys: Set<string>;
}

/** Check the confirmed links (contiguous, in range, disjoint, not crossing) and sort them into fixed points and forced nulls. */
function planConfirmed(confirmed: readonly LinkSpec[], nz: number, ne: number): Plan {
  const plan: Plan = { fixed: [], forcedZh: new Set(), forcedEn: new Set(), confirmedKeys: new Set() };
  const usedZh = new Set<number>();
  const usedEn = new Set<number>();
  const check = (indices: readonly number[], size: number, used: Set<number>, side: string): void => {
    indices.forEach((k, at) => {
      if (!Number.isInteger(k) || k < 0 || k >= size) throw new RangeError(`confirmed link has ${side} index ${k}, out of range`);
      if (at > 0 && k !== indices[at - 1]! + 1) throw new RangeError(`confirmed link has non-contiguous ${side} indices`);
      if (used.has(k)) throw new RangeError(`${side} index ${k} is in two confirmed links`);
      used.add(k);
    });
  };
  for (const link of confirmed) {
    check(link.zh, nz, usedZh, 'Chinese');
    check(link.en, ne, usedEn, 'English');
    if (link.zh.length === 0 && link.en.length === 0) throw new RangeError('confirmed link is empty');
    plan.confirmedKeys.add(specKey(link.zh, link.en));
    if (link.en.length === 0) link.zh.forEach((k) => plan.forcedZh.add(k));
    else if (link.zh.length === 0) link.en.forEach((k) => plan.forcedEn.add(k));
    else plan.fixed.push({ zh: [...link.zh], en: [...link.en] });
  }
  plan.fixed.sort((a, b) => a.zh[0]! - b.zh[0]!);
  for (let k = 1; k < plan.fixed.length; k++) {
    if (plan.fixed[k]!.en[0]! < plan.fixed[k - 1]!.en[0]!) throw new RangeError('confirmed links cross each other');
  }
  return plan;
}

/** The stretches between fixed points, and the fixed points themselves as beads. */
function segmentsOf(plan: Plan, nz: number, ne: number): { segments: Segment[]; fixed: Bead[] } {
  const segments: Segment[] = [];
  const fixed: Bead[] = [];
  let z = 0;
  let e = 0;
  for (const link of plan.fixed) {
    const zs = link.zh[0]!;
    const es = link.en[0]!;
    segments.push({ z0: z, z1: zs, e0: e, e1: es });
    z = zs + link.zh.length;
    e = es + link.en.length;
    fixed.push({ zs, ze: z, es, ee: e, bead: -1, confidence: 1 });
  }
  segments.push({ z0: z, z1: nz, e0: e, e1: ne });
  return { segments, fixed };
}

/** Whether step k is a 1-1 link with 1-1 links (or a segment's end) on both sides: such links are rarely wrong. */
function amidOneToOne(steps: readonly Step[], k: number): boolean {
  if (steps[k]!.bead !== ONE_ONE) return false;
  const before = steps[k - 1];
  const after = steps[k + 1];
  return (before === undefined || before.bead === ONE_ONE) && (after === undefined || after.bead === ONE_ONE);
}

/** Length samples to refit the model: confirmed links, and 1-1 links between two other 1-1 links (rarely wrong). */
function lengthSamples(doc: Prepared, scorer: Scorer, paths: readonly Step[][], segments: readonly Segment[], fixed: readonly Bead[]): LengthSample[] {
  const samples: LengthSample[] = [];
  for (const f of fixed) {
    const sample = { zh: doc.zhLength(f.zs, f.ze), en: doc.enLength(f.es, f.ee) };
    samples.push(sample, sample);
  }
  paths.forEach((steps, s) => {
    const seg = segments[s]!;
    steps.forEach((step, k) => {
      if (!amidOneToOne(steps, k)) return;
      const zh = doc.zhLength(seg.z0 + step.i - 1, seg.z0 + step.i);
      const en = doc.enLength(seg.e0 + step.j - 1, seg.e0 + step.j);
      // Outliers (a poor fit even so) would inflate the variance: leave them out.
      if (scorer.lengthCost(zh, en) < 4.5) samples.push({ zh, en });
    });
  });
  return samples;
}

/**
 * Shape frequencies of the first pass, shrunk towards the prior. The first pass only tries the common
 * shapes, so only they are refitted (sharing the prior's mass for common shapes); the rare keep theirs.
 */
function refitPriors(paths: readonly Step[][]): number[] {
  if (TUNING.priorStrength <= 0) return [...BEAD_PRIOR];
  const counts = new Array<number>(BEAD_PRIOR.length).fill(0);
  let total = 0;
  for (const steps of paths) {
    for (const s of steps) {
      counts[s.bead]!++;
      total++;
    }
  }
  const commonMass = BEAD_PRIOR.slice(0, COMMON_BEADS).reduce((a, b) => a + b, 0);
  return BEAD_PRIOR.map((p, b) =>
    b < COMMON_BEADS ? (commonMass * (counts[b]! + (TUNING.priorStrength * p) / commonMass)) / (total + TUNING.priorStrength) : p,
  );
}

/** Two-sided links of the first pass between two 1-1 links, and the confirmed links: the units learning trusts. */
function trustedUnits(paths: readonly Step[][], segments: readonly Segment[], fixed: readonly Bead[]): LinkSpec[] {
  const units: LinkSpec[] = fixed.map((f) => ({ zh: range(f.zs, f.ze), en: range(f.es, f.ee) }));
  paths.forEach((steps, s) => {
    const seg = segments[s]!;
    steps.forEach((step, k) => {
      if (!amidOneToOne(steps, k)) return;
      units.push({ zh: [seg.z0 + step.i - 1], en: [seg.e0 + step.j - 1] });
    });
  });
  return units;
}

/**
 * How often a Chinese word's dictionary translation is found in its translation, measured on the
 * trusted units and shrunk towards the prior (a literary translation paraphrases more than a treaty).
 */
function refitFound(doc: Prepared, units: readonly LinkSpec[]): number {
  const lexical = doc.lexical!;
  const stamp = new Int32Array(Math.max(1, lexical.lemmaCount)).fill(-1);
  let words = 0;
  let hits = 0;
  units.forEach((unit, u) => {
    for (const j of unit.en) for (let k = lexical.eStart[j]!; k < lexical.eStart[j + 1]!; k++) stamp[lexical.eLemmas[k]!] = u;
    for (const i of unit.zh) {
      for (let k = lexical.zStart[i]!; k < lexical.zStart[i + 1]!; k++) {
        const f = lexical.zEntries[k]!;
        words++;
        for (let l = lexical.entryStart[f]!; l < lexical.entryStart[f + 1]!; l++) {
          if (stamp[lexical.entryLemmas[l]!] === u) {
            hits++;
            break;
          }
        }
      }
    }
  });
  const prior = TUNING.dictionaryFound;
  const strength = 200;
  return Math.min(0.7, Math.max(0.15, (hits + strength * prior) / (words + strength)));
}

/** At most this many units feed the word model (its cost grows with them; more adds little), with at most this many words a side. */
const LEARNING_UNITS = 600;
const LEARNING_WORDS = 24;

/** IBM Model 1 over the trusted units and the confirmed text pairs: entry (Chinese word) → learned English lemmas it lacks. */
function learnFromUnits(
  lexicon: DocumentLexicon,
  english: EnglishWords,
  units: readonly LinkSpec[],
  confirmedPairs: readonly TextPair[],
): Map<number, string[]> {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const pairs: WordPair[] = [];
  const step = Math.max(1, Math.ceil(units.length / LEARNING_UNITS));
  const lemmas = english.lemmas;
  for (let u = 0; u < units.length; u += step) {
    const unit = units[u]!;
    const zhWords: number[] = [];
    for (const i of unit.zh) {
      const entries = lexicon.entriesOf(i);
      for (let k = 0; k < entries.length && zhWords.length < LEARNING_WORDS; k++) zhWords.push(entries[k]!);
    }
    const enWords: number[] = [];
    for (const j of unit.en) {
      for (let k = english.start[j]!; k < english.start[j + 1]! && enWords.length < LEARNING_WORDS * 2; k++) {
        const lemma = lemmas[english.ids[k]!]!;
        if (lemma.length < 2) continue;
        let id = ids.get(lemma);
        if (id === undefined) {
          id = names.length;
          ids.set(lemma, id);
          names.push(lemma);
        }
        enWords.push(id);
      }
    }
    if (zhWords.length > 0 && enWords.length > 0) pairs.push({ zh: zhWords, en: enWords });
  }
  if (confirmedPairs.length > 0 && lexicon.table) {
    // Text pairs from elsewhere in the project: segmented with the same table; their words join the entries by name.
    const entryByWord = new Map<string, number>();
    for (let f = 0; f < lexicon.size; f++) entryByWord.set(lexicon.word(f), f);
    const segmented = segmentTexts(confirmedPairs.map((p) => p.zh), lexicon.table);
    const { start, spans } = segmented;
    confirmedPairs.forEach((pair, k) => {
      const zhWords: number[] = [];
      for (let w = 3 * start[k]!; w < 3 * start[k + 1]!; w += 3) {
        const entry = entryByWord.get(pair.zh.slice(spans[w]!, spans[w + 1]!));
        if (entry !== undefined) zhWords.push(entry);
      }
      const enWords = englishLemmaIds(pair.en, ids, names);
      // A person's word counts for more than the aligner's guess.
      if (zhWords.length > 0 && enWords.length > 0) pairs.push({ zh: zhWords, en: enWords }, { zh: zhWords, en: enWords });
    });
  }
  const learned = new Map<number, string[]>();
  if (pairs.length < 20) return learned;
  for (const [entry, lemmas] of learnTranslations(pairs)) {
    const known = new Set(Array.from(lexicon.lemmas(entry), (l) => lexicon.lemma(l)));
    const fresh = lemmas.map((l) => names[l]!).filter((l) => !known.has(l));
    if (fresh.length > 0) learned.set(entry, fresh);
  }
  return learned;
}

/** How far from where the first pass put a paragraph its landmarks' partners are looked for. */
const PARTNER_WINDOW = 3;

/**
 * For each paragraph, the weight of its landmarks (section numbers aside, as when it is left unmatched)
 * that occur on the other side within a few paragraphs of where the first pass put it.
 */
function partnerWeights(doc: Prepared, paths: readonly Step[][], segments: readonly Segment[]): { zh: Float64Array; en: Float64Array } {
  // Where each paragraph sits on the other side, by the first pass (fixed points: where they are).
  const zAt = new Int32Array(doc.nz);
  const eAt = new Int32Array(doc.ne);
  segments.forEach((seg, s) => {
    let i = 0;
    let j = 0;
    for (const step of paths[s]!) {
      for (let k = seg.z0 + i; k < seg.z0 + step.i; k++) zAt[k] = seg.e0 + j;
      for (let k = seg.e0 + j; k < seg.e0 + step.j; k++) eAt[k] = seg.z0 + i;
      i = step.i;
      j = step.j;
    }
    for (let k = seg.z0 + i; k < seg.z1; k++) zAt[k] = seg.e0 + j;
    for (let k = seg.e0 + j; k < seg.e1; k++) eAt[k] = seg.z0 + i;
  });
  const view = doc.landmarks;
  const stamp = new Int32Array(view.keyWeights.length).fill(-1);
  const side = (
    n: number,
    at: Int32Array,
    start: Int32Array,
    keys: Int32Array,
    otherStart: Int32Array,
    otherKeys: Int32Array,
    otherN: number,
  ): Float64Array => {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const lo = Math.max(0, at[k]! - PARTNER_WINDOW);
      const hi = Math.min(otherN, at[k]! + PARTNER_WINDOW + 1);
      for (let t = otherStart[lo]!; t < otherStart[hi]!; t++) stamp[otherKeys[t]!] = k;
      let w = 0;
      for (let t = start[k]!; t < start[k + 1]!; t++) {
        const key = keys[t]!;
        if (stamp[key] === k && !view.section[key]) w += view.keyWeights[key]!;
      }
      out[k] = w;
    }
    stamp.fill(-1);
    return out;
  };
  return {
    zh: side(doc.nz, zAt, view.zKeyStart, view.zKeys, view.eKeyStart, view.eKeys, doc.ne),
    en: side(doc.ne, eAt, view.eKeyStart, view.eKeys, view.zKeyStart, view.zKeys, doc.nz),
  };
}

/** Starting model: the caller's ratio, or the whole texts' ratio kept within reach of the prior. */
function initialModel(doc: Prepared, ratio: number | undefined): LengthModel {
  if (ratio !== undefined && ratio > 0) return { ...DEFAULT_LENGTH_MODEL, ratio };
  const totalZ = doc.zhLength(0, doc.nz);
  const totalE = doc.enLength(0, doc.ne);
  if (totalZ === 0 || totalE === 0) return DEFAULT_LENGTH_MODEL;
  const prior = DEFAULT_LENGTH_MODEL.ratio;
  const global = Math.min(Math.max(totalE / totalZ, prior / 1.6), prior * 1.6);
  return { ...DEFAULT_LENGTH_MODEL, ratio: Math.sqrt(global * prior) };
}

/** The mentions of paragraphs [start, end), in text order (each paragraph's are already: see Prepared). */
function mentionsOf(paragraphs: Mention[][], start: number, end: number): Mention[] {
  return end - start === 1 ? paragraphs[start]! : paragraphs.slice(start, end).flat();
}

function explain(doc: Prepared, bead: Bead, model: LengthModel, confirmed: boolean): Reason[] {
  const reasons: Reason[] = [];
  if (confirmed) reasons.push({ kind: 'confirmed', text: 'confirmed by the translator' });
  const shape = shapeReason(bead.ze - bead.zs, bead.ee - bead.es);
  if (shape) reasons.push(shape);
  const length = lengthReason(doc.zhLength(bead.zs, bead.ze), doc.enLength(bead.es, bead.ee), model);
  if (length) reasons.push(length);
  reasons.push(...landmarkReasons(mentionsOf(doc.zMentions, bead.zs, bead.ze), mentionsOf(doc.eMentions, bead.es, bead.ee)));
  return reasons;
}

/**
 * Align Chinese paragraphs (or sentences) with English ones. Confirmed links are kept as they are and
 * the rest is aligned around them; every index of both sides is in exactly one link, in order.
 * Throws a RangeError if the confirmed links are inconsistent.
 */
export function align(zh: readonly string[], en: readonly string[], options: AlignOptions = {}): AlignResult {
  if (SHAPES.length === 0) pinShapes();
  return alignKeeping(zh, en, options, null);
}

function alignKeeping(zh: readonly string[], en: readonly string[], options: AlignOptions, keep: unknown[] | null): AlignResult {
  const plan = planConfirmed(options.confirmed ?? [], zh.length, en.length);
  const glossary = options.glossary && options.glossary.length > 0 ? buildGlossaryIndex(options.glossary) : undefined;
  const lexicon = options.dictionary
    ? documentLexicon(zh, options.dictionary, glossaryTranslations(options.glossary))
    : options.lexicon !== false && TUNING.lexiconWeight > 0
      ? builtInLexicon()
      : undefined;
  const doc = new Prepared(zh, en, glossary, plan.forcedZh, plan.forcedEn, lexicon);
  const { segments, fixed } = segmentsOf(plan, zh.length, en.length);

  // First pass with the prior model; refit the model on the links it is surest of; final pass near the first path.
  const first = initialModel(doc, options.ratio);
  // Lexicon words are left to the final pass: they settle close calls, and the first pass only has to come near.
  // So are dictionary words in a long text, searched in bands: its first path only guides the final band (and
  // on the long texts of the quality bench it comes out as good without them, at half the cost). A short text
  // is searched whole, and there the dictionary's say in the first pass is worth its cost.
  const firstScorer = new Scorer(doc, first, BEAD_PRIOR, false, undefined, TUNING.dictionaryFound, segments.every(searchedWhole));
  const paths = segments.map((seg) => searchPath(firstScorer, doc, seg));
  const model = fitLengthModel(lengthSamples(doc, firstScorer, paths, segments, fixed), first);
  // Second pass of the dictionary: word pairs learned from the first pass's links (and confirmed ones).
  let found: number | undefined;
  if (doc.lexical && options.dictionary) {
    const units = trustedUnits(paths, segments, fixed);
    found = refitFound(doc, units);
    const learned = learnFromUnits(doc.lexical.lexicon, doc.englishWords!, units, options.confirmedPairs ?? []);
    // The learned translations join the entries' own (the same words, lemmas and glossary terms: only what they change is weighed again).
    if (learned.size > 0) doc.extendLexicon(extendLexicon(doc.lexical.lexicon, learned), [...learned.keys()]);
  }
  const scorer = new Scorer(doc, model, refitPriors(paths), true, partnerWeights(doc, paths, segments), found);
  keep?.push(doc, firstScorer, scorer, segments, paths, fixed, plan);
  const beads: Bead[] = [];
  segments.forEach((seg, s) => {
    for (const bead of searchBeads(scorer, doc, seg, paths[s]!)) beads.push(bead);
    const f = fixed[s];
    if (f) beads.push(f);
  });

  const links: Link[] = beads.map((bead) => {
    const zhIdx = range(bead.zs, bead.ze);
    const enIdx = range(bead.es, bead.ee);
    const confirmed = bead.bead === -1 || (plan.confirmedKeys.size > 0 && plan.confirmedKeys.has(specKey(zhIdx, enIdx)));
    return {
      zh: zhIdx,
      en: enIdx,
      confidence: confirmed ? 1 : Math.round(bead.confidence * 10_000) / 10_000,
      reasons: explain(doc, bead, model, confirmed),
    };
  });
  const result = { links, ratio: Math.round(model.ratio * 1000) / 1000 };
  keep?.push(beads, result);
  return result;
}

/**
 * The working objects of one small alignment, kept alive: V8 drops an object shape once no object of
 * that shape is left, and with it the compiled code that relies on it, which every later alignment
 * would then recompile. Keeping one of each shape alive keeps the compiled code.
 */
const SHAPES: unknown[] = [];

function pinShapes(): void {
  alignKeeping(
    ['一、总则', '2014年5月19日，双方在北京举行会谈，合作增长百分之五。', '（完）'],
    ['I. General', 'On 19 May 2014 the two sides held talks in Beijing; cooperation grew by 5 percent.', 'Note: (end)'],
    {},
    SHAPES,
  );
}
