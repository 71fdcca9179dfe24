import { describe, expect, it } from 'vitest';
import { InteropError } from './errors.ts';
import {
  checkInterTextAlignment, readInterTextAlignment, readInterTextDocument, segmentsById, writeInterTextAlignment, writeInterTextDocument,
  type InterTextAlignment, type InterTextDocument,
} from './intertext.ts';
import { macDevTexts } from './fixtures/mac-dev.ts';

const texts = macDevTexts();
const CROSSING_TSV_ROWS: Record<string, number[]> = { 'dev-anno.002_zh.002_en': [67], 'dev-anno.006_zh.006_en': [167] };

function sentences(doc: InterTextDocument): number {
  return doc.paragraphs.reduce((n, p) => n + p.segments.length, 0);
}

describe('InterText on MAC-Dev', () => {
  it('finds the six texts', () => {
    expect(texts.map((t) => t.name)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `dev-anno.00${n}_zh.00${n}_en`));
  });

  it('reads 1,444 Chinese and 1,947 English sentences, 61.5 % of links 1-1', () => {
    let zh = 0;
    let en = 0;
    let links = 0;
    let oneToOne = 0;
    for (const t of texts) {
      zh += sentences(readInterTextDocument(t.zh));
      en += sentences(readInterTextDocument(t.en));
      const alignment = readInterTextAlignment(t.alignment);
      links += alignment.links.length;
      oneToOne += alignment.links.filter((l) => l.from.length === 1 && l.to.length === 1).length;
    }
    expect([zh, en]).toEqual([1444, 1947]);
    expect(((100 * oneToOne) / links).toFixed(1)).toBe('61.5');
  });

  it('keeps paragraphs and sentence ids as written', () => {
    const zh = readInterTextDocument(texts[0]!.zh);
    expect(zh.root).toBe('text');
    expect(zh.paragraphs[0]!.id).toBe('1');
    expect(zh.paragraphs[0]!.segments.slice(0, 2)).toEqual([
      { id: '1:1', text: '那天晚上我没走掉。' },
      { id: '1:2', text: '陈清扬把我拽住，以伟大友谊的名义叫我留下来。' },
    ]);
  });

  it.each(texts.map((t) => [t.name, t] as const))('%s: toDoc is the English, fromDoc the Chinese, and every link matches the TSV', (_name, t) => {
    const zh = readInterTextDocument(t.zh);
    const en = readInterTextDocument(t.en);
    const alignment = readInterTextAlignment(t.alignment);
    expect(alignment.toDoc).toMatch(/_en\.xml$/);
    expect(alignment.fromDoc).toMatch(/_zh\.xml$/);
    // Raises on an unknown id or an id linked twice.
    checkInterTextAlignment(alignment, zh, en);
    const zhById = segmentsById(zh);
    const enById = segmentsById(en);
    const rows = alignment.links.map((l) => `${l.from.map((id) => zhById.get(id)!.text).join(' ')}\t${l.to.map((id) => enById.get(id)!.text).join(' ')}`);
    const tsv = t.tsv.replace(/\r?\n$/, '').split(/\r?\n/);
    expect(rows).toHaveLength(tsv.length);
    // The TSV also puts the sentence of a crossing link into the link before it: the one difference.
    const differing = rows.flatMap((row, i) => (row === tsv[i] ? [] : [i + 1]));
    expect(differing).toEqual(CROSSING_TSV_ROWS[t.name] ?? []);
    // Every sentence of both texts is in exactly one link.
    expect(alignment.links.flatMap((l) => l.from).sort()).toEqual([...zhById.keys()].sort());
    expect(alignment.links.flatMap((l) => l.to).sort()).toEqual([...enById.keys()].sort());
    expect(alignment.links.every((l) => l.status === 'man')).toBe(true);
  });

  it.each(texts.map((t) => [t.name, t] as const))('%s: writing and reading back gives the same documents and links', (_name, t) => {
    for (const xml of [t.zh, t.en]) {
      const doc = readInterTextDocument(xml);
      const written = writeInterTextDocument(doc);
      expect(readInterTextDocument(written)).toEqual(doc);
      expect(writeInterTextDocument(readInterTextDocument(written))).toBe(written);
    }
    const alignment = readInterTextAlignment(t.alignment);
    const written = writeInterTextAlignment(alignment);
    expect(readInterTextAlignment(written)).toEqual(alignment);
    // The written links keep InterText's order and ratio: English (toDoc) ids first.
    const first = alignment.links[0]!;
    expect(written).toContain(`<link type="${first.to.length}-${first.from.length}" xtargets="${first.to.join(' ')};${first.from.join(' ')}" status="man"/>`);
  });

  it('finds the two crossing links of the hand alignment only when asked for reading order', () => {
    const crossing = texts.flatMap((t) => {
      const alignment = readInterTextAlignment(t.alignment);
      try {
        checkInterTextAlignment(alignment, readInterTextDocument(t.zh), readInterTextDocument(t.en), { ordered: true });
        return [];
      } catch (error) {
        return [`${t.name}: ${(error as Error).message}`];
      }
    });
    expect(crossing).toEqual([
      'dev-anno.002_zh.002_en: Link 68: "1:73" of the fromDoc document is out of order.',
      'dev-anno.006_zh.006_en: Link 167: "1:269" of the toDoc document is out of order.',
    ]);
  });
});

describe('InterText documents', () => {
  it('reads paragraphs without sentences, nested markup and entities', () => {
    const doc = readInterTextDocument(`<?xml version="1.0"?>
<!DOCTYPE doc SYSTEM "intercorp.dtd">
<doc id="x" language="zh"><head id="h1">一、<hi>总则</hi></head>
<p id="1">双方 &amp; 各方&#x3002;</p><div><p id="2"><s id="2:1"> A </s><s id="2:2">B</s></p></div></doc>`);
    expect(doc).toEqual({
      root: 'doc',
      attrs: { id: 'x', language: 'zh' },
      paragraphs: [
        { id: 'h1', segments: [{ id: 'h1', text: '一、总则' }] },
        { id: '1', segments: [{ id: '1', text: '双方 & 各方。' }] },
        { id: '2', segments: [{ id: '2:1', text: 'A' }, { id: '2:2', text: 'B' }] },
      ],
    });
    expect(writeInterTextDocument(doc)).toContain('<p id="1">双方 &amp; 各方。</p>');
  });

  it.each([
    ['not XML', 'just text', /not XML/],
    ['not well-formed', '<text><p id="1">a</text>', /not well-formed XML \(line 1, column \d+: /],
    ['an alignment', `<linkGrp toDoc="a" fromDoc="b"/>`, /alignment \(linkGrp\), not a text document/],
    ['a repeated id', '<text><p id="1"><s id="1:1">a</s><s id="1:1">b</s></p></text>', /uses the id "1:1" twice/],
    ['no ids', '<text><p>a</p></text>', /no elements with an id/],
  ])('refuses %s', (_what, xml, message) => {
    expect(() => readInterTextDocument(xml)).toThrow(InteropError);
    expect(() => readInterTextDocument(xml)).toThrow(message);
  });
});

describe('InterText alignments', () => {
  const from = readInterTextDocument('<text><p id="1"><s id="1:1">甲</s><s id="1:2">乙</s></p><p id="2"><s id="2:1">丙</s></p></text>');
  const to = readInterTextDocument('<text><p id="1"><s id="1:1">A</s></p><p id="2"><s id="2:1">B</s><s id="2:2">C</s></p></text>');

  it('reads empty sides, statuses and marks', () => {
    const alignment = readInterTextAlignment(`<linkGrp toDoc="en.xml" fromDoc="zh.xml">
      <link type="1-2" xtargets="1:1;1:1 1:2" status="man" mark="2"/>
      <link type="1-0" xtargets="2:1;" status="auto"/>
      <link type="1-1" xtargets="2:2;2:1"/>
    </linkGrp>`);
    expect(alignment).toEqual<InterTextAlignment>({
      fromDoc: 'zh.xml',
      toDoc: 'en.xml',
      links: [
        { from: ['1:1', '1:2'], to: ['1:1'], status: 'man', mark: '2' },
        { from: [], to: ['2:1'], status: 'auto', mark: null },
        { from: ['2:1'], to: ['2:2'], status: null, mark: null },
      ],
    });
    checkInterTextAlignment(alignment, from, to);
    expect(writeInterTextAlignment(alignment)).toContain('<link type="1-0" xtargets="2:1;" status="auto"/>');
  });

  it.each([
    ['a text document', '<text><p id="1">a</p></text>', /linkGrp root element; this file has <text>/],
    ['a link without xtargets', '<linkGrp><link type="1-1"/></linkGrp>', /Link 1 has no xtargets/],
    ['three sides', `<linkGrp><link xtargets="1:1;1:1;1:2"/></linkGrp>`, /two id lists separated by one ";"/],
    ['a wrong ratio', `<linkGrp><link type="1-1" xtargets="1:1;1:1 1:2"/></linkGrp>`, /Link 1: type "1-1" does not match xtargets "1:1;1:1 1:2" \(1-2\)/],
    ['an empty link', `<linkGrp><link xtargets=";"/></linkGrp>`, /links nothing to nothing/],
  ])('refuses %s', (_what, xml, message) => {
    expect(() => readInterTextAlignment(xml)).toThrow(message);
  });

  it.each([
    ['an unknown id', `<link xtargets="1:1;9:9"/>`, /Link 1: "9:9" is not an element of the fromDoc document/],
    ['an id linked twice', `<link xtargets="1:1;1:1"/><link xtargets="2:1;1:1"/>`, /Link 2: "1:1" of the fromDoc document is linked twice/],
    ['links out of order', `<link xtargets="1:1;2:1"/><link xtargets="2:1;1:1"/>`, /Link 2: "1:1" of the fromDoc document is out of order/],
  ])('checks against the documents: %s', (_what, links, message) => {
    const alignment = readInterTextAlignment(`<linkGrp toDoc="en.xml" fromDoc="zh.xml">${links}</linkGrp>`);
    expect(() => checkInterTextAlignment(alignment, from, to, { ordered: true })).toThrow(message);
  });
});
