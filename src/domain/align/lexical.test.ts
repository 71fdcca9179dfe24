import { describe, expect, it } from 'vitest';
import { nodeTranslationTable } from '../../../scripts/lib/dictionary.ts';
import { englishWords } from '../dictionary/index.ts';
import { documentLexicon, extendLexicon } from './document-lexicon.ts';
import { loadBitext, loadSentenceBitext } from './fixtures/dev-set.ts';
import { buildLexicalView, extendLexicalView } from './lexical.ts';

describe('a lexical view extended with learned translations', () => {
  for (const [name, text, cap] of [
    ['paragraphs', loadBitext('communique'), 12],
    ['sentences', loadSentenceBitext('speech'), Infinity],
  ] as const) {
    it(`equals the view built afresh from the extended lexicon (${name})`, () => {
      const table = nodeTranslationTable();
      const english = englishWords(text.en);
      const lexicon = documentLexicon(text.zh, table);
      const view = buildLexicalView(lexicon, text.zh.length, english, cap);
      // Every seventh entry learns a lemma the document already has and one new to it; two late (rare) ones a lemma of its English too.
      const englishLemma = english.lemmas.find((l) => l !== '' && lexicon.lemmaId(l) < 0) ?? 'harbour';
      const more = new Map<number, string[]>();
      for (let f = 0; f < lexicon.size; f += 7) more.set(f, [lexicon.lemma(f % lexicon.lemmaCount), ...(f >= lexicon.size - 14 ? [englishLemma] : []), `learned${f % 5}`]);
      const extended = extendLexicon(lexicon, more);
      expect(extended.lemmaCount).toBeGreaterThan(lexicon.lemmaCount);
      for (let f = 0; f < lexicon.size; f++) expect([...extended.lemmas(f)].slice(0, lexicon.lemmas(f).length)).toEqual([...lexicon.lemmas(f)]);
      const afresh = buildLexicalView(extended, text.zh.length, english, cap);
      const incremental = extendLexicalView(view, extended, text.zh.length, english, [...more.keys()], cap);
      for (const key of ['zStart', 'zEntries', 'eStart', 'eLemmas', 'entryStart', 'entryLemmas', 'coverage', 'lemmaCoverage', 'lemmaUnitCount'] as const) {
        expect([...incremental[key]], key).toEqual([...afresh[key]]);
      }
      // The extension changed what is weighed: old lemmas are found in more units, and the new ones in the English.
      expect([...incremental.lemmaUnitCount.subarray(0, lexicon.lemmaCount)]).not.toEqual([...view.lemmaUnitCount]);
      expect(incremental.eLemmas.some((l) => l >= lexicon.lemmaCount)).toBe(true);
    });
  }
});
