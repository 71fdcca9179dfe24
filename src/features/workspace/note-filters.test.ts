import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../data/annotations.ts';
import type { Paragraph } from '../../data/paragraphs.ts';
import { filterChoices, filterNotes, filtersOn, NO_NOTE_FILTERS, rowsWithNotes } from './note-filters.ts';

function note(id: string, over: Partial<Annotation>): Annotation {
  return {
    id,
    paragraph_id: 'p1',
    author_id: 'me',
    status: 'submitted',
    target: 'source',
    body: null,
    kind: 'note',
    tags: [],
    version: 1,
    created_at: '2026-12-04T00:00:00Z',
    ...over,
  };
}

function paragraph(id: string, position: number, span = 1): Paragraph {
  return { id, position, translations: { span } } as unknown as Paragraph;
}

const notes = [
  note('a', { status: 'submitted', kind: 'person', tags: ['Treaty', 'cica'] }),
  note('b', { status: 'draft', kind: 'person', author_id: 'other' }),
  note('c', { status: 'approved', kind: 'place', tags: ['treaty'], author_id: 'other' }),
];

describe('filterNotes', () => {
  it('keeps everything without filters', () => {
    expect(filterNotes(notes, NO_NOTE_FILTERS).map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(filtersOn(NO_NOTE_FILTERS)).toBe(0);
  });

  it('combines status, kind, tag (any case) and author', () => {
    expect(filterNotes(notes, { ...NO_NOTE_FILTERS, kind: 'person' }).map((n) => n.id)).toEqual(['a', 'b']);
    expect(filterNotes(notes, { ...NO_NOTE_FILTERS, kind: 'person', author: 'other' }).map((n) => n.id)).toEqual(['b']);
    expect(filterNotes(notes, { ...NO_NOTE_FILTERS, tag: 'TREATY' }).map((n) => n.id)).toEqual(['a', 'c']);
    expect(filterNotes(notes, { ...NO_NOTE_FILTERS, tag: 'treaty', status: 'approved' }).map((n) => n.id)).toEqual(['c']);
    expect(filterNotes(notes, { ...NO_NOTE_FILTERS, tag: 'treaty', kind: 'place', author: 'me' })).toEqual([]);
    expect(filtersOn({ ...NO_NOTE_FILTERS, onlyRowsWithNotes: true })).toBe(1);
    expect(filtersOn({ ...NO_NOTE_FILTERS, tag: 'treaty', kind: 'place', author: 'me', onlyRowsWithNotes: true })).toBe(4);
  });
});

describe('rowsWithNotes', () => {
  it('keeps rows with a note, a merged row whole', () => {
    const rows = [paragraph('p1', 1), paragraph('p2', 2, 2), paragraph('p3', 3), paragraph('p4', 4), paragraph('p5', 5)];
    // p3 is covered by p2's row: a note on p3 keeps p2 and p3.
    expect(rowsWithNotes(rows, (id) => id === 'p3').map((p) => p.id)).toEqual(['p2', 'p3']);
    expect(rowsWithNotes(rows, (id) => id === 'p2' || id === 'p5').map((p) => p.id)).toEqual(['p2', 'p3', 'p5']);
    expect(rowsWithNotes(rows, () => false)).toEqual([]);
  });
});

describe('filterChoices', () => {
  it('lists each tag once (first spelling), sorted, and the authors', () => {
    expect(filterChoices(notes)).toEqual({ tags: ['cica', 'Treaty'], authors: ['me', 'other'] });
  });
});
