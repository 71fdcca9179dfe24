import { describe, expect, it } from 'vitest';
import { parseRichDoc } from './rich-text-schema.ts';
import { docToPlainText, plainTextToDoc } from './rich-text.ts';

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
