// Dictionaries: CC-CEDICT's entries (for look-up) and the compact Chinese word → English lemma
// table the aligner reads, compiled from them at build time.
export { cedictHeader, parseCedict, parseCedictLine, type CedictEntry } from './cedict.ts';
export { ENGLISH_STOPWORDS, englishLemma } from './english.ts';
export { compileTranslationTable, definitionLemmas, readTranslationTable, type TranslationTable } from './translation-table.ts';
