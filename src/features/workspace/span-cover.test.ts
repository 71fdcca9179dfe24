import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../data/paragraphs.ts';
import { spanCover } from './span-cover.ts';

const paragraph = (position: number, span?: number): Paragraph => ({
  id: `p${position}`,
  document_id: 'd',
  position,
  kind: 'body',
  text: `段落${position}`,
  translations:
    span === undefined ? null : { id: `t${position}`, paragraph_id: `p${position}`, body: null, text: span > 0 ? 'English' : '', status: 'draft', span, version: 1 },
});

describe('spanCover', () => {
  it('puts the paragraphs a span reaches under its first paragraph', () => {
    const { covered, coveredIds } = spanCover([paragraph(1, 1), paragraph(2, 3), paragraph(3, 1), paragraph(4, 1), paragraph(5, 2), paragraph(6, 1), paragraph(7)]);
    expect([...covered].map(([head, list]) => [head, list.map((p) => p.id)])).toEqual([
      ['p2', ['p3', 'p4']],
      ['p5', ['p6']],
    ]);
    expect([...coveredIds]).toEqual(['p3', 'p4', 'p6']);
  });

  it('keeps one row per paragraph when nothing spans', () => {
    const { covered, coveredIds } = spanCover([paragraph(1), paragraph(2, 1)]);
    expect(covered.size).toBe(0);
    expect(coveredIds.size).toBe(0);
  });

  it('stops at the end of the loaded paragraphs', () => {
    const { covered } = spanCover([paragraph(9, 4), paragraph(10, 1)]);
    expect(covered.get('p9')!.map((p) => p.id)).toEqual(['p10']);
  });
});
