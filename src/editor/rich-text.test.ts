import { describe, expect, it } from 'vitest';
import { parseRichDoc } from './rich-text-schema.ts';
import { docToPlainText, EMPTY_DOC, normalizeDoc, plainTextToDoc } from './rich-text.ts';

const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });

describe('plain text', () => {
  it('round-trips lines', () => {
    const d = plainTextToDoc('First line\n\nThird');
    expect(docToPlainText(d)).toBe('First line\n\nThird');
    expect(docToPlainText(parseRichDoc(doc(para(text('a'), { type: 'hardBreak' }, text('b'))))!)).toBe('a\nb');
  });
});

describe('normalizeDoc', () => {
  const p = (text?: string) => (text === undefined ? { type: 'paragraph' as const } : { type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });

  it('drops a leading empty paragraph (Enter pressed to start editing)', () => {
    const doc = normalizeDoc({ type: 'doc', content: [p(), p('At the invitation of President Xi Jinping')] });
    expect(doc.content).toEqual([p('At the invitation of President Xi Jinping')]);
    expect(docToPlainText(doc)).toBe('At the invitation of President Xi Jinping');
  });

  it('drops trailing empty and whitespace-only paragraphs but keeps blank lines between text', () => {
    const doc = normalizeDoc({ type: 'doc', content: [p(), p('  '), p('One.'), p(), p('Two.'), p(), p(' ')] });
    expect(doc.content).toEqual([p('One.'), p(), p('Two.')]);
    expect(docToPlainText(doc)).toBe('One.\n\nTwo.');
  });

  it('returns the same object when there is nothing to drop', () => {
    const doc = { type: 'doc' as const, content: [p('One.'), { type: 'bulletList' as const, content: [] }] };
    expect(normalizeDoc(doc)).toBe(doc);
  });

  it('keeps non-paragraph blocks at the edges and turns an all-blank document into the empty one', () => {
    expect(normalizeDoc({ type: 'doc', content: [p(), p(), p()] })).toEqual(EMPTY_DOC);
    expect(normalizeDoc({ type: 'doc' })).toEqual(EMPTY_DOC);
    const rule = { type: 'horizontalRule' as const };
    expect(normalizeDoc({ type: 'doc', content: [rule, p()] }).content).toEqual([rule]);
  });
});
