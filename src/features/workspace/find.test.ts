import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../data/paragraphs.ts';
import { findInRows, rowFinds } from './find.ts';
import { spanCover } from './span-cover.ts';

function row(position: number, text: string, english = '', span = 1): Paragraph {
  return {
    id: `p${position}`,
    document_id: 'd',
    position,
    kind: 'body',
    text,
    translations: english || span > 1 ? ({ id: `t${position}`, paragraph_id: `p${position}`, text: english, span } as Paragraph['translations']) : null,
  };
}

describe('findInRows', () => {
  const rows = [
    row(1, '２０１４年，Ｃ线开通。', 'Line C opened in 2014.'),
    row(2, '条约自签署之日起生效。', 'The treaty takes effect on signature.', 2),
    row(3, '本条约有效期二十年。'),
    row(4, '双方同意加强合作。', 'Both sides agree; the TREATY stands.'),
  ];
  const cover = spanCover(rows);

  it('finds the query in the Chinese and the English of every row, in reading order, folded alike', () => {
    const found = findInRows(rows, cover, 'c线');
    expect(found.map((m) => [m.rowIndex, m.field, m.start])).toEqual([[0, 'source', 6]]);
    expect(findInRows(rows, cover, '2014').map((m) => [m.rowIndex, m.field])).toEqual([
      [0, 'source'],
      [0, 'translation'],
    ]);
  });

  it('puts a covered paragraph\'s matches in the row that shows it', () => {
    const found = findInRows(rows, cover, '条约');
    expect(found.map((m) => [m.rowIndex, m.rowId, m.paragraphId, m.field])).toEqual([
      [1, 'p2', 'p2', 'source'],
      [1, 'p2', 'p3', 'source'],
    ]);
    expect(findInRows(rows, cover, 'treaty').map((m) => [m.rowId, m.field, m.start])).toEqual([
      ['p2', 'translation', 4],
      ['p4', 'translation', 22],
    ]);
  });

  it('groups the highlights by row and marks the current match', () => {
    const found = findInRows(rows, cover, '条约');
    const finds = rowFinds(found, 1);
    expect([...finds.keys()]).toEqual(['p2']);
    const p2 = finds.get('p2')!;
    expect(p2.source.get('p3')).toEqual([expect.objectContaining({ start: 1, end: 3 })]);
    expect(p2.current).toBe(found[1]);
  });

  it('finds nothing for an empty query', () => {
    expect(findInRows(rows, cover, '  ')).toEqual([]);
  });
});
