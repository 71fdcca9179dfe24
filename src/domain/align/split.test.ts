import { describe, expect, it } from 'vitest';
import { detectLanguage, splitEnSentences, splitParagraphs, splitSentences, splitZhSentences } from './split.ts';

describe('splitParagraphs', () => {
  it('keeps the lines and column spacing of a signatory block', () => {
    const text = "Done in Shanghai.\n\nPresident of China        President of Kazakhstan\nXi Jinping (signed)\tNursultan Nazarbayev (signed)\n";
    expect(splitParagraphs(text)).toEqual(['Done in Shanghai.', 'President of China        President of Kazakhstan\nXi Jinping (signed)\tNursultan Nazarbayev (signed)']);
    // Wrapped prose still joins into one line.
    expect(splitParagraphs('The two sides\nagree.')).toEqual(['The two sides agree.']);
  });

  it('splits on blank lines, trims U+3000 indents and joins wrapped lines', () => {
    const text = '\ufeff　　双方决定，\r\n继续合作。\r\n\r\n　\u00a0\r\n　　二\r\n\r\nThe two sides\nwill cooperate.\n';
    expect(splitParagraphs(text)).toEqual(['双方决定，继续合作。', '二', 'The two sides will cooperate.']);
  });

  it('takes one paragraph per non-blank line with lines: true', () => {
    expect(splitParagraphs('一\n\n　　双方。\nsecond line\n   \n', { lines: true })).toEqual(['一', '双方。', 'second line']);
  });

  it('returns nothing for white space only', () => {
    expect(splitParagraphs(' \n\u3000\n\r\n')).toEqual([]);
  });
});

describe('sentence splitting', () => {
  it('splits Chinese after 。！？； and keeps closing quotes and brackets with the sentence', () => {
    expect(splitZhSentences('双方指出：“合作重要。”双方将加强交流；中方欢迎。好吗？（完）')).toEqual([
      '双方指出：“合作重要。”',
      '双方将加强交流；',
      '中方欢迎。',
      '好吗？',
      '（完）',
    ]);
  });

  it('splits English at sentence ends but not after abbreviations, initials or inside numbers', () => {
    const text = 'Mr. Xi met Dr. J. Smith in the U.S. capital on Jan. 5. Trade grew 5.2 percent! Was it enough? "Yes," he said.';
    expect(splitEnSentences(text)).toEqual([
      'Mr. Xi met Dr. J. Smith in the U.S. capital on Jan. 5.',
      'Trade grew 5.2 percent!',
      'Was it enough?',
      '"Yes," he said.',
    ]);
  });

  it('keeps a list or section marker with its heading', () => {
    expect(splitEnSentences('IV. Fixed Asset Investment')).toEqual(['IV. Fixed Asset Investment']);
    expect(splitEnSentences('2. Enriching library collections. No fewer than 100,000 books.')).toEqual([
      '2. Enriching library collections.',
      'No fewer than 100,000 books.',
    ]);
  });

  it('detects the language when none is given', () => {
    expect(detectLanguage('双方将继续合作。')).toBe('zh');
    expect(detectLanguage('The two sides will continue.')).toBe('en');
    expect(splitSentences('甲。乙。')).toEqual(['甲。', '乙。']);
    expect(splitSentences('One. Two.')).toEqual(['One.', 'Two.']);
  });
});
