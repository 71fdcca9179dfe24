import { describe, expect, it } from 'vitest';
import { caretAnchor } from './caret-selection.ts';

const sources = [
  { id: 'p1', text: '两国元首举行会谈。' },
  { id: 'p2', text: '𠀋双方签署联合声明。' },
];
const english = { paragraphId: 'p1', text: 'The two heads of state held talks.' };

describe('caretAnchor', () => {
  it('is nothing for a caret', () => {
    expect(caretAnchor('zh', { start: 3, end: 3 }, sources, english)).toBeNull();
  });

  it('describes a phrase of the Chinese in its paragraph, backwards selections too', () => {
    const a = caretAnchor('zh', { start: 4, end: 2 }, sources, english);
    expect(a).toMatchObject({ target: 'source', paragraphId: 'p1', selectors: { quote: { exact: '元首', prefix: '两国', suffix: '举行会谈。' }, position: { start: 2, end: 4 } } });
  });

  it('finds the paragraph of a merged row, counting code points past the joining line break', () => {
    // "𠀋" is two UTF-16 units: 双方 starts at UTF-16 2 of p2, code point 1.
    const at = sources[0]!.text.length + 1;
    const a = caretAnchor('zh', { start: at + 2, end: at + 4 }, sources, english);
    expect(a).toMatchObject({ target: 'source', paragraphId: 'p2', selectors: { quote: { exact: '双方' }, position: { start: 1, end: 3 } } });
  });

  it('refuses a selection across two paragraphs', () => {
    expect(caretAnchor('zh', { start: 6, end: 12 }, sources, english)).toBe('crosses');
  });

  it('describes a phrase of the English on the row\'s translation, leaving edge spaces out', () => {
    expect(caretAnchor('en', { start: 27, end: 33 }, sources, english)).toMatchObject({
      target: 'translation',
      paragraphId: 'p1',
      selectors: { quote: { exact: 'talks' }, position: { start: 28, end: 33 } },
    });
    expect(caretAnchor('en', { start: 3, end: 4 }, sources, english)).toBeNull();
  });
});
