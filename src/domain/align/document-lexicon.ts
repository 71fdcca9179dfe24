// The dictionary as the aligner uses it for one document: the Chinese words of the document (by
// longest dictionary match) as entries, each with the English lemmas that translate it — from the
// translation table, from the glossary, and from word pairs learned on the document or on links
// people confirmed. The scorer weighs its words one by one against the English lemmas (lexical.ts).

import type { TranslationTable } from '../dictionary/index.ts';
import { Int32List } from './int32-list.ts';

/** Extra translations of Chinese words (glossary terms, learned pairs): word → English lemmas. */
export type ExtraTranslations = ReadonlyMap<string, readonly string[]>;

export interface Segmentation {
  /** The words of text k are spans[3 · start[k] …] as [start, end, table word id] triples (ids −1 − k for extra word k). */
  start: Int32Array;
  spans: Int32Array;
}

/** Han characters and 〇: where dictionary words are looked for. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/**
 * Words of each Chinese text by longest match: the table's words and the extra words (glossary
 * terms), whichever is longer at each point. Characters no word covers are skipped. All texts' words
 * go into one flat array (a typed array per text would cost the garbage collector more than the words).
 */
export function segmentTexts(texts: readonly string[], table: TranslationTable, extraWords: readonly string[] = []): Segmentation {
  const found = { word: -1 };
  // Extra words by their first UTF-16 unit.
  const extraByFirst = new Map<number, number[]>();
  extraWords.forEach((word, k) => {
    const first = word.charCodeAt(0);
    extraByFirst.set(first, [...(extraByFirst.get(first) ?? []), k]);
  });
  const hasExtra = extraByFirst.size > 0;
  let chars = 0;
  for (const text of texts) chars += text.length;
  // At most one word a character; most texts have far fewer, so start smaller and grow.
  let spans = new Int32Array(3 * Math.min(chars, 1024 + (chars >> 1)));
  const start = new Int32Array(texts.length + 1);
  let size = 0;
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t]!;
    if (spans.length - size < 3 * text.length) {
      const grown = new Int32Array(Math.max(spans.length * 2, size + 3 * text.length));
      grown.set(spans.subarray(0, size));
      spans = grown;
    }
    for (let at = 0; at < text.length; ) {
      const c = text.charCodeAt(at);
      if (!isHan(c)) {
        at++;
        continue;
      }
      let length = table.longestAt(text, at, found);
      let id = found.word;
      if (hasExtra) {
        for (const k of extraByFirst.get(c) ?? []) {
          const word = extraWords[k]!;
          if (word.length > length && text.startsWith(word, at)) {
            length = word.length;
            id = -1 - k;
          }
        }
      }
      if (length === 0) {
        at++;
        continue;
      }
      spans[size++] = at;
      spans[size++] = at + length;
      spans[size++] = id;
      at += length;
    }
    start[t + 1] = size / 3;
  }
  return { start, spans: spans.subarray(0, size) };
}

/** Single characters translate to too much (走: walk, go, run, leave, die…) unless rare in the text. */
const SINGLE_CHARACTER_MAX_LEMMAS = 4;

export interface DocumentLexicon {
  readonly kind: 'dictionary';
  /** Number of entries (distinct words of the document); entry ids run from 0. */
  readonly size: number;
  /** The document's words with their spans (reused when the lexicon is made again with more translations). */
  readonly segmentation: Segmentation;
  /** Entries of Chinese text i, in text order (repeats kept): entryIds[entryStart[i] … entryStart[i + 1]). */
  readonly entryStart: Int32Array;
  readonly entryIds: Int32Array;
  /** Lemma ids (document-local) of entry f: lemmaIds[lemmaStart[f] … lemmaStart[f + 1]). */
  readonly lemmaStart: Int32Array;
  readonly lemmaIds: Int32Array;
  /** The Chinese word of an entry. */
  word(entry: number): string;
  /** Lemma ids (document-local) of an entry. */
  lemmas(entry: number): Int32Array;
  /** The table it was made from. */
  readonly table: TranslationTable;
  /** Number of document-local lemma ids. */
  readonly lemmaCount: number;
  /** Entries of Chinese text i, in text order (repeats kept). */
  entriesOf(i: number): Int32Array;
  /** The document-local id of an English lemma, or −1. */
  lemmaId(lemma: string): number;
  lemma(id: number): string;
}

/**
 * Per table, arrays over its word ids and over its lemma ids (−1 when unused), reused by every
 * document: short texts are aligned by the hundred. Each is left all −1 after use.
 */
const scratch = new WeakMap<TranslationTable, { words: Int32Array; lemmas: Int32Array }>();

function tableScratch(table: TranslationTable): { words: Int32Array; lemmas: Int32Array } {
  let arrays = scratch.get(table);
  if (!arrays) scratch.set(table, (arrays = { words: new Int32Array(table.size).fill(-1), lemmas: new Int32Array(table.lemmaCount).fill(-1) }));
  return arrays;
}

/**
 * The lexicon of one document. `extra` adds translations (from the glossary, from confirmed links,
 * from a first alignment) to those of the table. Entries and their lemmas are kept in flat typed
 * arrays: a document of 10,000 paragraphs has tens of thousands of words.
 */
export function documentLexicon(zh: readonly string[], table: TranslationTable, extra: ExtraTranslations = new Map(), segmentation?: Segmentation): DocumentLexicon {
  const extraWords = [...extra.keys()].filter((w) => w !== '' && table.wordId(w) < 0);
  const seg = segmentation ?? segmentTexts(zh, table, extraWords);
  const { spans } = seg;
  const wordCount = spans.length / 3;
  // Entries: the distinct words met, numbered in order of first occurrence (table words by id, extra words by −1 − k).
  const { words: entryOfWord, lemmas: ofTableLemma } = tableScratch(table);
  const entryOfExtra = new Int32Array(extraWords.length).fill(-1);
  const entryWord: number[] = [];
  const lemmaStart = new Int32List(1024);
  lemmaStart.push(0);
  const lemmaIds = new Int32List(4096);
  // Lemmas by name, numbered as met; table lemmas also by their table id, so each is looked up by name once.
  const lemmaIdOf = new Map<string, number>();
  const lemmaNames: string[] = [];
  const usedTableLemmas = new Int32List(1024);
  const intern = (lemma: string): number => {
    let id = lemmaIdOf.get(lemma);
    if (id === undefined) {
      id = lemmaNames.length;
      lemmaIdOf.set(lemma, id);
      lemmaNames.push(lemma);
    }
    return id;
  };
  const wordOf = (wordId: number): string => (wordId >= 0 ? table.word(wordId) : extraWords[-1 - wordId]!);
  const newEntry = (wordId: number): number => {
    const entry = entryWord.length;
    entryWord.push(wordId);
    const from = lemmaIds.length;
    if (wordId >= 0) {
      const own = table.lemmasOf(wordId);
      const kept = table.wordLength(wordId) === 1 ? Math.min(own.length, SINGLE_CHARACTER_MAX_LEMMAS) : own.length;
      for (let k = 0; k < kept; k++) {
        const t = own[k]!;
        let id = ofTableLemma[t]!;
        if (id < 0) {
          ofTableLemma[t] = id = intern(table.lemma(t));
          usedTableLemmas.push(t);
        }
        if (!lemmaIds.includesFrom(id, from)) lemmaIds.push(id);
      }
    }
    if (extra.size > 0) {
      for (const lemma of extra.get(wordOf(wordId)) ?? []) {
        const id = intern(lemma);
        if (!lemmaIds.includesFrom(id, from)) lemmaIds.push(id);
      }
    }
    lemmaStart.push(lemmaIds.length);
    return entry;
  };
  const entryIds = new Int32Array(wordCount);
  try {
    for (let k = 0; k < wordCount; k++) {
      const wordId = spans[3 * k + 2]!;
      if (wordId >= 0) {
        let entry = entryOfWord[wordId]!;
        if (entry < 0) entryOfWord[wordId] = entry = newEntry(wordId);
        entryIds[k] = entry;
      } else {
        let entry = entryOfExtra[-1 - wordId]!;
        if (entry < 0) entryOfExtra[-1 - wordId] = entry = newEntry(wordId);
        entryIds[k] = entry;
      }
    }
  } finally {
    // Leave the scratch arrays as found: −1 everywhere.
    for (const wordId of entryWord) if (wordId >= 0) entryOfWord[wordId] = -1;
    for (let k = 0; k < usedTableLemmas.length; k++) ofTableLemma[usedTableLemmas.data[k]!] = -1;
  }
  return lexiconOf(table, seg, entryIds, entryWord, wordOf, lemmaStart.done(), lemmaIds.done(), lemmaIdOf, lemmaNames);
}

/** What extendLexicon needs of a lexicon besides its interface. */
interface LexiconParts {
  entryWord: readonly number[];
  wordOf: (wordId: number) => string;
  lemmaIdOf: ReadonlyMap<string, number>;
  lemmaNames: readonly string[];
}

const parts = new WeakMap<DocumentLexicon, LexiconParts>();

function lexiconOf(
  table: TranslationTable,
  seg: Segmentation,
  entryIds: Int32Array,
  entryWord: readonly number[],
  wordOf: (wordId: number) => string,
  lemmaStart: Int32Array,
  lemmaList: Int32Array,
  lemmaIdOf: ReadonlyMap<string, number>,
  lemmaNames: readonly string[],
): DocumentLexicon {
  const entryStart = seg.start;
  const lexicon: DocumentLexicon = {
    kind: 'dictionary',
    table,
    size: entryWord.length,
    segmentation: seg,
    entryStart,
    entryIds,
    lemmaStart,
    lemmaIds: lemmaList,
    word: (entry) => wordOf(entryWord[entry]!),
    lemmas: (entry) => lemmaList.subarray(lemmaStart[entry]!, lemmaStart[entry + 1]!),
    lemmaCount: lemmaNames.length,
    entriesOf: (i) => entryIds.subarray(entryStart[i]!, entryStart[i + 1]!),
    lemmaId: (lemma) => lemmaIdOf.get(lemma) ?? -1,
    lemma: (id) => lemmaNames[id]!,
  };
  parts.set(lexicon, { entryWord, wordOf, lemmaIdOf, lemmaNames });
  return lexicon;
}

/**
 * The same lexicon with more translations for some entries (learned from a first alignment): the same
 * entries and lemma ids, each entry's new lemmas after its own (those it has already left out), lemmas
 * new to the document numbered after the others. It weighs as documentLexicon would with these
 * translations as extra ones, without segmenting or numbering the document again.
 */
export function extendLexicon(lexicon: DocumentLexicon, more: ReadonlyMap<number, readonly string[]>): DocumentLexicon {
  const own = parts.get(lexicon);
  if (!own) throw new Error('extendLexicon: not a document lexicon');
  const lemmaIdOf = new Map(own.lemmaIdOf);
  const lemmaNames = [...own.lemmaNames];
  const { lemmaStart, lemmaIds } = lexicon;
  let added = 0;
  for (const lemmas of more.values()) added += lemmas.length;
  const start = new Int32Array(lexicon.size + 1);
  const ids = new Int32Array(lemmaIds.length + added);
  let size = 0;
  for (let f = 0; f < lexicon.size; f++) {
    const from = size;
    for (let k = lemmaStart[f]!; k < lemmaStart[f + 1]!; k++) ids[size++] = lemmaIds[k]!;
    for (const lemma of more.get(f) ?? []) {
      let id = lemmaIdOf.get(lemma);
      if (id === undefined) {
        id = lemmaNames.length;
        lemmaIdOf.set(lemma, id);
        lemmaNames.push(lemma);
      }
      let known = false;
      for (let k = from; k < size && !known; k++) known = ids[k] === id;
      if (!known) ids[size++] = id;
    }
    start[f + 1] = size;
  }
  return lexiconOf(lexicon.table, lexicon.segmentation, lexicon.entryIds, own.entryWord, own.wordOf, start, ids.slice(0, size), lemmaIdOf, lemmaNames);
}
