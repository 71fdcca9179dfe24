import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { readDocxText } from './docx-read.ts';
import { parseDocxDocument } from './docx-source.ts';
import { InteropError } from './errors.ts';
import { renderExport } from './export.ts';
import { exportedTextKey, exportedVersionsNeeded, importRows, planImport, sameText } from './import-plan.ts';
import { interTextRows, readInterTextFiles } from './intertext-import.ts';
import type { ExportDocument } from './model.ts';
import { readTranslationFile } from './translation-file.ts';
import { ENGLISH, OPTIONS, paragraphId, sampleExport } from './fixtures/sample-export.ts';
import { macDevTexts } from './fixtures/mac-dev.ts';

const doc = sampleExport();

async function exported(format: 'xliff12' | 'xliff21' | 'tmx', rows: 'all' | 'translated' = 'all'): Promise<string> {
  const [file] = await renderExport(doc, { ...OPTIONS, format, rows });
  return file!.data as string;
}

/** The same document after someone saved row `position` in Duizhao with new English. */
function savedSince(position: number, text: string): ExportDocument {
  return {
    ...doc,
    translations: doc.translations.map((t) => (t.paragraphId === paragraphId(position) ? { ...t, text, status: 'draft', version: t.version + 1 } : t)),
  };
}

describe('reading translation files', () => {
  it.each(['xliff12', 'xliff21', 'tmx'] as const)('reads back its own %s export', async (format) => {
    const file = readTranslationFile(await exported(format));
    expect(file.sourceLanguage).toBe('zh-CN');
    expect(file.targetLanguage).toBe('en');
    expect(file.units).toHaveLength(52);
    const first = file.units[0]!;
    expect(first.id).toBe(paragraphId(1));
    expect(first.target).toBe(ENGLISH[1]![0]);
    expect(first.version).toBe(format === 'tmx' ? null : 3);
  });

  it('reads inline markup as text and drops native codes', () => {
    const file = readTranslationFile(`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh" target-language="en-US" original="x" datatype="plaintext"><body>
      <group><trans-unit id="u1"><source>双方<g id="1">决定</g><x id="2"/>。</source>
      <seg-source><mrk mtype="seg" mid="1">双方决定。</mrk></seg-source>
      <target state="translated"><mrk mtype="seg" mid="1">The two <g id="1">sides</g> <bpt id="3">&lt;b&gt;</bpt>decide<ept id="3">&lt;/b&gt;</ept>.</mrk></target></trans-unit></group>
    </body></file></xliff>`);
    expect(file.units).toEqual([{ n: 1, id: 'u1', source: '双方决定。', target: 'The two sides decide.', state: 'translated', version: null }]);
  });

  it('reads XLIFF 2 segments, ignorables and code points', () => {
    const file = readTranslationFile(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-Hans" trgLang="en">
      <file id="f"><unit id="u1"><originalData><data id="d1">&lt;br/&gt;</data></originalData>
        <segment state="reviewed"><source>甲。</source><target>A.</target></segment>
        <ignorable><source> </source></ignorable>
        <segment><source>乙<ph id="1" dataRef="d1"/>。</source><target>B<cp hex="2014"/>.</target></segment>
      </unit></file></xliff>`);
    expect(file.units[0]).toMatchObject({ id: 'u1', source: '甲。 乙。', target: 'A. B—.', state: 'reviewed' });
  });

  it.each([
    ['not XML', 'hello', 'not-xml', /not XML/],
    ['broken XML', '<xliff version="1.2"><file>', 'not-xml', /not well-formed XML \(line 1/],
    ['another XML format', '<html><body/></html>', 'wrong-format', /not XLIFF or TMX \(its root element is <html>\)/],
    ['XLIFF 3', '<xliff version="3.0"/>', 'wrong-format', /version "3.0"/],
    ['German to French', '<xliff version="1.2"><file source-language="de" target-language="fr"><body><trans-unit id="1"><source>a</source></trans-unit></body></file></xliff>', 'wrong-languages', /translates de → fr; this document needs Chinese → English/],
    ['English to Chinese TMX', '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv></tu></body></tmx>', 'wrong-languages', /translates en → de/],
    ['no units', '<xliff version="2.1" srcLang="zh" trgLang="en"><file id="f"/></xliff>', 'invalid', /no translation units/],
  ])('refuses %s', (_what, xml, code, message) => {
    let error: unknown;
    try {
      readTranslationFile(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InteropError);
    expect((error as InteropError).code).toBe(code);
    expect((error as InteropError).message).toMatch(message);
  });

  it('refuses a Word document and a 50 MB+ file before reading them', () => {
    expect(() => readTranslationFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toThrow(/ZIP archive \(a Word document\?\), not an XLIFF or TMX file/);
    expect(() => readTranslationFile(new Uint8Array(50 * 1024 * 1024 + 1))).toThrow('The file is 50.0 MB, over the 50.0 MB limit.');
  });
});

describe('planning an XLIFF import', () => {
  it('an unchanged export changes nothing', async () => {
    const plan = planImport(readTranslationFile(await exported('xliff12')), doc);
    expect(plan).toMatchObject({ changes: [], conflicts: [], unchanged: 8, withoutTarget: 44, unmatched: [] });
  });

  it('two units edited in a CAT tool change exactly those two rows', async () => {
    const xml = (await exported('xliff21'))
      .replace('<target xml:space="preserve">II</target>', '<target xml:space="preserve">Part II</target>')
      .replace(/(<unit id="a0000000-0000-4000-8000-000000000006"[^]*?<\/source>)/, '$1\n<target>The two sides reaffirm their respect for sovereignty.</target>');
    const plan = planImport(readTranslationFile(xml), doc);
    expect(plan.changes.map((c) => [c.positions, c.before, c.after, c.expectedVersion])).toEqual([
      ['6', '', 'The two sides reaffirm their respect for sovereignty.', 0],
      ['7', 'II', 'Part II', 3],
    ]);
    expect(plan.conflicts).toEqual([]);
    expect(importRows(plan)).toEqual([
      { paragraph_id: paragraphId(6), expected_version: 0, text: 'The two sides reaffirm their respect for sovereignty.' },
      { paragraph_id: paragraphId(7), expected_version: 3, text: 'Part II' },
    ]);
  });

  it('a row saved in Duizhao since the export is a conflict, never overwritten unless chosen', async () => {
    const xml = (await exported('xliff12')).replace('>II</target>', '>Part II</target>');
    const newer = savedSince(7, 'Section II');
    const plan = planImport(readTranslationFile(xml), newer);
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts.map((c) => [c.positions, c.reason, c.before, c.after, c.exportedVersion, c.expectedVersion])).toEqual([
      ['7', 'changed-since-export', 'Section II', 'Part II', 3, 4],
    ]);
    expect(importRows(plan)).toEqual([]);
    expect(importRows(plan, new Set([paragraphId(7)]))).toEqual([{ paragraph_id: paragraphId(7), expected_version: 4, text: 'Part II' }]);
  });

  it('a unit left as exported while Duizhao moved on is outdated, not a conflict', async () => {
    const newer = savedSince(7, 'Section II');
    const file = readTranslationFile(await exported('xliff12'));
    const first = planImport(file, newer);
    expect(exportedVersionsNeeded(first)).toEqual([{ paragraphId: paragraphId(7), version: 3 }]);
    const plan = planImport(file, newer, new Map([[exportedTextKey(paragraphId(7), 3), 'II']]));
    expect(plan.conflicts).toEqual([]);
    expect(plan.outdated).toBe(1);
  });

  it('units that match nothing are listed; a file matching nothing is refused', async () => {
    const xml = (await exported('xliff12')).replace(/id="a0000000-0000-4000-8000-000000000002"/, 'id="elsewhere"');
    const plan = planImport(readTranslationFile(xml), doc);
    expect(plan.unmatched).toEqual([{ unit: 2, id: 'elsewhere', source: doc.paragraphs[1]!.text }]);
    const foreign = (await exported('xliff12')).replace(/id="a0000000-/g, 'id="z0000000-');
    expect(() => planImport(readTranslationFile(foreign), doc)).toThrow(/None of the file's 52 units matches a row of this document by id/);
  });
});

describe('planning a TMX import', () => {
  it('matches units by Chinese text, whitespace aside, and fills empty rows', () => {
    const tmx = `<tmx version="1.4"><header srclang="zh-CN" segtype="paragraph" datatype="plaintext" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
      <tu><tuv xml:lang="zh-CN"><seg>${doc.paragraphs[5]!.text.replace('。', '。 ')}</seg></tuv><tuv xml:lang="en-GB"><seg>Sovereignty is respected.</seg></tuv></tu>
      <tu><tuv xml:lang="zh-CN"><seg>二</seg></tuv><tuv xml:lang="en-GB"><seg>Part two</seg></tuv></tu>
      <tu><tuv xml:lang="zh-CN"><seg>不在文中。</seg></tuv><tuv xml:lang="en-GB"><seg>Not in the text.</seg></tuv></tu>
    </body></tmx>`;
    const plan = planImport(readTranslationFile(tmx), doc);
    expect(plan.changes.map((c) => [c.positions, c.after])).toEqual([['6', 'Sovereignty is respected.']]);
    expect(plan.conflicts.map((c) => [c.positions, c.reason, c.before])).toEqual([['7', 'has-other-english', 'II']]);
    expect(plan.unmatched.map((u) => u.source)).toEqual(['不在文中。']);
  });

  it('treats whitespace-only differences as no change', () => {
    expect(sameText('A  b\r\nc ', 'A b\nc')).toBe(true);
    expect(sameText('A b', 'A c')).toBe(false);
  });
});

describe('importing an InterText alignment', () => {
  it('reads back its own export as the rows the document has', async () => {
    const files = await renderExport(doc, { ...OPTIONS, format: 'intertext', rows: 'all' });
    // Given in any order, found by content.
    const read = readInterTextFiles([files[2]!, files[0]!, files[1]!].map((f) => ({ name: f.name, data: f.data as string })));
    const { rows, warnings } = interTextRows(read, doc.paragraphs);
    const withEnglish = Object.entries(ENGLISH).map(([position, [text, , span]]) => ({
      positions: Array.from({ length: span }, (_, k) => Number(position) + k),
      text,
    }));
    expect(rows).toEqual(withEnglish);
    expect(warnings.length).toBe(52 - 8);
  });

  it('merges sentence links that share a paragraph into one row', () => {
    const paragraphs = [
      { id: 'p1', position: 1, kind: 'body' as const, text: '甲乙。丙丁。' },
      { id: 'p2', position: 2, kind: 'body' as const, text: '戊己。' },
    ];
    const files = readInterTextFiles([
      { name: 'zh.xml', data: '<text><p id="1"><s id="1:1">甲乙。</s><s id="1:2">丙丁。</s><s id="1:3">戊己。</s></p></text>' },
      { name: 'en.xml', data: '<text><p id="1"><s id="1:1">AB.</s><s id="1:2">CD.</s></p><p id="2"><s id="2:1">EF.</s></p></text>' },
      { name: 'al.xml', data: `<linkGrp fromDoc="zh.xml" toDoc="en.xml"><link type="1-1" xtargets="1:1;1:1"/><link type="1-1" xtargets="1:2;1:2"/><link type="1-1" xtargets="2:1;1:3"/></linkGrp>` },
    ]);
    expect(interTextRows(files, paragraphs).rows).toEqual([
      { positions: [1], text: 'AB. CD.' },
      { positions: [2], text: 'EF.' },
    ]);
  });

  it('reads MAC-Dev: every Chinese sentence maps into the text, links merge into paragraph rows', () => {
    const t = macDevTexts()[0]!;
    const files = readInterTextFiles([{ data: t.zh }, { data: t.en }, { data: t.alignment }]);
    // The Chinese text as a Duizhao document: one paragraph per InterText paragraph.
    const paragraphs = files.zh.paragraphs.map((p, i) => ({ id: `p${i + 1}`, position: i + 1, kind: 'body' as const, text: p.segments.map((s) => s.text).join('') }));
    const { rows } = interTextRows(files, paragraphs);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.flatMap((r) => r.positions)).toEqual([...new Set(rows.flatMap((r) => r.positions))]);
    expect(rows.map((r) => r.text).join(' ')).toContain('I did not leave that night');
  });

  it.each([
    ['two files', 2, /three files/],
    ['Chinese that is not this document', 'other', /differs from this document at paragraph 1/],
  ])('refuses %s', async (_what, variant, message) => {
    const files = (await renderExport(doc, { ...OPTIONS, format: 'intertext' })).map((f) => ({ name: f.name, data: f.data as string }));
    if (variant === 2) {
      expect(() => readInterTextFiles(files.slice(0, 2))).toThrow(message);
      return;
    }
    const read = readInterTextFiles(files);
    const other = doc.paragraphs.map((p) => ({ ...p, text: p.position === 1 ? `另${p.text}` : p.text }));
    expect(() => interTextRows(read, other)).toThrow(message);
  });
});

describe('reading Word documents', () => {
  it('reads the paragraphs of an English DOCX export with mammoth', async () => {
    const [file] = await renderExport(doc, { ...OPTIONS, format: 'docx', layout: 'english', rows: 'translated' });
    const { paragraphs } = await readDocxText(file!.data as Uint8Array);
    expect(paragraphs).toContain(ENGLISH[1]![0]);
    expect(paragraphs).toContain('The two heads of state spoke highly of the comprehensive strategic partnership.');
  });

  it('imports the sample typed into Word as a Chinese source: the same paragraphs as the text export', async () => {
    const sample = readFileSync(new URL('../../../supabase/seed-data/000_6c702e8dc57f7cba.txt', import.meta.url), 'utf8');
    // Word keeps one paragraph per line of the export, blank lines as empty paragraphs.
    const word = new Document({ sections: [{ children: sample.split(/\r?\n/).map((line) => new Paragraph(line)) }] });
    const parsed = await parseDocxDocument(new Uint8Array(await Packer.toArrayBuffer(word)));
    expect(parsed.title).toBe('中华人民共和国和哈萨克斯坦共和国联合宣言');
    const kinds = parsed.paragraphs.map((p) => p.kind);
    expect([kinds.filter((k) => k === 'body').length, kinds.filter((k) => k === 'heading').length]).toEqual([41, 6]);
    expect(parsed.keywords).toHaveLength(20);
    expect(parsed.notices[0]).toMatchObject({ key: 'word', text: 'Read from a Word document (.docx).' });
  });

  it('refuses what is not a Word document', async () => {
    await expect(readDocxText(new TextEncoder().encode('plain text'))).rejects.toThrow(/not a Word document \(\.docx\): it is not a ZIP archive/);
    await expect(readDocxText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).rejects.toThrow(/not a Word document \(\.docx\) that can be read/);
  });
});
