// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { describe as describeSpan } from '../../domain/anchor/index.ts';
import { sliceCodePoints } from '../../domain/text/index.ts';
import { readSourceSelection, SOURCE_ATTRIBUTE } from './selection.ts';

function sourceElement(html: string): HTMLElement {
  document.body.innerHTML = `<div ${SOURCE_ATTRIBUTE}="p5" lang="zh-CN">${html}</div><p id="elsewhere">other</p>`;
  return document.querySelector<HTMLElement>(`[${SOURCE_ATTRIBUTE}]`)!;
}

function select(startNode: Node, startOffset: number, endNode: Node, endOffset: number): Selection {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

describe('readSourceSelection', () => {
  it('measures offsets across <mark> runs of earlier notes', () => {
    const text = '双方将保持两国领导人之间的密切交往，就双边关系';
    const el = sourceElement('双方将保持<mark>两国领导人</mark>之间的密切交往，就双边关系');
    const tail = el.lastChild!; // "之间的密切交往，就双边关系"
    const at = '之间的'.length;
    const result = readSourceSelection(select(tail, at, tail, at + 4))!;
    expect(result.paragraphId).toBe('p5');
    expect(sliceCodePoints(text, result.start, result.end)).toBe('密切交往');
    const selectors = describeSpan(text, result)!;
    expect(selectors.position).toMatchObject({ start: 13, end: 17 });
    expect(selectors.quote).toMatchObject({ exact: '密切交往', prefix: '双方将保持两国领导人之间的', suffix: '，就双边关系' });
  });

  it('spans from inside a mark to plain text', () => {
    const el = sourceElement('甲<mark>乙丙</mark>丁戊');
    const mark = el.querySelector('mark')!.firstChild!;
    const result = readSourceSelection(select(mark, 1, el.lastChild!, 1))!;
    expect([result.start, result.end]).toEqual([2, 4]);
  });

  it('turns the DOM\'s UTF-16 offsets into code points: an astral character counts once', () => {
    const text = '甲𠀀乙丙';
    const el = sourceElement(text);
    const node = el.firstChild!;
    const result = readSourceSelection(select(node, 3, node, 5))!;
    expect([result.start, result.end]).toEqual([2, 4]);
    expect(describeSpan(text, result)!.quote.exact).toBe('乙丙');
  });

  it('ignores collapsed selections and selections leaving the paragraph', () => {
    const el = sourceElement('甲乙丙');
    expect(readSourceSelection(select(el.firstChild!, 1, el.firstChild!, 1))).toBeNull();
    const other = document.getElementById('elsewhere')!.firstChild!;
    expect(readSourceSelection(select(el.firstChild!, 1, other, 2))).toBeNull();
  });
});
