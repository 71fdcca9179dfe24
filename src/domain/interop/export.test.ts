import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { NOTE_CSV_COLUMNS, inertCell } from './csv.ts';
import { locate } from './docx.ts';
import type { EXPORT_FORMATS} from './export.ts';
import { packDocument, renderExport, zipFiles } from './export.ts';
import { readInterTextAlignment, readInterTextDocument, segmentsById } from './intertext.ts';
import { annotationCollection } from './jsonld.ts';
import { buildRows, selectRows } from './rows.ts';
import { markdownEscape } from './text.ts';
import { fileStem } from './text-utils.ts';
import { ENGLISH, OPTIONS, paragraphId, sampleExport } from './fixtures/sample-export.ts';
import { attr, elements, findAll, parseXml, textContent } from './xml.ts';

const doc = sampleExport();
const text = async (format: (typeof EXPORT_FORMATS)[number], options: Partial<typeof OPTIONS> & { layout?: 'english' | 'bilingual' } = {}) => {
  const [file] = await renderExport(doc, { ...OPTIONS, ...options, format });
  return file!.data as string;
};

describe('rows', () => {
  it('merge a spanning translation with the paragraphs it covers', () => {
    const rows = buildRows(doc);
    expect(rows).toHaveLength(52);
    const merged = rows.find((r) => r.head.position === 4)!;
    expect(merged.paragraphs.map((p) => p.position)).toEqual([4, 5]);
    expect(merged.source.split('\n')).toHaveLength(2);
    // The note on paragraph 5 belongs to the row that covers it.
    expect(merged.notes.map((n) => n.kind)).toEqual(['treaty']);
  });

  it('select approved, translated-and-approved or all rows', () => {
    const rows = buildRows(doc);
    expect(selectRows(rows, 'approved').map((r) => r.head.position)).toEqual([1, 3, 52]);
    expect(selectRows(rows, 'translated').map((r) => r.head.position)).toEqual([1, 2, 3, 7, 48, 52]);
    expect(selectRows(rows, 'all')).toHaveLength(52);
  });

  it('never export drafts of notes', () => {
    const all = buildRows(doc, 'shared').flatMap((r) => r.notes);
    expect(all.map((n) => n.status)).not.toContain('draft');
    expect(buildRows(doc, 'approved').flatMap((r) => r.notes).every((n) => n.status === 'approved')).toBe(true);
  });
});

describe('TMX', () => {
  it('has one tu per selected row with languages, dates, status and reviewer', async () => {
    const root = parseXml(await text('tmx', { rows: 'translated' }));
    expect(attr(root, 'version')).toBe('1.4');
    const header = elements(root, 'header')[0]!;
    expect(attr(header, 'srclang')).toBe('zh-CN');
    const tus = findAll(root, 'tu');
    expect(tus.map((tu) => attr(tu, 'tuid'))).toEqual([1, 2, 3, 7, 48, 52].map(paragraphId));
    const first = tus[0]!;
    expect(first.attrs).toMatchObject({ creationdate: '20240110T080000Z', changedate: '20240112T103000Z', creationid: 'Demo Translator', changeid: 'Demo Translator' });
    const props = Object.fromEntries(elements(first, 'prop').map((p) => [attr(p, 'type'), textContent(p)]));
    expect(props).toEqual({ 'x-status': 'approved', 'x-reviewer': 'Demo Reviewer', 'x-reviewdate': '20240115T164500Z', 'x-paragraphs': '1' });
    expect(elements(first, 'tuv').map((t) => attr(t, 'lang'))).toEqual(['zh-CN', 'en']);
    expect(textContent(findAll(first, 'seg')[1]!)).toBe(ENGLISH[1]![0]);
    // Approved notes only, even when more are included elsewhere.
    expect(elements(first, 'note').map(textContent)).toEqual([expect.stringContaining('亚洲相互协作与信任措施会议')]);
  });

  it('merges a spanning row into one unit', async () => {
    const tus = findAll(parseXml(await text('tmx', { rows: 'all' })), 'tu');
    const merged = tus.find((tu) => attr(tu, 'tuid') === paragraphId(4))!;
    expect(textContent(findAll(merged, 'seg')[0]!).split('\n')).toEqual([doc.paragraphs[3]!.text, doc.paragraphs[4]!.text]);
    expect(tus.some((tu) => attr(tu, 'tuid') === paragraphId(5))).toBe(false);
  });
});

describe('XLIFF', () => {
  it('1.2: ids are paragraph ids, states mapped, structure kept in groups', async () => {
    const root = parseXml(await text('xliff12'));
    const units = findAll(root, 'trans-unit');
    expect(units).toHaveLength(52);
    const byId = new Map(units.map((u) => [attr(u, 'id'), u]));
    const state = (p: number) => attr(elements(byId.get(paragraphId(p))!, 'target')[0] ?? { name: '', attrs: {}, children: [] }, 'state');
    expect([1, 2, 4, 6].map(state)).toEqual(['signed-off', 'translated', 'needs-review-translation', undefined]);
    expect(attr(byId.get(paragraphId(1))!, 'approved')).toBe('yes');
    const groups = findAll(root, 'group');
    expect(groups.map((g) => [attr(g, 'restype'), attr(g, 'resname')])).toEqual([
      ...['一', '二', '三', '四', '五', '六'].map((n) => ['x-section', n]),
      ['x-closing', undefined],
    ]);
    expect(attr(byId.get(paragraphId(3))!, 'restype')).toBe('x-heading');
    const notes = elements(byId.get(paragraphId(1))!, 'note');
    expect(notes.map((n) => [attr(n, 'from'), attr(n, 'annotates')])).toEqual([['Demo Researcher', 'source'], ['Demo Researcher', 'target']]);
    expect(textContent(notes[0]!)).toContain('[organisation, approved]');
  });

  it('2.1: segments with states, drafts named in subState, notes with author and status', async () => {
    const root = parseXml(await text('xliff21'));
    expect(root.attrs).toMatchObject({ version: '2.1', srcLang: 'zh-CN', trgLang: 'en', xmlns: 'urn:oasis:names:tc:xliff:document:2.0' });
    const units = findAll(root, 'unit');
    expect(units).toHaveLength(52);
    const segment = (p: number) => findAll(units.find((u) => attr(u, 'id') === paragraphId(p))!, 'segment')[0]!;
    expect([1, 2, 4, 6].map((p) => [attr(segment(p), 'state'), attr(segment(p), 'subState')])).toEqual([
      ['final', 'dz:approved'],
      ['translated', 'dz:translated'],
      ['translated', 'dz:draft'],
      ['initial', undefined],
    ]);
    expect(elements(segment(6), 'target')).toHaveLength(0);
    const note = findAll(units[0]!, 'note')[0]!;
    expect(note.attrs).toMatchObject({ appliesTo: 'source', category: 'organisation', 'dz:author': 'Demo Researcher', 'dz:status': 'approved' });
  });
});

describe('W3C Web Annotation JSON-LD', () => {
  const collection = annotationCollection(doc, OPTIONS);
  const items = collection.first.items as Record<string, any>[];

  it('is an AnnotationCollection with one AnnotationPage of every shared note and reply', () => {
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.type).toBe('AnnotationPage');
    // Notes 1, 2, 4, 5, 6 (3 is a draft) and the reply to note 1.
    expect(collection.total).toBe(6);
    expect(items.map((a) => a.motivation)).toEqual(['identifying', 'replying', 'commenting', 'commenting', 'identifying', 'identifying']);
  });

  it('targets the paragraph with quote and code point position selectors', () => {
    const cica = items[0]!;
    expect(cica.id).toBe('urn:uuid:c0000000-0000-4000-8000-000000000001');
    expect(cica.target.source).toBe(`https://duizhao.example.org/documents/${doc.id}/paragraphs/${paragraphId(1)}`);
    expect(cica.target.selector).toEqual([
      expect.objectContaining({ type: 'TextQuoteSelector', exact: '亚洲相互协作与信任措施会议' }),
      expect.objectContaining({ type: 'TextPositionSelector', start: expect.any(Number), end: expect.any(Number) }),
    ]);
    const { start, end } = cica.target.selector[1];
    expect(Array.from(doc.paragraphs[0]!.text).slice(start, end).join('')).toBe('亚洲相互协作与信任措施会议');
    expect(cica.body).toEqual(
      expect.arrayContaining([
        { type: 'TextualBody', value: expect.stringContaining('<strong>CICA</strong>'), format: 'text/html', purpose: 'commenting' },
        { type: 'TextualBody', value: 'CICA', purpose: 'tagging' },
      ]),
    );
    const translationNote = items.find((a) => a.id.endsWith('005'))!;
    expect(translationNote.target.source).toMatch(/\/translation$/);
    expect(translationNote.target.language).toBe('en');
  });
});

describe('CSV of notes', () => {
  it('has one line per note and reply, spreadsheet-safe', async () => {
    const csv = await text('csv');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(NOTE_CSV_COLUMNS.join(','));
    expect(lines.filter((l) => l.includes(',note,')).length).toBe(5);
    expect(lines.filter((l) => l.includes(',reply,')).length).toBe(1);
    expect(csv).toContain(`"'+1 ""quoted"", with comma\nand a second line"`);
    expect(csv).toContain(`'@risk: the 2002 treaty`);
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it.each([
    ['=HYPERLINK("x")', "'=HYPERLINK(\"x\")"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM', "'@SUM"],
    ['\tcmd', "'\tcmd"],
    ['＝1+1', "'＝1+1"],
    ['plain', 'plain'],
  ])('makes %j inert', (input, output) => {
    expect(inertCell(input)).toBe(output);
  });
});

describe('text and Markdown', () => {
  it('English text has the headings and the English in order, gaps marked', async () => {
    const txt = await text('txt', { rows: 'all' });
    expect(txt).toContain('\nI\n');
    expect(txt.indexOf(ENGLISH[1]![0])).toBeLessThan(txt.indexOf('President Xi Jinping and President Nazarbayev'));
    expect(txt).toContain('[¶6 not translated]');
    expect(txt).not.toContain('双方指出');
  });

  it('bilingual text interleaves Chinese and English', async () => {
    const txt = await text('txt', { layout: 'bilingual', rows: 'translated' });
    expect(txt.indexOf(doc.paragraphs[0]!.text)).toBeLessThan(txt.indexOf(ENGLISH[1]![0]));
    expect(txt.indexOf(ENGLISH[1]![0])).toBeLessThan(txt.indexOf(doc.paragraphs[1]!.text));
  });

  it('Markdown escapes markup and turns notes into footnotes', async () => {
    const md = await text('md', { rows: 'translated' });
    expect(md).toContain('## I');
    expect(md).toMatch(/\[\^1\]: 「亚洲相互协作与信任措施会议」/);
    expect(markdownEscape('# not a heading *x* [y](z) 1. no list')).toBe('\\# not a heading \\*x\\* \\[y\\](z) 1. no list');
  });
});

describe('InterText', () => {
  it('writes both texts and a linkGrp that InterText reads back row by row', async () => {
    const files = await renderExport(doc, { ...OPTIONS, format: 'intertext', rows: 'all' });
    expect(files.map((f) => f.name)).toEqual(['.zh.xml', '.en.xml', '.zh.en.xml'].map((s) => `${fileStem(doc.title)}${s}`));
    const [zh, en, al] = files.map((f) => f.data as string);
    const alignment = readInterTextAlignment(al!);
    expect(alignment.fromDoc).toBe(files[0]!.name);
    const zhById = segmentsById(readInterTextDocument(zh!));
    const enById = segmentsById(readInterTextDocument(en!));
    expect(zhById.size).toBe(53);
    const merged = alignment.links.find((l) => l.from.includes('4:1'))!;
    expect(merged.from).toEqual(['4:1', '5:1']);
    expect(merged.to.map((id) => enById.get(id)!.text)).toEqual([ENGLISH[4]![0]]);
    const two = alignment.links.find((l) => l.from.includes('2:1'))!;
    expect(two.to).toHaveLength(2);
    expect(two.status).toBe('man');
    expect(alignment.links.find((l) => l.from.includes('6:1'))).toMatchObject({ to: [], status: 'plain' });
  });

  it('packs the three files of one document into a zip', async () => {
    const files = await renderExport(doc, { ...OPTIONS, format: 'intertext' });
    const packed = await packDocument(doc, files, 'intertext');
    expect(packed.name).toBe(`${fileStem(doc.title)}.intertext.zip`);
    const zip = await JSZip.loadAsync(packed.data as Uint8Array);
    expect(Object.keys(zip.files).sort()).toEqual(files.map((f) => f.name).sort());
  });
});

describe('DOCX', () => {
  it('anchors a note to its phrase, or finds the phrase, or takes the whole paragraph', () => {
    expect(locate('双方决定加强合作', { exact: '加强', start: 4, end: 6 })).toEqual({ start: 4, end: 6 });
    expect(locate('双方决定加强合作', { exact: '加强', start: 0, end: 2 })).toEqual({ start: 4, end: 6 });
    expect(locate('𠀀双方', { exact: '双方', start: 9, end: 11 })).toEqual({ start: 1, end: 3 });
    expect(locate('双方决定', { exact: null, start: null, end: null })).toEqual({ start: 0, end: 4 });
  });

  it('holds the comments of the notes and the CJK font', async () => {
    const [file] = await renderExport(doc, { ...OPTIONS, format: 'docx' });
    const zip = await JSZip.loadAsync(file!.data as Uint8Array);
    const comments = await zip.file('word/comments.xml')!.async('string');
    expect(comments).toContain('亚洲相互协作与信任措施会议');
    expect(comments).toContain('Use the official English name throughout.');
    const body = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    // The Chinese paragraphs take the style that sets the CJK font and language.
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="ChineseSource">.*w:eastAsia="Noto Serif CJK SC".*<w:lang w:val="zh-CN"/);
    expect(body).toContain('<w:pStyle w:val="ChineseSource"/>');
    expect(body).toContain('<w:pStyle w:val="Heading1"/>');
    // Every part is well-formed XML, and every comment has one range and one reference.
    for (const part of ['word/document.xml', 'word/comments.xml', 'word/styles.xml', 'word/settings.xml', '[Content_Types].xml']) parseXml(await zip.file(part)!.async('string'));
    const count = (re: RegExp) => (body.match(re) ?? []).length;
    const notes = (comments.match(/<w:comment /g) ?? []).length;
    expect(notes).toBe(5);
    expect([count(/<w:commentRangeStart /g), count(/<w:commentRangeEnd /g), count(/<w:commentReference /g)]).toEqual([notes, notes, notes]);
    // The phrase the CICA note is about is what its range holds.
    expect(body).toMatch(/<w:commentRangeStart w:id="0"\/><w:r><w:t xml:space="preserve">亚洲相互协作与信任措施会议<\/w:t><\/w:r><w:commentRangeEnd w:id="0"\/>/);
  });

  it('English only puts notes in footnotes', async () => {
    const [file] = await renderExport(doc, { ...OPTIONS, format: 'docx', layout: 'english' });
    const zip = await JSZip.loadAsync(file!.data as Uint8Array);
    const footnotes = await zip.file('word/footnotes.xml')!.async('string');
    expect(footnotes).toContain('Conference on Interaction');
    expect(zip.file('word/comments.xml') === null || !(await zip.file('word/comments.xml')!.async('string')).includes('<w:comment ')).toBe(true);
  });
});

describe('zip', () => {
  it('keeps two files of the same name', async () => {
    const data = await zipFiles([
      { path: 'p/a.tmx', data: 'x' },
      { path: 'p/a.tmx', data: 'y' },
    ]);
    const zip = await JSZip.loadAsync(data);
    expect(Object.keys(zip.files).filter((k) => !k.endsWith('/')).sort()).toEqual(['p/a (2).tmx', 'p/a.tmx']);
  });
});
