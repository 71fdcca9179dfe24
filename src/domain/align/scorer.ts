// The cost of a bead: −log prior of its shape, Gale–Church length cost, landmark bonus and penalties,
// and what the paragraphs' shape says (headings keep apart from prose, sentence counts carry over).
// Everything the cost needs is precomputed into typed arrays (prefix sums), so one bead costs O(1)
// unless both sides carry landmarks.

import type { GlossaryIndex, Mention } from './landmarks.ts';
import { buildVerbatimIndex, enContentsOf, extractEnLandmarks, extractZhLandmarks, keyWeight, sortByPosition } from './landmarks.ts';
import type { Lexicon } from './lexicon.ts';
import { LexiconHits } from './lexicon.ts';
import type { DocumentLexicon } from './document-lexicon.ts';
import { EN_SPACING, EN_STOP, englishWords, type EnglishWords } from '../dictionary/index.ts';
import type { LexicalView } from './lexical.ts';
import { buildLexicalView, extendLexicalView, MAX_CHINESE_UNITS, MAX_ENGLISH_UNITS, outcomeCosts } from './lexical.ts';
import { LexicalBand, type BandRows } from './lexical-band.ts';
import { pinShape } from './shape-pins.ts';
import type { LengthModel } from './length-model.ts';
import { countEnSentences, countZhSentences, enForm, HEADING, PROSE, zhForm } from './structure.ts';
import { enLength, TAIL_KNEE, tailCost, zhLengthWithNumbers } from './length-model.ts';
import { Int32List } from './int32-list.ts';

/** Mentions whose Chinese characters turn into digits in English. */
const NUMERIC_KINDS: ReadonlySet<string> = new Set(['number', 'date', 'percent', 'ordinal', 'section']);

/** Bead shapes as (Chinese count, English count). */
export const BEAD_ZH = Int8Array.of(1, 1, 0, 2, 1, 2, 3, 1, 1, 2, 3);
export const BEAD_EN = Int8Array.of(1, 0, 1, 1, 2, 2, 1, 3, 4, 3, 2);
export const BEADS = 11;
export const ONE_ONE = 0;
export const ONE_ZERO = 1;
export const ZERO_ONE = 2;
export const TWO_TWO = 5;

/**
 * How often each shape occurs in official translations: Gale–Church's figures, with more 1-2 splits
 * (English splits long Chinese paragraphs) and fewer 2-2 links. Refitted on each document.
 */
export const BEAD_PRIOR: readonly number[] = Object.freeze([0.85, 0.012, 0.012, 0.04, 0.05, 0.003, 0.008, 0.012, 0.003, 0.001, 0.001]);

/** Constants of the cost model, chosen on the development set (see bench/align-quality.ts). */
export const TUNING = Object.freeze({
  /** Cost per unit of landmark weight matched on both sides (a bonus) or found on one side only (a penalty). */
  landmarkMatch: 2.5,
  landmarkMiss: 1,
  /** Share of the penalty for the landmarks of a paragraph left unmatched (its landmarks go with it). */
  nullLandmarkMiss: 0.5,
  /** Leaving a paragraph unmatched costs more as it gets longer: this many nats per √(100 English characters). */
  deletionLength: 1,
  /** Weight of a built-in lexicon word found in few paragraphs (0: no lexicon). */
  lexiconWeight: 0.25,
  /** The most telling lexicon words kept per paragraph. */
  lexiconWordsKept: 5,
  /** The rarest dictionary words kept per paragraph (sentences keep all theirs). */
  dictionaryWordsKept: 12,
  /** Weight of the dictionary's log-likelihood ratios (words are not independent evidence). */
  dictionaryLlr: 0.5,
  /** Probability that a word's dictionary translation occurs in its true translation, before refitting. */
  dictionaryFound: 0.35,
  /** Weight of the prior shape frequencies against the first pass's counts (0: do not refit). */
  priorStrength: 100,
  /** Cost of a link that joins a paragraph with a heading after it (a heading never ends another paragraph's translation). */
  joinBeforeHeading: 3,
  /** Cost of a link that joins a heading with the paragraph after it (a run-in heading: it happens). */
  joinAfterHeading: 1,
  /** Cost of a link that joins a title or a note with the prose after it. */
  joinAfterLine: 2,
  /** Cost of a link that joins two numbered headings. */
  joinHeadings: 3,
  /** Cost of a link whose one side reads as a heading and the other as prose. */
  kindMismatch: 2,
  /**
   * Cost per sentence one side of a link has more than the other, per √(mean sentences): nine gold
   * links in ten keep the count (−log(0.9 / 0.09) ≈ 2.3 for a one-sentence difference at 1.5 sentences).
   */
  sentenceMismatch: 2.5,
});

/**
 * The landmark keys of both texts as typed arrays: per paragraph, its key ids (CSR layout), prefix sums
 * of their weights, and a 32-bit signature (disjoint signatures share no key).
 */
export interface LandmarkView {
  keyWeights: Float64Array;
  zKeyStart: Int32Array;
  zKeys: Int32Array;
  eKeyStart: Int32Array;
  eKeys: Int32Array;
  zLandmarkPrefix: Float64Array;
  eLandmarkPrefix: Float64Array;
  /** The weight that counts against leaving a paragraph unmatched: section numbers aside. */
  zDroppedPrefix: Float64Array;
  eDroppedPrefix: Float64Array;
  zMask: Int32Array;
  eMask: Int32Array;
  /** 1 for the keys of section numbering. */
  section: Uint8Array;
}

/** Per-paragraph key ids in CSR layout. */
interface KeyLists {
  start: Int32Array;
  keys: Int32Array;
}

/** Concatenate, paragraph by paragraph, the firm keys and (if given) the lexicon keys. */
function keyLists(firm: KeyLists, lexicon: KeyLists | undefined): KeyLists {
  if (!lexicon) return firm;
  const n = firm.start.length - 1;
  const start = new Int32Array(n + 1);
  const keys = new Int32Array(firm.keys.length + lexicon.keys.length);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let k = firm.start[i]!; k < firm.start[i + 1]!; k++) keys[at++] = firm.keys[k]!;
    for (let k = lexicon.start[i]!; k < lexicon.start[i + 1]!; k++) keys[at++] = lexicon.keys[k]!;
    start[i + 1] = at;
  }
  return { start, keys };
}

function landmarkView(z: KeyLists, e: KeyLists, keyWeights: Float64Array, section: Uint8Array): LandmarkView {
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
    zLandmarkPrefix: prefix(z.start, z.keys, false),
    eLandmarkPrefix: prefix(e.start, e.keys, false),
    zDroppedPrefix: prefix(z.start, z.keys, true),
    eDroppedPrefix: prefix(e.start, e.keys, true),
    zMask: keyMasks(z.start, z.keys),
    eMask: keyMasks(e.start, e.keys),
    section,
  };
}

function keyMasks(start: Int32Array, keys: Int32Array): Int32Array {
  const masks = new Int32Array(start.length - 1);
  for (let i = 0; i < masks.length; i++) {
    for (let k = start[i]!; k < start[i + 1]!; k++) masks[i]! |= 1 << (keys[k]! & 31);
  }
  return masks;
}

/** Interns landmark keys as small integers, in order of first use. */
class KeyTable {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
    }
    return id;
  }

  /** Key ids of the mentions of each paragraph. */
  lists(paragraphs: readonly Mention[][]): KeyLists {
    const start = new Int32Array(paragraphs.length + 1);
    const keys: number[] = [];
    paragraphs.forEach((mentions, i) => {
      for (const m of mentions) for (const key of m.keys) keys.push(this.id(key));
      start[i + 1] = keys.length;
    });
    return { start, keys: Int32Array.from(keys) };
  }
}

pinShape(new Int32List());
pinShape(new KeyTable());
pinShape(new LexiconHits());

/**
 * Lexicon words of one side: every hit of every paragraph with the entries it newly brings to its
 * paragraph (an entry met earlier in the paragraph adds nothing), in flat arrays.
 */
interface LexiconSide {
  /** Hits of paragraph i: hitStart[i] … hitStart[i + 1]. */
  hitStart: Int32Array;
  hitAt: Int32Array;
  hitEnd: Int32Array;
  /** Entries of hit h: entries[entryStart[h] … entryStart[h + 1]]. */
  entryStart: Int32Array;
  entries: Int32Array;
}

/** Scan one side for lexicon words, counting in `df` the paragraphs each entry occurs in. */
function scanLexicon(lexicon: Lexicon, texts: readonly string[], side: 'zh' | 'en', df: Int32Array): LexiconSide {
  const hits = new LexiconHits();
  const seen = new Int32Array(lexicon.size).fill(-1);
  const hitStart = new Int32Array(texts.length + 1);
  const hitAt = new Int32List();
  const hitEnd = new Int32List();
  const entryStart = new Int32List();
  const entries = new Int32List();
  entryStart.push(0);
  const { lists } = lexicon;
  for (let i = 0; i < texts.length; i++) {
    if (side === 'zh') lexicon.scanZh(texts[i]!, hits);
    else lexicon.scanEn(texts[i]!, hits);
    for (let h = 0; h < hits.count; h++) {
      const before = entries.length;
      const ids = lists[hits.list[h]!]!;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        if (seen[id] === i) continue;
        seen[id] = i;
        df[id]!++;
        entries.push(id);
      }
      if (entries.length === before) continue;
      hitAt.push(hits.at[h]!);
      hitEnd.push(hits.end[h]!);
      entryStart.push(entries.length);
    }
    hitStart[i + 1] = hitAt.length;
  }
  return { hitStart, hitAt: hitAt.done(), hitEnd: hitEnd.done(), entryStart: entryStart.done(), entries: entries.done() };
}

/**
 * Lexicon words weigh by their rarity in the document (inverse document frequency, on the side where
 * they are more frequent): a word in every paragraph tells no paragraph from another.
 */
function lexiconEntryWeights(zDf: Int32Array, eDf: Int32Array, paragraphs: number, weight: number): Float64Array {
  const n = Math.max(paragraphs, 1);
  const weights = new Float64Array(zDf.length);
  for (let id = 0; id < weights.length; id++) {
    const most = Math.max(zDf[id]!, eDf[id]!);
    if (most === 0) continue;
    const rarity = Math.log((n + 1) / most) / Math.LN10;
    weights[id] = weight * Math.min(1, Math.max(0, rarity));
  }
  return weights;
}

/** Weight of a lexicon hit: that of its heaviest entry. */
function hitWeight(side: LexiconSide, weights: Float64Array, h: number): number {
  let w = 0;
  for (let k = side.entryStart[h]!; k < side.entryStart[h + 1]!; k++) w = Math.max(w, weights[side.entries[k]!]!);
  return w;
}


/**
 * Keep the most telling lexicon words of each paragraph (the rest add work and little evidence):
 * those weighing at least as much as its TUNING.lexiconWordsKept-th heaviest, in order, that many at most.
 * They are appended to the paragraph's mentions; their key ids are returned.
 */
function keepRarestWords(
  side: LexiconSide,
  texts: readonly string[],
  weights: Float64Array,
  lexicon: Lexicon,
  table: KeyTable,
  mentions: Mention[][],
): KeyLists {
  const start = new Int32Array(texts.length + 1);
  const keys: number[] = [];
  const entryKey = new Int32Array(lexicon.size).fill(-1);
  const heaviest = new Float64Array(TUNING.lexiconWordsKept);
  for (let i = 0; i < texts.length; i++) {
    const h0 = side.hitStart[i]!;
    const h1 = side.hitStart[i + 1]!;
    let threshold = -Infinity;
    if (h1 - h0 > TUNING.lexiconWordsKept) {
      // The heaviest weights so far, in decreasing order (insertion into a short array).
      heaviest.fill(-Infinity);
      for (let h = h0; h < h1; h++) {
        const w = hitWeight(side, weights, h);
        let at = TUNING.lexiconWordsKept - 1;
        if (w <= heaviest[at]!) continue;
        while (at > 0 && heaviest[at - 1]! < w) {
          heaviest[at] = heaviest[at - 1]!;
          at--;
        }
        heaviest[at] = w;
      }
      threshold = heaviest[TUNING.lexiconWordsKept - 1]!;
    }
    let kept = 0;
    const list = mentions[i]!;
    for (let h = h0; h < h1 && kept < TUNING.lexiconWordsKept; h++) {
      if (hitWeight(side, weights, h) < threshold) continue;
      kept++;
      const names: string[] = [];
      for (let k = side.entryStart[h]!; k < side.entryStart[h + 1]!; k++) {
        const id = side.entries[k]!;
        if (entryKey[id]! < 0) entryKey[id] = table.id(lexicon.key(id));
        keys.push(entryKey[id]!);
        names.push(lexicon.key(id));
      }
      const at = side.hitAt[h]!;
      const surface = texts[i]!.slice(at, side.hitEnd[h]!);
      list.push({ kind: lexicon.kind, surface, at, length: surface.length, keys: names });
    }
    start[i + 1] = keys.length;
  }
  return { start, keys: Int32Array.from(keys) };
}

/** Features of the two texts, computed once per alignment. */
export class Prepared {
  readonly nz: number;
  readonly ne: number;
  readonly zPrefix: Float64Array;
  readonly ePrefix: Float64Array;
  /** All landmarks, lexicon words included. */
  readonly landmarks: LandmarkView;
  /** Landmarks without lexicon words: cheaper, for the first, wide pass. */
  readonly firmLandmarks: LandmarkView;
  /** What each paragraph reads as: prose, a title line, a numbered heading or a note (structure.ts). */
  readonly zForm: Uint8Array;
  readonly eForm: Uint8Array;
  /** Prefix counts of the paragraphs that are not prose. */
  readonly zNonProsePrefix: Float64Array;
  readonly eNonProsePrefix: Float64Array;
  /** Prefix sums of the sentences of each paragraph (headings and notes count none). */
  readonly zSentencePrefix: Float64Array;
  readonly eSentencePrefix: Float64Array;
  /** Whether the units are single sentences already (a sentence-level alignment). */
  readonly sentenceUnits: boolean;
  readonly zForcedPrefix: Int32Array;
  readonly eForcedPrefix: Int32Array;
  readonly hasForced: boolean;
  readonly zMentions: Mention[][];
  readonly eMentions: Mention[][];
  /** Dictionary evidence, when the alignment has a dictionary (lexical.ts). */
  lexical: LexicalView | undefined;
  private readonly dictionaryWordsKept: number;

  constructor(
    zh: readonly string[],
    en: readonly string[],
    glossary: GlossaryIndex | undefined,
    forcedZh: ReadonlySet<number>,
    forcedEn: ReadonlySet<number>,
    lexicon?: Lexicon | DocumentLexicon,
  ) {
    this.nz = zh.length;
    this.ne = en.length;
    // Landmarks, then Latin words kept as written, then lexicon words (mention order is sorted out when explaining).
    const verbatim = buildVerbatimIndex(zh);
    this.zMentions = zh.map((text) => {
      const mentions = extractZhLandmarks(text, glossary);
      if (verbatim) mentions.push(...verbatim.matchZh(text));
      return mentions;
    });
    // One tokenisation of the English serves its landmarks, lengths and sentence counts, and the dictionary's lemmas.
    const english = englishWords(en);
    const enContents = enContentsOf(en, english);
    this.eMentions = en.map((text, i) => {
      const mentions = extractEnLandmarks(text, glossary, enContents[i]);
      if (verbatim) mentions.push(...verbatim.matchEn(text));
      return mentions;
    });
    // Numbers and dates count like digits in the Chinese length (二〇一四年 is "2014", not 20 characters).
    this.zPrefix = prefixSums(zh.map((text, i) => zhLengthWithNumbers(text, (this.zMentions[i] ?? []).filter((m) => NUMERIC_KINDS.has(m.kind)))));
    this.ePrefix = prefixSums(en.map((text, i) => enLength(text, (english.contents[i]! & EN_SPACING) !== 0)));
    const table = new KeyTable();
    const zFirm = table.lists(this.zMentions);
    const eFirm = table.lists(this.eMentions);
    const firmCount = table.names.length;
    // A dictionary is weighed word by word (lexical.ts); the built-in lexicon as landmarks.
    this.dictionaryWordsKept = sentenceLike(zh) ? Infinity : TUNING.dictionaryWordsKept;
    const dictionary = lexicon?.kind === 'dictionary' ? (lexicon as DocumentLexicon) : undefined;
    this.englishWords = dictionary ? english : undefined;
    this.lexical = dictionary ? buildLexicalView(dictionary, zh.length, this.englishWords!, this.dictionaryWordsKept) : undefined;
    // The built-in lexicon is weighed as landmarks; a dictionary word by word (above).
    const words = dictionary ? undefined : (lexicon as Lexicon | undefined);
    let zLexicon: KeyLists | undefined;
    let eLexicon: KeyLists | undefined;
    let entryWeights: Float64Array | undefined;
    if (words) {
      const zDf = new Int32Array(words.size);
      const eDf = new Int32Array(words.size);
      const zSide = scanLexicon(words, zh, 'zh', zDf);
      const eSide = scanLexicon(words, en, 'en', eDf);
      entryWeights = lexiconEntryWeights(zDf, eDf, Math.max(zh.length, en.length), TUNING.lexiconWeight);
      zLexicon = keepRarestWords(zSide, zh, entryWeights, words, table, this.zMentions);
      eLexicon = keepRarestWords(eSide, en, entryWeights, words, table, this.eMentions);
    }
    const keyWeights = new Float64Array(table.names.length);
    const section = new Uint8Array(table.names.length);
    table.names.forEach((key, id) => {
      keyWeights[id] = entryWeights && key.startsWith('l:') ? entryWeights[Number(key.slice(2))]! : keyWeight(key);
      section[id] = key.startsWith('s:') || key.startsWith('h:') ? 1 : 0;
    });
    // Mentions in text order, for explaining links.
    for (const mentions of this.zMentions) sortByPosition(mentions);
    for (const mentions of this.eMentions) sortByPosition(mentions);
    this.firmLandmarks = landmarkView(zFirm, eFirm, keyWeights.subarray(0, firmCount), section);
    this.landmarks = words ? landmarkView(keyLists(zFirm, zLexicon), keyLists(eFirm, eLexicon), keyWeights, section) : this.firmLandmarks;
    this.zForm = Uint8Array.from(zh, (text, i) => zhForm(text, this.zMentions[i]!));
    this.eForm = Uint8Array.from(en, (text, i) => enForm(text, this.eMentions[i]!));
    this.zNonProsePrefix = prefixSums([...this.zForm].map((k) => (k === PROSE ? 0 : 1)));
    this.eNonProsePrefix = prefixSums([...this.eForm].map((k) => (k === PROSE ? 0 : 1)));
    // Headings and other lines are no sentences: only prose is counted.
    const zSentences = zh.map((text, i) => (this.zForm[i] ? 0 : countZhSentences(text)));
    const eSentences = en.map((text, i) => (this.eForm[i] ? 0 : countEnSentences(text, (english.contents[i]! & EN_STOP) !== 0)));
    this.zSentencePrefix = prefixSums(zSentences);
    this.eSentencePrefix = prefixSums(eSentences);
    // Units of a sentence each: the counts would say nothing the bead shapes do not.
    const multi = (counts: number[]): number => counts.filter((c) => c > 1).length / Math.max(1, counts.length);
    this.sentenceUnits = multi(zSentences) < 0.1 && multi(eSentences) < 0.1;
    this.zForcedPrefix = flagPrefix(this.nz, forcedZh);
    this.eForcedPrefix = flagPrefix(this.ne, forcedEn);
    this.hasForced = forcedZh.size + forcedEn.size > 0;
  }

  /** The English words of the document, when it is aligned with a dictionary. */
  readonly englishWords: EnglishWords | undefined;

  /** Weigh the dictionary words of an extension of the current lexicon (extendLexicon) whose entries `changed` gained lemmas. */
  extendLexicon(lexicon: DocumentLexicon, changed: readonly number[]): void {
    this.lexical = extendLexicalView(this.lexical!, lexicon, this.nz, this.englishWords!, changed, this.dictionaryWordsKept);
  }

  zhLength(start: number, end: number): number {
    return this.zPrefix[end]! - this.zPrefix[start]!;
  }

  enLength(start: number, end: number): number {
    return this.ePrefix[end]! - this.ePrefix[start]!;
  }
}


/**
 * Cost of one link spanning the boundary between paragraphs of these kinds: prose never runs on into
 * a heading or note after it; a numbered heading may run into its text (a run-in heading), a title or
 * a note less often; two numbered headings keep apart.
 */
function joinCost(before: number, after: number): number {
  if (before === PROSE) return after === PROSE ? 0 : TUNING.joinBeforeHeading;
  if (after === PROSE) return before === HEADING ? TUNING.joinAfterHeading : TUNING.joinAfterLine;
  return before === HEADING && after === HEADING ? TUNING.joinHeadings : 0;
}

function joinPrefix(heading: Uint8Array): Float64Array {
  const prefix = new Float64Array(heading.length + 1);
  for (let k = 0; k + 1 < heading.length; k++) {
    const cost = joinCost(heading[k]!, heading[k + 1]!);
    prefix[k + 1] = prefix[k]! + cost;
  }
  return prefix;
}

/** Whether texts read as single sentences (short on average): every dictionary word then counts. */
function sentenceLike(zh: readonly string[]): boolean {
  let total = 0;
  for (const text of zh) total += text.length;
  return total / Math.max(1, zh.length) < 80;
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
export const TAIL_STEP = 64;
const TAIL_MAX = 8;
export const TAIL_TABLE = Float64Array.from({ length: TAIL_MAX * TAIL_STEP + 2 }, (_, k) => tailCost(k / TAIL_STEP));

function tableTail(x: number): number {
  if (x >= TAIL_MAX) return tailCost(x);
  const at = x * TAIL_STEP;
  const k = at | 0;
  const lo = TAIL_TABLE[k]!;
  return lo + (TAIL_TABLE[k + 1]! - lo) * (at - k);
}

/** Scores beads for one length model. */
export class Scorer {
  readonly doc: Prepared;
  readonly ratio: number;
  readonly variance: number;
  /** −log prior of each shape. */
  readonly beadCost: Float64Array;
  private readonly counts: Int32Array;
  readonly landmarkMatch: number;
  readonly landmarkMiss: number;
  readonly knee: number;
  readonly kneeCost: number;
  /** Cost of a link whose one side reads as a heading (or note) and the other as prose. */
  readonly kindMismatch: number;
  /** Cost per sentence of difference per √(sentences); 0 when the units are sentences already. */
  readonly sentenceMismatch: number;

  /** Dictionary outcome costs per entry and English size (lexical.ts), or null without a dictionary. */
  readonly lexFound: Float64Array | null = null;
  readonly lexMissed: Float64Array | null = null;
  private lemmaFound: Float64Array | null = null;
  private lemmaMissed: Float64Array | null = null;
  private readonly entryStamp: Int32Array;
  /** Prefix sums over Chinese units of the lowest dictionary cost their words can add (for pruning). */
  readonly zLexBestPrefix: Float64Array;
  readonly eLexBestPrefix: Float64Array;
  private readonly lemmaStamp: Int32Array;
  private stampId = 0;
  /** The dictionary evidence this scorer weighs, and its costs tabulated over the band being searched. */
  private readonly lexicalView: LexicalView | undefined;
  private readonly lexicalBand: LexicalBand | null = null;

  /** The landmarks this scorer reads (with or without lexicon words). */
  readonly view: LandmarkView;

  /** Sum over the boundaries k | k + 1 before k of the cost of a link spanning that boundary. */
  readonly zJoinPrefix: Float64Array;
  readonly eJoinPrefix: Float64Array;
  /** Cost of leaving each paragraph unmatched (in a 1-0 or 0-1 link of its own), its prior included. */
  readonly zNull: Float64Array;
  readonly eNull: Float64Array;

  /**
   * `partners`: per paragraph, the weight of its landmarks found on the other side near where it should
   * be (from a first alignment). Without it, a paragraph left unmatched pays half a miss for each landmark.
   * `dictionary`: whether the document's dictionary evidence (if any) is weighed.
   */
  constructor(
    doc: Prepared,
    model: LengthModel,
    priors: ArrayLike<number> = BEAD_PRIOR,
    lexicon = true,
    partners?: { zh: Float64Array; en: Float64Array },
    dictionaryFound: number = TUNING.dictionaryFound,
    dictionary = true,
  ) {
    this.doc = doc;
    const lexical = dictionary ? doc.lexical : undefined;
    this.zLexBestPrefix = new Float64Array(doc.nz + 1);
    this.eLexBestPrefix = new Float64Array(doc.ne + 1);
    this.lemmaStamp = new Int32Array(lexical ? Math.max(1, lexical.lemmaCount) : 1);
    this.entryStamp = new Int32Array(lexical ? Math.max(1, lexical.lemmaCount) : 1);
    this.lexicalView = lexical;
    if (lexical) {
      const costs = outcomeCosts(lexical, dictionaryFound, TUNING.dictionaryLlr);
      this.lexicalBand = new LexicalBand(lexical, costs);
      this.lexFound = costs.found;
      this.lexMissed = costs.missed;
      this.lemmaFound = costs.lemmaFound;
      this.lemmaMissed = costs.lemmaMissed;
      for (let i = 0; i < doc.nz; i++) {
        let low = 0;
        for (let k = lexical.zStart[i]!; k < lexical.zStart[i + 1]!; k++) low += costs.best[lexical.zEntries[k]!]!;
        this.zLexBestPrefix[i + 1] = this.zLexBestPrefix[i]! + low;
      }
      for (let j = 0; j < doc.ne; j++) {
        let low = 0;
        for (let k = lexical.eStart[j]!; k < lexical.eStart[j + 1]!; k++) low += costs.lemmaBest[lexical.eLemmas[k]!]!;
        this.eLexBestPrefix[j + 1] = this.eLexBestPrefix[j]! + low;
      }
    }
    this.view = lexicon ? doc.landmarks : doc.firmLandmarks;
    this.ratio = model.ratio;
    this.variance = model.variance;
    this.beadCost = Float64Array.from(priors, (p) => -Math.log(p));
    this.counts = new Int32Array(this.view.keyWeights.length);
    this.landmarkMatch = TUNING.landmarkMatch;
    this.landmarkMiss = TUNING.landmarkMiss;
    this.knee = TAIL_KNEE;
    this.kneeCost = tailCost(TAIL_KNEE);
    this.kindMismatch = TUNING.kindMismatch;
    this.sentenceMismatch = doc.sentenceUnits ? 0 : TUNING.sentenceMismatch;
    this.zJoinPrefix = joinPrefix(doc.zForm);
    this.eJoinPrefix = joinPrefix(doc.eForm);
    const nullCosts = (n: number, prior: number, lengths: Float64Array, ratio: number, dropped: Float64Array, partnered: Float64Array | undefined): Float64Array => {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const length = (lengths[k + 1]! - lengths[k]!) * ratio;
        // Landmarks met near where the paragraph should be say it was translated; landmarks met nowhere near, that it was left out.
        const landmarks = partnered ? this.landmarkMiss * partnered[k]! : TUNING.nullLandmarkMiss * this.landmarkMiss * (dropped[k + 1]! - dropped[k]!);
        out[k] = prior + TUNING.deletionLength * Math.sqrt(length * 0.01) + landmarks;
      }
      return out;
    };
    this.zNull = nullCosts(doc.nz, this.beadCost[ONE_ZERO]!, doc.zPrefix, this.ratio, this.view.zDroppedPrefix, partners?.zh);
    this.eNull = nullCosts(doc.ne, this.beadCost[ZERO_ONE]!, doc.ePrefix, 1, this.view.eDroppedPrefix, partners?.en);
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
   * What a two-sided link costs besides its prior, length and landmarks: joining paragraphs across
   * boundaries that rarely share a link, a heading facing prose, and differing sentence counts.
   */
  structureCost(zs: number, i: number, es: number, j: number): number {
    const doc = this.doc;
    let cost = 0;
    if (i - zs > 1) cost += this.zJoinPrefix[i - 1]! - this.zJoinPrefix[zs]!;
    if (j - es > 1) cost += this.eJoinPrefix[j - 1]! - this.eJoinPrefix[es]!;
    const zAllHeadings = doc.zNonProsePrefix[i]! - doc.zNonProsePrefix[zs]! === i - zs;
    const eAllHeadings = doc.eNonProsePrefix[j]! - doc.eNonProsePrefix[es]! === j - es;
    if (zAllHeadings !== eAllHeadings) cost += this.kindMismatch;
    if (this.sentenceMismatch > 0) {
      const sz = doc.zSentencePrefix[i]! - doc.zSentencePrefix[zs]!;
      const se = doc.eSentencePrefix[j]! - doc.eSentencePrefix[es]!;
      if (sz !== se) cost += (this.sentenceMismatch * Math.abs(sz - se)) / Math.sqrt((sz + se) * 0.5);
    }
    return cost;
  }

  /** Before searching a band of the segment starting at Chinese z0 and English e0: tabulate its dictionary costs. */
  prepareBand(z0: number, e0: number, band: BandRows): void {
    this.lexicalBand?.prepare(z0, e0, band);
  }

  /**
   * Where lexicalInto and landmarkInto leave their costs (out[0], out[1]): the sweeps call them for
   * hundreds of thousands of beads, and a double returned by a call that is not inlined would be a
   * fresh heap number each time.
   */
  readonly out = new Float64Array(2);

  /** The dictionary part of a two-sided link's cost: each Chinese word's translation found in the English or not. */
  lexicalCost(zs: number, zi: number, es: number, ej: number): number {
    this.lexicalInto(zs, zi, es, ej);
    return this.out[0]!;
  }

  /** lexicalCost, left in out[0]. */
  lexicalInto(zs: number, zi: number, es: number, ej: number): void {
    if (!this.lexicalBand!.costInto(this.out, zs, zi, es, ej)) this.out[0] = this.lexicalCostByWord(zs, zi, es, ej);
  }

  /** lexicalCost word by word, for links outside the tabulated band. */
  lexicalCostByWord(zs: number, zi: number, es: number, ej: number): number {
    const lexical = this.lexicalView!;
    const found = this.lexFound!;
    const missed = this.lexMissed!;
    const stamp = this.lemmaStamp;
    const id = ++this.stampId;
    const { eStart, eLemmas, zStart, zEntries, entryStart, entryLemmas } = lexical;
    for (let k = eStart[es]!; k < eStart[ej]!; k++) stamp[eLemmas[k]!] = id;
    const units = Math.min(ej - es, MAX_ENGLISH_UNITS) - 1;
    let cost = 0;
    for (let k = zStart[zs]!; k < zStart[zi]!; k++) {
      const f = zEntries[k]!;
      let hit = false;
      for (let l = entryStart[f]!; l < entryStart[f + 1]!; l++) {
        if (stamp[entryLemmas[l]!] === id) {
          hit = true;
          break;
        }
      }
      cost += (hit ? found : missed)[f * MAX_ENGLISH_UNITS + units]!;
    }
    // English lemmas found among the translations of the Chinese words.
    const chinese = this.entryStamp;
    for (let k = zStart[zs]!; k < zStart[zi]!; k++) {
      const f = zEntries[k]!;
      for (let l = entryStart[f]!; l < entryStart[f + 1]!; l++) chinese[entryLemmas[l]!] = id;
    }
    const zUnits = Math.min(zi - zs, MAX_CHINESE_UNITS) - 1;
    const lemmaFound = this.lemmaFound!;
    const lemmaMissed = this.lemmaMissed!;
    for (let k = eStart[es]!; k < eStart[ej]!; k++) {
      const l = eLemmas[k]!;
      cost += (chinese[l] === id ? lemmaFound : lemmaMissed)[l * MAX_CHINESE_UNITS + zUnits]!;
    }
    return cost;
  }

  /** The landmark part of a two-sided link's cost: a penalty per unmatched weight, a bonus per matched weight. */
  landmarkCost(zs: number, i: number, es: number, j: number, wz: number, we: number): number {
    this.landmarkInto(zs, i, es, j, wz, we);
    return this.out[1]!;
  }

  /** landmarkCost, left in out[1]. */
  landmarkInto(zs: number, i: number, es: number, j: number, wz: number, we: number): void {
    let matched = 0;
    if (wz > 0 && we > 0) {
      const view = this.view;
      let zMask = 0;
      let eMask = 0;
      for (let k = zs; k < i; k++) zMask |= view.zMask[k]!;
      for (let k = es; k < j; k++) eMask |= view.eMask[k]!;
      if ((zMask & eMask) !== 0) matched = this.matchedWeight(zs, i, es, j);
    }
    this.out[1] = this.landmarkMiss * (wz + we - 2 * matched) - this.landmarkMatch * matched;
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
    if (zs === i) return prior >= limit ? Infinity : this.eNull[es]!;
    if (es === j) return prior >= limit ? Infinity : this.zNull[zs]!;
    const view = this.view;
    const wz = view.zLandmarkPrefix[i]! - view.zLandmarkPrefix[zs]!;
    const we = view.eLandmarkPrefix[j]! - view.eLandmarkPrefix[es]!;
    const lexical = this.lexFound !== null;
    // Landmarks can lower the cost by at most landmarkMatch × the smaller side's landmark weight.
    const lexBest = lexical ? this.zLexBestPrefix[i]! - this.zLexBestPrefix[zs]! + this.eLexBestPrefix[j]! - this.eLexBestPrefix[es]! : 0;
    if (prior + lexBest - this.landmarkMatch * (wz < we ? wz : we) >= limit) return Infinity;
    let cost = prior + this.lengthCost(doc.zPrefix[i]! - doc.zPrefix[zs]!, doc.ePrefix[j]! - doc.ePrefix[es]!) + this.structureCost(zs, i, es, j);
    if (lexical) cost += this.lexicalCost(zs, i, es, j);
    if (wz === 0 && we === 0) return cost;
    return cost + this.landmarkCost(zs, i, es, j, wz, we);
  }

  /** A paragraph the translator marked unmatched can only sit in a 1-0 or 0-1 link of its own; -1 if none is involved. */
  private forcedCost(b: number, i: number, j: number, zs: number, es: number): number {
    const doc = this.doc;
    const forcedZ = doc.zForcedPrefix[i]! - doc.zForcedPrefix[zs]!;
    const forcedE = doc.eForcedPrefix[j]! - doc.eForcedPrefix[es]!;
    if (forcedZ === 0 && forcedE === 0) return -1;
    return (b === ONE_ZERO && forcedZ > 0) || (b === ZERO_ONE && forcedE > 0) ? 0 : Infinity;
  }

  /** Weight of the landmark keys shared (as multisets) by Chinese [zs, ze) and English [es, ee). */
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
