// Plain-text offsets (as QA reports them on docToPlainText of the saved document) mapped to
// positions in the editor's document, whatever its structure.
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { baseExtensions } from './extensions.ts';
import { docToPlainText, normalizeDoc } from './rich-text.ts';
import type { RichDoc } from './rich-text-schema.ts';
import { documentRanges, setTextHighlights, TextHighlight, textHighlightKey } from './text-highlight.ts';

const schema = getSchema([...baseExtensions(), TextHighlight]);
const text = (t: string, marks?: Array<{ type: string }>) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const para = (...content: object[]) => ({ type: 'paragraph', ...(content.length ? { content } : {}) });

/** Every plain-text range read back from the document through the mapping. */
function readBack(json: object, ranges: Array<{ start: number; end: number }>) {
  const doc = schema.nodeFromJSON(json);
  return documentRanges(doc, ranges).map(({ from, to }) => doc.textBetween(from, to));
}

describe('text highlight', () => {
  it('maps offsets across marks, hard breaks, paragraphs and list items', () => {
    const json = {
      type: 'doc',
      content: [
        para(text('On '), text('19 May', [{ type: 'bold' }]), text(' 2014')),
        para(text('a'), { type: 'hardBreak' }, text('b')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('the the item'))] }] },
      ],
    };
    const plain = docToPlainText(json as RichDoc);
    expect(plain).toBe('On 19 May 2014\na\nb\nthe the item');
    const find = (s: string) => ({ start: plain.indexOf(s), end: plain.indexOf(s) + s.length });
    expect(readBack(json, [find('19 May 2014')])).toEqual(['19 May', ' 2014']);
    expect(readBack(json, [find('b')])).toEqual(['b']);
    expect(readBack(json, [find('the the')])).toEqual(['the the']);
  });

  it('skips blank lines before the text, as the saved text does', () => {
    const json = { type: 'doc', content: [para(), para(text('  ')), para(text('Both sides agree.'))] };
    const plain = docToPlainText(normalizeDoc(json as RichDoc));
    expect(plain).toBe('Both sides agree.');
    expect(readBack(json, [{ start: 5, end: 10 }])).toEqual(['sides']);
  });

  it('decorates through the plugin and follows edits until new offsets come', () => {
    // The extension's plugin, as tiptap installs it.
    const plugins = TextHighlight.config.addProseMirrorPlugins!.call({ options: { className: 'qa-hit' } } as never);
    let state = EditorState.create({ schema, doc: schema.nodeFromJSON({ type: 'doc', content: [para(text('On 20 May 2015.'))] }), plugins });
    state = state.apply(setTextHighlights(state, [{ start: 3, end: 14 }]));
    const found = () => textHighlightKey.getState(state)!.find().map((d) => state.doc.textBetween(d.from, d.to));
    expect(found()).toEqual(['20 May 2015']);
    state = state.apply(state.tr.insertText('Done ', 1));
    expect(found()).toEqual(['20 May 2015']);
    state = state.apply(setTextHighlights(state, []));
    expect(found()).toEqual([]);
  });
});
