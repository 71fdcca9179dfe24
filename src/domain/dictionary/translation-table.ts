// A compact Chinese word → English lemma table compiled from dictionary entries: what the aligner
// needs of a dictionary (not the pinyin, not the wording of the definitions). Compiled at build time
// into text, loaded by the aligner's Worker when it first aligns.
//
// Format (UTF-8 text, one record a line):
//   duizhao-translation-table 1
//   KEY=VALUE …                  (source, date, license, entries)
//   LEMMA LEMMA …                (every lemma once, the most used first: ids are positions)
//   WORD<TAB>ID,ID,…             (ids in base 36), one line per Chinese word

import type { CedictEntry } from './cedict.ts';
import { ENGLISH_WORD, englishLemma } from './english.ts';

const MAGIC = 'duizhao-translation-table 1';
/** More lemmas than this for one word say little about any of them (打 has forty senses). */
const MAX_LEMMAS = 8;
const HAN_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+$/;
/** Definitions that point to another entry, or name a classifier or a surname, give no English for this word. */
const NO_TRANSLATION = /^(?:CL:|variant of|old variant|archaic variant|Japanese variant|erhua variant|see also|see |also written|also pr\.|abbr\. for|used in|surname |\(old\) variant)/i;

/** The English lemmas of one definition: content words, outside brackets, stemmed. */
export function definitionLemmas(definition: string): string[] {
  if (NO_TRANSLATION.test(definition.trim())) return [];
  const plain = definition.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\b(?:lit|fig|esp|usu|abbr)\./gi, ' ');
  const out: string[] = [];
  for (const m of plain.matchAll(ENGLISH_WORD)) {
    if (m[0].length < 2) continue;
    const lemma = englishLemma(m[0]);
    if (lemma.length >= 2 && !out.includes(lemma)) out.push(lemma);
  }
  return out;
}

export interface TableMetadata {
  [key: string]: string;
}

/** Compile dictionary entries (simplified headwords) into the table's text. */
export function compileTranslationTable(entries: Iterable<CedictEntry>, metadata: TableMetadata = {}): string {
  const byWord = new Map<string, string[]>();
  for (const entry of entries) {
    const word = entry.simplified;
    if (!HAN_WORD.test(word)) continue;
    const lemmas = byWord.get(word) ?? [];
    for (const definition of entry.definitions) {
      for (const lemma of definitionLemmas(definition)) if (!lemmas.includes(lemma)) lemmas.push(lemma);
    }
    if (lemmas.length > 0) byWord.set(word, lemmas);
  }
  const uses = new Map<string, number>();
  for (const lemmas of byWord.values()) {
    lemmas.splice(MAX_LEMMAS);
    for (const lemma of lemmas) uses.set(lemma, (uses.get(lemma) ?? 0) + 1);
  }
  const vocabulary = [...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)! || (a < b ? -1 : 1));
  const ids = new Map(vocabulary.map((lemma, id) => [lemma, id.toString(36)]));
  const words = [...byWord.keys()].sort();
  const meta = { ...metadata, words: String(words.length) };
  const lines = [MAGIC, Object.entries(meta).map(([k, v]) => `${k}=${v.replace(/\s+/g, '_')}`).join(' '), vocabulary.join(' ')];
  for (const word of words) lines.push(`${word}\t${byWord.get(word)!.map((l) => ids.get(l)).join(',')}`);
  return lines.join('\n') + '\n';
}

export interface TranslationTable {
  readonly metadata: Readonly<TableMetadata>;
  /** Number of Chinese words; word ids run from 0. */
  readonly size: number;
  /** Longest Chinese word, in UTF-16 units. */
  readonly longest: number;
  /** Id of a Chinese word, or -1 when the table does not have it. */
  wordId(word: string): number;
  /** Lemma ids of a word (by id). */
  lemmasOf(wordId: number): readonly number[];
  /** The Chinese word with this id. */
  word(wordId: number): string;
  /** Its length in UTF-16 units. */
  wordLength(wordId: number): number;
  /** Number of lemmas; lemma ids run from 0. */
  readonly lemmaCount: number;
  /** The lemma with this id. */
  lemma(id: number): string;
  /** The id of an English lemma, or -1 when no word of the table translates to it. */
  lemmaId(lemma: string): number;
  /**
   * The longest word of the table starting at `at` in `text`: its id in `found.word` and its length
   * as the result, or 0 when no word starts there. Allocates nothing.
   */
  longestAt(text: string, at: number, found: { word: number }): number;
}

/** Size of the bit set of word-beginning pairs (128 KB: it stays in the processor's cache). */
const PAIR_BITS = 1 << 20;

function pairBit(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ second) & (PAIR_BITS - 1);
}

function hashAt(text: string, at: number, length: number): number {
  let h = 0x811c9dc5;
  for (let k = at; k < at + length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/**
 * Reads the compiled text. Words and their prefixes go into an open-addressing hash table over
 * offsets into the text itself: no string per word is made, so a table of 100,000 words loads in
 * tens of milliseconds. Throws when the text is not a translation table.
 */
export function readTranslationTable(text: string): TranslationTable {
  const header = text.indexOf('\n');
  const metaEnd = text.indexOf('\n', header + 1);
  const vocabularyEnd = text.indexOf('\n', metaEnd + 1);
  if (header < 0 || metaEnd < 0 || vocabularyEnd < 0 || text.slice(0, header) !== MAGIC) throw new Error('not a Duizhao translation table');
  const metadata: TableMetadata = {};
  for (const pair of text.slice(header + 1, metaEnd).split(' ')) {
    const at = pair.indexOf('=');
    if (at > 0) metadata[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const vocabulary = text.slice(metaEnd + 1, vocabularyEnd).split(' ');
  const lemmaIds = new Map(vocabulary.map((lemma, id) => [lemma, id]));
  // Word k: text[wordStart[k], wordStart[k] + wordLength[k]), its ids up to the line's end.
  const count = Number(metadata.words ?? 0) || text.length >> 4;
  let wordStart = new Int32Array(count);
  let wordLength = new Uint8Array(count);
  let size = 0;
  let longest = 0;
  for (let at = vocabularyEnd + 1; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const lineEnd = end < 0 ? text.length : end;
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < lineEnd) {
      if (size === wordStart.length) {
        const grownStart = new Int32Array(size * 2);
        grownStart.set(wordStart);
        wordStart = grownStart;
        const grownLength = new Uint8Array(size * 2);
        grownLength.set(wordLength);
        wordLength = grownLength;
      }
      wordStart[size] = at;
      wordLength[size] = Math.min(tab - at, 255);
      if (tab - at > longest) longest = tab - at;
      size++;
    }
    at = lineEnd + 1;
  }
  // Slots hold 1 + a word id (a whole word) or −(1 + a word id) (a prefix of that word, at `slotLength`).
  let prefixes = 0;
  for (let k = 0; k < size; k++) prefixes += Math.max(0, wordLength[k]! - 2);
  let capacity = 1;
  while (capacity < (size + prefixes) * 2) capacity <<= 1;
  const slots = new Int32Array(capacity);
  const slotLength = new Uint8Array(capacity);
  // The full hash of each slot's key: most probes that miss are told apart without reading the text.
  const slotHash = new Int32Array(capacity);
  const mask = capacity - 1;
  const same = (slot: number, from: number, length: number): boolean => {
    if (slotLength[slot] !== length) return false;
    const entry = slots[slot]!;
    const start = wordStart[entry > 0 ? entry - 1 : -entry - 1]!;
    for (let k = 0; k < length; k++) if (text.charCodeAt(start + k) !== text.charCodeAt(from + k)) return false;
    return true;
  };
  const sameIn = (slot: number, source: string, from: number, length: number, hash: number): boolean => {
    if (slotLength[slot] !== length || slotHash[slot] !== hash) return false;
    const entry = slots[slot]!;
    const start = wordStart[entry > 0 ? entry - 1 : -entry - 1]!;
    for (let k = 0; k < length; k++) if (text.charCodeAt(start + k) !== source.charCodeAt(from + k)) return false;
    return true;
  };
  const insert = (k: number, length: number, whole: boolean): void => {
    const start = wordStart[k]!;
    const hash = hashAt(text, start, length);
    let slot = hash & mask;
    while (slots[slot] !== 0) {
      if (same(slot, start, length)) {
        if (whole && slots[slot]! < 0) slots[slot] = k + 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
    slots[slot] = whole ? k + 1 : -(k + 1);
    slotLength[slot] = length;
    slotHash[slot] = hash | 0;
  };
  for (let k = 0; k < size; k++) {
    insert(k, wordLength[k]!, true);
    for (let n = 2; n < wordLength[k]!; n++) insert(k, n, false);
  }
  /** The slot's entry for source[from, from + length) (whose hash is `hash`), or 0. */
  const find = (source: string, from: number, length: number, hash = hashAt(source, from, length)): number => {
    let slot = hash & mask;
    while (slots[slot] !== 0) {
      if (sameIn(slot, source, from, length, hash | 0)) return slots[slot]!;
      slot = (slot + 1) & mask;
    }
    return 0;
  };
  // By first UTF-16 unit: the word of that one character (1 + its id, or 0), and the longest word starting with it.
  const single = new Int32Array(0x10000);
  const longestFrom = new Uint8Array(0x10000);
  for (let k = 0; k < size; k++) {
    const first = text.charCodeAt(wordStart[k]!);
    if (wordLength[k] === 1) single[first] = k + 1;
    if (wordLength[k]! > longestFrom[first]!) longestFrom[first] = wordLength[k]!;
  }
  // Which pairs of UTF-16 units begin some word of two units or more, as bits over a
  // hash of the pair: in running text most pairs begin none, and that is told here without a probe into
  // the large table. A bit may be set for a pair that begins nothing (two pairs share it), never the reverse.
  const pairs = new Int32Array(PAIR_BITS >>> 5);
  for (let k = 0; k < size; k++) {
    if (wordLength[k]! < 2) continue;
    const bit = pairBit(text.charCodeAt(wordStart[k]!), text.charCodeAt(wordStart[k]! + 1));
    pairs[bit >>> 5]! |= 1 << (bit & 31);
  }
  const lemmaCache = new Map<number, number[]>();
  return {
    metadata,
    size,
    longest,
    wordId(word) {
      const entry = find(word, 0, word.length);
      return entry > 0 ? entry - 1 : -1;
    },
    lemmasOf(wordId) {
      let ids = lemmaCache.get(wordId);
      if (ids === undefined) {
        const from = wordStart[wordId]! + wordLength[wordId]! + 1;
        const end = text.indexOf('\n', from);
        ids = text
          .slice(from, end < 0 ? text.length : end)
          .split(',')
          .map((id) => parseInt(id, 36));
        lemmaCache.set(wordId, ids);
      }
      return ids;
    },
    word: (wordId) => text.slice(wordStart[wordId]!, wordStart[wordId]! + wordLength[wordId]!),
    wordLength: (wordId) => wordLength[wordId]!,
    lemmaCount: vocabulary.length,
    lemma: (id) => vocabulary[id] ?? '',
    lemmaId: (lemma) => lemmaIds.get(lemma) ?? -1,
    longestAt(source, at, found) {
      const first = source.charCodeAt(at);
      const reach = Math.min(longestFrom[first]!, source.length - at);
      let best = 0;
      if (single[first] !== 0) {
        best = 1;
        found.word = single[first]! - 1;
      }
      if (reach < 2) return best;
      const bit = pairBit(first, source.charCodeAt(at + 1));
      if ((pairs[bit >>> 5]! & (1 << (bit & 31))) === 0) return best;
      // The hash of source[at, at + n), extended one character at a time.
      let hash = Math.imul(0x811c9dc5 ^ first, 0x01000193);
      for (let n = 2; n <= reach; n++) {
        hash = Math.imul(hash ^ source.charCodeAt(at + n - 1), 0x01000193);
        const entry = find(source, at, n, hash >>> 0);
        if (entry > 0) {
          best = n;
          found.word = entry - 1;
        } else if (entry === 0) break;
      }
      return best;
    },
  };
}
