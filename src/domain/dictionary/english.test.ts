import { describe, expect, it } from 'vitest';
import { EN_BRACKET, EN_DIGIT, EN_QUOTE, EN_SPACING, EN_STOP, englishWords } from './english.ts';

describe('English words of a set of texts', () => {
  it('numbers each distinct word once, whatever its case, short or long', () => {
    const english = englishWords(['The the THE a', 'cooperation Cooperation operation cooperations', 'ab ba abc-ab']);
    expect(english.words).toEqual(['the', 'cooperation', 'operation', 'cooperations', 'ab', 'ba', 'abc']);
    expect([...english.ids]).toEqual([0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 4]);
    expect([...english.start]).toEqual([0, 3, 7, 11]);
    expect(english.lemmas).toEqual(['', 'cooper', 'oper', 'cooper', 'ab', 'ba', 'abc']);
  });

  it('tells apart words around six and twelve letters and longer ones', () => {
    const texts = ['mutua mutual mutuals MUTUAL', 'internationa international internationalisation Internationalisation internationally'];
    const english = englishWords(texts);
    expect(english.words).toEqual(['mutua', 'mutual', 'mutuals', 'internationa', 'international', 'internationalisation', 'internationally']);
    expect([...english.ids]).toEqual([0, 1, 2, 1, 3, 4, 5, 5, 6]);
  });

  it('notes what lies between the words', () => {
    const contents = englishWords(['In 2014 (or ２０１５) he said "yes".', 'One sentence.', 'Two. Sentences', ' spaced', 'two  spaces', 'tab\there', '“quoted”', ''])
      .contents;
    expect([...contents]).toEqual([EN_DIGIT | EN_BRACKET | EN_QUOTE, 0, EN_STOP, EN_SPACING, EN_SPACING, EN_SPACING, EN_QUOTE, 0]);
  });
});
