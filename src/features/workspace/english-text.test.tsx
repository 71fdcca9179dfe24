// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { docToPlainText } from '../../editor/rich-text.ts';
import type { RichDoc } from '../../editor/rich-text-schema.ts';
import { cutRun, EnglishText } from './english-text.tsx';
import { englishOffset, readTranslationSelection, TRANSLATION_ATTRIBUTE } from './selection.ts';

afterEach(cleanup);

const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });

/** A document with every kind of block, whose plain text the runs' offsets must follow. */
const doc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Article 1')] },
    para(text('The '), text('two', [{ type: 'bold' }]), text(' sides'), { type: 'hardBreak' }, text('agree.')),
    { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one')), para(text('more'))] }, { type: 'listItem', content: [] }, { type: 'listItem', content: [para(text('two'))] }] },
    { type: 'blockquote', content: [para(text('quoted'))] },
    { type: 'horizontalRule' },
    { type: 'codeBlock', attrs: { language: null }, content: [text('x < y')] },
    para(text('End.')),
  ],
} as unknown as RichDoc;

function view(body: unknown, plain: string, spans: { id: string; start: number; end: number }[] = []) {
  return render(
    <div {...{ [TRANSLATION_ATTRIBUTE]: 'p1' }}>
      <EnglishText body={body} text={plain} spans={spans} highlighted={null} />
    </div>,
  ).container.firstElementChild as HTMLElement;
}

describe('EnglishText', () => {
  it('gives every run its offset in the plain text, through every kind of block', () => {
    const plain = docToPlainText(doc);
    const root = view(doc, plain);
    const runs = [...root.querySelectorAll<HTMLElement>('[data-at]')];
    expect(runs.length).toBeGreaterThan(8);
    for (const run of runs) expect(plain.slice(Number(run.dataset.at), Number(run.dataset.at) + run.textContent!.length)).toBe(run.textContent);
  });

  it('marks the notes\' spans, across formatting, with the notes they belong to', () => {
    const plain = docToPlainText(doc);
    const start = plain.indexOf('two sides');
    const root = view(doc, plain, [
      { id: 'n1', start, end: start + 'two sides'.length },
      { id: 'n2', start: start + 4, end: start + 'two sides\nagree'.length },
    ]);
    const marks = [...root.querySelectorAll('mark')].map((m) => [m.textContent, m.getAttribute('data-notes')]);
    expect(marks).toEqual([
      ['two', 'n1'],
      [' ', 'n1'],
      ['sides', 'n1 n2'],
      ['agree', 'n2'],
    ]);
    expect(root.querySelector('strong mark')?.textContent).toBe('two');
  });

  it('shows a body that does not render to the stored text as that text', () => {
    const root = view(doc, 'Line one\nLine two', [{ id: 'n', start: 9, end: 13 }]);
    expect([...root.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Line one', 'Line two']);
    expect(root.querySelector('mark')?.textContent).toBe('Line');
    expect(root.querySelector('mark')?.getAttribute('data-at')).toBe('9');
  });
});

describe('reading a selection in the English', () => {
  it('maps DOM points to offsets of the plain text', () => {
    const plain = docToPlainText(doc);
    const root = view(doc, plain);
    const quoted = [...root.querySelectorAll<HTMLElement>('[data-at]')].find((r) => r.textContent === 'quoted')!;
    const range = document.createRange();
    range.setStart(quoted.firstChild!, 1);
    range.setEnd(root.querySelector('pre code [data-at]')!.firstChild!, 1);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    const selected = readTranslationSelection(window.getSelection())!;
    expect(selected.paragraphId).toBe('p1');
    expect(plain.slice(selected.range!.start, selected.range!.end)).toBe('uoted\n\nx');
    // A point between elements falls at the start of the next run; past the last, at the end.
    const list = root.querySelector('ul')!;
    expect(englishOffset(root, list, 1)).toBe(plain.indexOf('\n\ntwo') + 2);
    expect(englishOffset(root, root, root.childNodes.length)).toBe(plain.length);
  });

  it('cuts runs at the spans\' edges', () => {
    expect(cutRun('abcdef', 10, [{ id: 'x', start: 12, end: 14 }, { id: 'y', start: 0, end: 11 }])).toEqual([
      { at: 10, text: 'a', ids: ['y'] },
      { at: 11, text: 'b', ids: [] },
      { at: 12, text: 'cd', ids: ['x'] },
      { at: 14, text: 'ef', ids: [] },
    ]);
  });
});
