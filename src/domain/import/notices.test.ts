import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importNotice, looksLatin, parseText } from './index.ts';

const SAMPLE = readFileSync(new URL('../../../supabase/seed-data/000_6c702e8dc57f7cba.txt', import.meta.url), 'utf8');
const ENGLISH = readFileSync(new URL('../align/fixtures/kazakhstan.en.txt', import.meta.url), 'utf8');

describe('import notices', () => {
  it('carry a key, the values and the English text', () => {
    expect(importNotice('duplicateRemoved', { count: 3, first: 15, last: 17 })).toEqual({
      key: 'duplicateRemoved',
      params: { count: 3, first: 15, last: 17 },
      text: 'The export repeated the text: the copy of 3 paragraphs, lines 15–17, was removed.',
    });
  });

  it('say in words what the parser recognised, never code points', () => {
    const doc = parseText(SAMPLE);
    expect(doc.notices.map((n) => n.key)).toEqual(expect.arrayContaining(['duplicateRemoved', 'headings', 'closing']));
    expect(doc.warnings).toEqual(doc.notices.map((n) => n.text));
    expect(doc.warnings.join(' ')).not.toMatch(/U\+|published_on/);
  });
});

describe('a mostly-Latin file', () => {
  it('is recognised as English, a Chinese text with Latin names is not', () => {
    expect(looksLatin(['The two sides decide to strengthen cooperation.', 'They agree to expand trade.'])).toBe(true);
    expect(looksLatin(['双方决定加强与 ASEAN 和 APEC 的合作，支持 WTO 改革。'])).toBe(false);
    expect(looksLatin(['一', '二'])).toBe(false);
  });

  it('warns "This looks like English" when the official English is imported as a source', () => {
    const doc = parseText(ENGLISH);
    expect(doc.notices.filter((n) => n.key === 'looksEnglish').map((n) => n.text)).toEqual(['This looks like English; import it as the translation to align instead?']);
    expect(parseText(SAMPLE).notices.some((n) => n.key === 'looksEnglish')).toBe(false);
  });
});
