import { describe, expect, it } from 'vitest';
import { differs, wordDiff } from './index.ts';

describe('wordDiff', () => {
  it('marks removed and added words between a translation and a suggestion', () => {
    const d = wordDiff('The two sides decide to strengthen the cooperation.', 'The two sides decided to strengthen cooperation.');
    expect(d.parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['decide', 'the']);
    expect(d.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['decided']);
    expect(d.removedWords).toBe(2);
    expect(d.addedWords).toBe(1);
    const rebuilt = (kinds: string[]) => d.parts.filter((p) => kinds.includes(p.kind)).map((p) => p.text).join('');
    expect(rebuilt(['same', 'added']).replace(/\s+/g, ' ')).toBe('The two sides decided to strengthen cooperation.');
    expect(rebuilt(['same', 'removed']).replace(/\s+/g, ' ')).toBe('The two sides decide to strengthen the cooperation.');
  });

  it('reports no change for equal texts and whole additions from nothing', () => {
    expect(wordDiff('Same text.', 'Same text.').parts).toEqual([{ kind: 'same', text: 'Same text.' }]);
    const fromEmpty = wordDiff('', 'Shanghai, 19 May 2014');
    expect(fromEmpty.parts).toEqual([{ kind: 'added', text: 'Shanghai, 19 May 2014' }]);
    expect(fromEmpty.addedWords).toBe(4);
  });

  it('ignores whitespace-only changes', () => {
    expect(differs('The two  sides\n', 'The two sides')).toBe(false);
    expect(differs('The two sides', 'The three sides')).toBe(true);
  });
});
