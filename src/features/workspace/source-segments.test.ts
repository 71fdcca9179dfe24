import { describe, expect, it } from 'vitest';
import { sourceSegments } from './source-segments.ts';

describe('sourceSegments', () => {
  const text = '出席在上海举行的亚洲相互协作与信任措施会议（以下称亚信）';

  it('returns the plain text when nothing is anchored', () => {
    expect(sourceSegments(text, [])).toEqual([{ text, ids: [] }]);
  });

  it('marks one span', () => {
    const start = text.indexOf('亚信');
    expect(sourceSegments(text, [{ id: 'a', start, end: start + 2 }])).toEqual([
      { text: text.slice(0, start), ids: [] },
      { text: '亚信', ids: ['a'] },
      { text: '）', ids: [] },
    ]);
  });

  it('splits overlapping spans into runs', () => {
    const segs = sourceSegments('甲乙丙丁', [
      { id: 'a', start: 0, end: 3 },
      { id: 'b', start: 1, end: 4 },
    ]);
    expect(segs).toEqual([
      { text: '甲', ids: ['a'] },
      { text: '乙丙', ids: ['a', 'b'] },
      { text: '丁', ids: ['b'] },
    ]);
  });

  it('slices astral characters whole', () => {
    expect(sourceSegments('甲𠀀乙', [{ id: 'a', start: 1, end: 2 }])).toEqual([
      { text: '甲', ids: [] },
      { text: '𠀀', ids: ['a'] },
      { text: '乙', ids: [] },
    ]);
  });
});
