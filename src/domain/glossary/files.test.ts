import { describe, expect, it } from 'vitest';
import { readGlossaryCsv, readGlossaryFile, readGlossaryTbx, writeGlossaryCsv, writeGlossaryTbx, GlossaryFileError, type GlossaryFileEntry } from './index.ts';

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
    expect(read.problems).toEqual([
      { where: 'line 3', message: 'the Chinese term is empty' },
      { where: 'line 4', message: 'unknown kind “animal” (use term, person, place, organisation or treaty)' },
      { where: 'line 5', message: '“亚信” is already on line 2' },
    ]);
  });

  it('refuses a file without the columns it needs', () => {
    expect(() => readGlossaryCsv('a,b\n1,2')).toThrow(GlossaryFileError);
    expect(() => readGlossaryCsv('zh,en\n"亚信,CICA')).toThrow(/never closed/);
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
    expect(read.problems).toEqual([{ where: 'entry 2 (id t2)', message: 'no Chinese term (a langSec with xml:lang="zh")' }]);
  });

  it('refuses XML that is not TBX, and broken XML, with the reason', () => {
    expect(() => readGlossaryTbx('<tmx version="1.4"><body/></tmx>')).toThrow(/not TBX/);
    expect(() => readGlossaryTbx('<tbx><text><body></tbx>')).toThrow(/not well-formed/);
    expect(() => readGlossaryTbx('<tbx><text><body/></text></tbx>')).toThrow(/nothing to import/);
  });
});
