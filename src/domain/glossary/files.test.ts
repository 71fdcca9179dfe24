import { describe, expect, it } from 'vitest';
import { readGlossaryCsv, readGlossaryFile, readGlossaryTbx, writeGlossaryCsv, writeGlossaryTbx, GlossaryFileError, type GlossaryFileEntry } from './index.ts';

/** The code and parameters of the error a read throws. */
function fileError(read: () => unknown): { code: string; params: Record<string, string | number> } | null {
  try {
    read();
    return null;
  } catch (error) {
    return error instanceof GlossaryFileError ? { code: error.code, params: error.params } : null;
  }
}

const entries: GlossaryFileEntry[] = [
  { zh: '亚信', en: ['CICA', 'Conference on Interaction and Confidence-Building Measures in Asia'], forbidden: [], kind: 'organisation', note: 'Summit in Shanghai, 2014', source: '' },
  { zh: '一带一路', en: ['Belt and Road'], forbidden: ['One Belt, One Road', 'OBOR'], kind: 'term', note: 'Quote "marks", commas, and\na line end', source: 'MFA style guide' },
  { zh: '上海合作组织', en: ['Shanghai Cooperation Organisation'], forbidden: [], kind: 'organisation', note: '', source: '' },
  { zh: '=SUM(1)', en: ['+formula'], forbidden: [], kind: 'term', note: '', source: '' },
];

describe('glossary CSV', () => {
  it('round-trips every field, quotes, commas and line ends', () => {
    const csv = writeGlossaryCsv(entries.slice(0, 3));
    expect(csv.startsWith('\ufeffzh,en,forbidden,kind,note,source\r\n')).toBe(true);
    const read = readGlossaryCsv(csv);
    expect(read.problems).toEqual([]);
    expect(read.entries).toEqual(entries.slice(0, 3));
  });

  it('makes formula cells inert', () => {
    const csv = writeGlossaryCsv(entries.slice(3));
    expect(csv).toContain("'=SUM(1),'+formula");
  });

  it('reads other column names, tabs, Chinese kinds, and reports bad lines with their numbers', () => {
    const text = ['中文\t英文\t类型\t备注', '亚信\tCICA\t机构\t', '\tnothing\tterm\t', '中亚\tCentral Asia\tanimal\t', '亚信\tagain\t\t'].join('\n');
    const read = readGlossaryCsv(text);
    expect(read.entries).toEqual([{ zh: '亚信', en: ['CICA'], forbidden: [], kind: 'organisation', note: '', source: '' }]);
    // Codes and parameters, which the UI words in English or Chinese.
    expect(read.problems).toEqual([
      { at: { line: 3 }, code: 'zh-empty', params: {} },
      { at: { line: 4 }, code: 'unknown-kind', params: { kind: 'animal' } },
      { at: { line: 5 }, code: 'duplicate-line', params: { zh: '亚信', line: 2 } },
    ]);
  });

  it('refuses a file without the columns it needs', () => {
    expect(() => readGlossaryCsv('a,b\n1,2')).toThrow(GlossaryFileError);
    expect(fileError(() => readGlossaryCsv('a,b\n1,2'))).toEqual({ code: 'no-header', params: { firstLine: 'a,b' } });
    expect(fileError(() => readGlossaryCsv('zh,en\n"亚信,CICA'))).toEqual({ code: 'unclosed-quote', params: { line: 2 } });
    expect(() => readGlossaryCsv('zh,en\n"亚信,CICA')).toThrow(/never closed/);
    expect(fileError(() => readGlossaryCsv(' \n'))).toEqual({ code: 'empty', params: {} });
    expect(readGlossaryCsv(`zh,en,note\n${'长'.repeat(201)},x,\n短,x,${'n'.repeat(4001)}`).problems.map((p) => [p.code, p.params])).toEqual([
      ['zh-too-long', { max: 200 }],
      ['note-too-long', { max: 4000 }],
    ]);
  });
});

describe('glossary TBX', () => {
  it('writes TBX-Basic and reads it back', () => {
    const tbx = writeGlossaryTbx(entries.slice(0, 3), 'Demo glossary');
    expect(tbx).toContain('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">');
    expect(tbx).toContain('<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>');
    const read = readGlossaryTbx(tbx);
    expect(read.problems).toEqual([]);
    expect(read.entries).toEqual(entries.slice(0, 3));
    expect(readGlossaryFile(tbx).format).toBe('tbx');
  });

  it('reads TBX v2 (martif) with the preferred term first wherever it is', () => {
    const martif = `<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <langSet xml:lang="zh-CN"><tig><term>全面战略伙伴关系</term></tig></langSet>
    <langSet xml:lang="en-US">
      <tig><term>all-round strategic partnership</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      <tig><term>comprehensive strategic partnership</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="t2"><langSet xml:lang="en"><tig><term>orphan</term></tig></langSet></termEntry>
</body></text></martif>`;
    const read = readGlossaryTbx(martif);
    expect(read.entries).toEqual([
      { zh: '全面战略伙伴关系', en: ['comprehensive strategic partnership', 'all-round strategic partnership'], forbidden: [], kind: 'term', note: '', source: '' },
    ]);
    expect(read.problems).toEqual([{ at: { entry: 2, id: 't2' }, code: 'no-chinese', params: {} }]);
  });

  it('refuses XML that is not TBX, and broken XML, with the reason', () => {
    expect(() => readGlossaryTbx('<tmx version="1.4"><body/></tmx>')).toThrow(/not TBX/);
    expect(fileError(() => readGlossaryTbx('<tmx version="1.4"><body/></tmx>'))).toEqual({ code: 'not-tbx', params: { root: 'tmx' } });
    expect(() => readGlossaryTbx('<tbx><text><body></tbx>')).toThrow(/not well-formed/);
    expect(fileError(() => readGlossaryTbx('<tbx><text><body></tbx>'))).toMatchObject({ code: 'malformed-xml', params: { line: 1 } });
    expect(fileError(() => readGlossaryTbx('<tbx><text><body/></text></tbx>'))).toEqual({ code: 'no-entries', params: {} });
    expect(() => readGlossaryTbx('<tbx><text><body/></text></tbx>')).toThrow(/nothing to import/);
  });
});
