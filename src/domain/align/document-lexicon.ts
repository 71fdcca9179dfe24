// The dictionary as the aligner uses it for one document: the Chinese words of the document (by
// longest dictionary match) as entries, each with the English lemmas that translate it — from the
// translation table, from the glossary, and from word pairs learned on the document or on links
// people confirmed. English words resolve to the entries whose lemmas they carry. It serves the
// same Lexicon interface as the built-in lexicon, so the scorer weighs its words the same way.

import { ENGLISH_WORD, englishLemma, type TranslationTable } from '../dictionary/index.ts';
import type { Lexicon, LexiconHits } from './lexicon.ts';

/** Extra translations of Chinese words (glossary terms, learned pairs): word → English lemmas. */
export type ExtraTranslations = ReadonlyMap<string, readonly string[]>;

export interface Segmentation {
  /** Per text, its words as [start, end, table word id] triples (ids −1 − k for extra word k). */
  words: Int32Array[];
}

/** Han characters and 〇: where dictionary words are looked for. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/**
 * Words of each Chinese text by longest match: the table's words and the extra words (glossary
 * terms), whichever is longer at each point. Characters no word covers are skipped.
 */
export function segmentTexts(texts: readonly string[], table: TranslationTable, extraWords: readonly string[] = []): Segmentation {
  const found = { word: -1 };
  const extraByFirst = new Map<string, number[]>();
  extraWords.forEach((word, k) => {
    const first = word.charAt(0);
    extraByFirst.set(first, [...(extraByFirst.get(first) ?? []), k]);
  });
  const words = texts.map((text) => {
    const out: number[] = [];
    for (let at = 0; at < text.length; ) {
      if (!isHan(text.charCodeAt(at))) {
        at++;
        continue;
      }
      let length = table.longestAt(text, at, found);
      let id = found.word;
      for (const k of extraByFirst.get(text.charAt(at)) ?? []) {
        const word = extraWords[k]!;
        if (word.length > length && text.startsWith(word, at)) {
          length = word.length;
          id = -1 - k;
        }
      }
      if (length === 0) {
        at++;
        continue;
      }
      out.push(at, at + length, id);
      at += length;
    }
    return Int32Array.from(out);
  });
  return { words };
}

/** Single characters translate to too much (走: walk, go, run, leave, die…) unless rare in the text. */
const SINGLE_CHARACTER_MAX_LEMMAS = 4;

export interface DocumentLexicon extends Lexicon {
  /** Entry (document word) ids of each Chinese text, in text order, with their spans. */
  readonly segmentation: Segmentation;
  /** The Chinese word of an entry. */
  word(entry: number): string;
  /** Lemma ids (document-local) of an entry. */
  lemmas(entry: number): readonly number[];
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
 * The lexicon of one document. `extra` adds translations (from the glossary, from confirmed links,
 * from a first alignment) to those of the table.
 */
export function documentLexicon(zh: readonly string[], table: TranslationTable, extra: ExtraTranslations = new Map(), segmentation?: Segmentation): DocumentLexicon {
  const extraWords = [...extra.keys()].filter((w) => w !== '' && table.wordId(w) < 0);
  const seg = segmentation ?? segmentTexts(zh, table, extraWords);
  // Entries: the distinct words met, numbered in order of first occurrence.
  const entryOf = new Map<number, number>();
  const words: string[] = [];
  const entryLemmas: number[][] = [];
  const lemmaIds = new Map<string, number>();
  const lemmaNames: string[] = [];
  const intern = (lemma: string): number => {
    let id = lemmaIds.get(lemma);
    if (id === undefined) {
      id = lemmaNames.length;
      lemmaIds.set(lemma, id);
      lemmaNames.push(lemma);
    }
    return id;
  };
  const entryIds = seg.words.map((triples) => {
    const ids = new Int32Array(triples.length / 3);
    for (let k = 0; k < ids.length; k++) {
      const wordId = triples[3 * k + 2]!;
      let entry = entryOf.get(wordId);
      if (entry === undefined) {
        entry = words.length;
        entryOf.set(wordId, entry);
        const word = wordId >= 0 ? table.word(wordId) : extraWords[-1 - wordId]!;
        words.push(word);
        const lemmas = new Set<number>();
        if (wordId >= 0) {
          const own = table.lemmasOf(wordId);
          const kept = word.length === 1 ? own.slice(0, SINGLE_CHARACTER_MAX_LEMMAS) : own;
          for (const id of kept) lemmas.add(intern(table.lemma(id)));
        }
        for (const lemma of extra.get(word) ?? []) lemmas.add(intern(lemma));
        entryLemmas.push([...lemmas]);
      }
      ids[k] = entry;
    }
    return ids;
  });
  // Lemma → the entries it translates (as a list id); each Chinese entry is its own list.
  const lists: number[][] = words.map((_, entry) => [entry]);
  const lemmaList = new Int32Array(lemmaNames.length).fill(-1);
  const byLemma: number[][] = lemmaNames.map(() => []);
  entryLemmas.forEach((lemmas, entry) => {
    for (const id of lemmas) byLemma[id]!.push(entry);
  });
  byLemma.forEach((entries, id) => {
    if (entries.length === 0) return;
    lemmaList[id] = lists.length;
    lists.push(entries);
  });
  const keys = words.map((_, entry) => 'l:' + entry);
  let textIndex = 0;
  return {
    kind: 'dictionary',
    table,
    size: words.length,
    lists,
    segmentation: seg,
    key: (entry) => keys[entry]!,
    word: (entry) => words[entry]!,
    lemmas: (entry) => entryLemmas[entry]!,
    lemmaCount: lemmaNames.length,
    entriesOf: (i) => entryIds[i]!,
    lemmaId: (lemma) => lemmaIds.get(lemma) ?? -1,
    lemma: (id) => lemmaNames[id]!,
    scanZh(text: string, hits: LexiconHits) {
      // Texts are scanned in order, once each: the segmentation made for them is reused.
      hits.count = 0;
      const k = textIndex < zh.length && zh[textIndex] === text ? textIndex : zh.indexOf(text);
      textIndex = k + 1;
      if (k < 0) return;
      const triples = seg.words[k]!;
      const ids = entryIds[k]!;
      for (let w = 0; w < ids.length; w++) hits.push(triples[3 * w]!, triples[3 * w + 1]!, ids[w]!);
    },
    scanEn(text: string, hits: LexiconHits) {
      hits.count = 0;
      for (const m of text.matchAll(ENGLISH_WORD)) {
        if (m[0].length < 2) continue;
        const lemma = englishLemma(m[0]);
        if (lemma === '') continue;
        const id = lemmaIds.get(lemma);
        if (id === undefined || lemmaList[id]! < 0) continue;
        hits.push(m.index, m.index + m[0].length, lemmaList[id]!);
      }
    },
  };
}
