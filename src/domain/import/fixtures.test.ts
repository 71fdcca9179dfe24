import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, countParagraphs, parseDocument, parseText, type ParseOptions } from './index.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const parse = (name: string, options?: ParseOptions) => parseDocument(fixture(name), options);
const texts = (name: string, options?: ParseOptions) => parse(name, options).paragraphs.map((p) => p.text);

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('export-format fixtures', () => {
  it('full-width digits: date normalised, body untouched, same from GB18030', () => {
    const doc = parse('fullwidth-date.txt');
    expect(doc.published_on).toBe('2014-11-15');
    expect(doc.metadata['发布时间']).toBe('２０１４年１１月１５日');
    expect(doc.paragraphs[0]!.text).toBe('新华社北京１１月１５日电　全国乡村教育工作座谈会１１月１５日在北京召开。');
    expect(doc.warnings).toContain('The export repeated the text: the copy of 3 paragraphs, lines 15–17, was removed.');
    const gb = parse('fullwidth-date.gb18030.txt');
    expect(gb.encoding).toBe('GB18030');
    expect(gb.paragraphs).toEqual(doc.paragraphs);
    expect(gb.warnings[0]).toMatch(/^Read as GB18030/);
  });

  it('metadata in another order, two pairs on a line, an ASCII colon and a time', () => {
    const doc = parse('metadata-orders.txt');
    expect(doc.metadata).toEqual({ 责任编辑: '李四', 来源: '人民日报', 作者: '张三', 发布时间: '2013/9/7 10:30:00' });
    expect(Object.keys(doc.metadata)).toEqual(['责任编辑', '来源', '作者', '发布时间']);
    expect(doc.published_on).toBe('2013-09-07');
    expect(doc.keywords).toEqual(['水利', '流域', '协同', '治理']);
    expect(doc.title).toBe('关于跨省流域协同治理的联合声明');
    expect(countParagraphs(doc)).toMatchObject({ body: 3, total: 3 });
  });

  it('metadata before the title, a spaced key, no collection line', () => {
    const doc = parse('metadata-before-title.txt');
    expect(doc).toMatchObject({ title: '城市更新工作座谈会纪要', collection: null, published_on: '2015-03-02' });
    expect(doc.metadata).toEqual({ 发布时间: '2015年3月2日', 来源: '新华网' });
    expect(doc.paragraphs).toHaveLength(2);
    expect(doc.warnings).toEqual([]);
  });

  it('a paragraph that legitimately repeats inside the body is kept twice', () => {
    const doc = parse('legit-repeat.txt');
    expect(doc.paragraphs.filter((p) => p.text === '我们要坚持开放合作。').map((p) => p.position)).toEqual([2, 5]);
    expect(countParagraphs(doc)).toEqual({ total: 8, heading: 3, body: 5, closing: 0 });
    expect(doc.warnings).toContain('The export repeated the text: the copy of 8 paragraphs, lines 25–32, was removed.');
  });

  it('an ending that echoes the opening is not taken for an export copy', () => {
    const doc = parse('echo-ending.txt');
    expect(doc.paragraphs).toHaveLength(3);
    expect(doc.paragraphs[2]!.text).toBe(doc.paragraphs[0]!.text);
    expect(doc.warnings).toContain('Line 7 at the end repeats the start of the text but is too short to be a second copy; it is kept.');
  });

  it('a copy cut off in the middle of a paragraph is still dropped', () => {
    const doc = parse('truncated-repeat.txt');
    expect(doc.paragraphs).toHaveLength(5);
    expect(doc.paragraphs.at(-1)!.text).toBe('双方同意于明年在对方国家举办科技创新合作成果展。');
    expect(doc.warnings).toContain('The export repeated the text: the copy of 3 paragraphs, lines 19–21 (cut off before its end), was removed.');
  });

  it('a copy hard-wrapped at another width is still dropped', () => {
    const doc = parse('rewrapped-repeat.txt');
    expect(doc.paragraphs).toHaveLength(4);
    expect(doc.paragraphs[3]!.text).toBe('双方同意每两年举办一次农业合作论坛，轮流在两国举行。');
    expect(doc.warnings).toContain('The export repeated the text: the copy of 4 paragraphs, lines 17–27, was removed.');
  });

  it('mixed U+3000 / U+00A0 / space / tab indentation, with and without blank lines', () => {
    const doc = parse('mixed-indent.txt');
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      '双方同意在港口建设、航运服务和物流园区运营方面加强合作。',
      '双方将开通两港之间的定期集装箱航线，首期每周两班。',
      '双方鼓励物流企业相互投资，共建海外仓和分拨中心。',
      '双方将推动通关数据互换，实现“单一窗口”对接。',
      '双方商定，由两港管理机构负责本备忘录的具体落实，每半年召开一次工作会议，会议地点\u00a0轮流确定。',
    ]);
    expect(doc.warnings).toContain('The export repeated the text: the copy of 5 paragraphs, lines 17–21, was removed.');
  });

  it('heading forms （一）, 一、 and 第三部分; numbered prose stays body', () => {
    const doc = parse('heading-forms.txt');
    expect(doc.paragraphs.filter((p) => p.kind === 'heading').map((p) => p.text)).toEqual([
      '一、总体要求', '（一）基本原则', '（二）', '二、', '第三部分', '十一',
    ]);
    expect(doc.paragraphs.find((p) => p.text.startsWith('（一）加快'))!.kind).toBe('body');
  });

  it('photo captions, print footers and the editor line are removed with a warning each', () => {
    const doc = parse('caption-footer.txt');
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      '今天，国家博物馆新馆正式开馆，这是文化事业发展中的一件大事。',
      '新馆展陈面积比原馆扩大一倍，将常设古代中国、近代中国两大基本陈列。',
      '希望博物馆工作者守护好中华文明的瑰宝，讲好文物背后的故事。',
    ]);
    expect(doc.metadata).toEqual({ 发布时间: '2021-09-28', 来源: '人民日报', 责任编辑: '王某、李某' });
    expect(doc.warnings).toEqual([
      'Photo caption removed: “图为开馆仪式现场。新华社记者　王某某　摄”',
      'Photo caption removed: “（李某摄）”',
      'Print or page footer removed: “《人民日报》（2021年09月29日　02版）”',
      'The editor line “（责编：王某、李某）” was moved to the details as 责任编辑.',
      'Print or page footer removed: “分享到：”',
    ]);
  });

  it('a closing block of name lines and a date, with CRLF line ends', () => {
    const doc = parse('closing-names.txt');
    expect(doc.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['body', '各地区各部门要认真落实安全生产责任制，深入开展隐患排查治理。'],
      ['body', '对发现的重大隐患要挂牌督办，限期整改到位。'],
      ['closing', '中共中央办公厅'],
      ['closing', '国务院办公厅'],
      ['closing', '2014年5月19日'],
    ]);
    expect(doc.source_line).toBeNull();
  });
});

describe('plain text without a header', () => {
  it('takes the first line as the title and joins hard-wrapped lines', () => {
    const doc = parse('plain-text.txt');
    expect(doc).toMatchObject({ title: '乡村振兴调研笔记', keywords: [], collection: null, published_on: null, metadata: {} });
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      '今年春天，调研组走访了三个县的十二个村，与村干部、种植大户和返乡青年座谈，了解产业发展和公共服务方面的情况。',
      '调研发现，村级集体经济普遍规模较小。部分村庄依靠光伏发电和物业出租获得了稳定收入。',
      '下一步，建议加强县域统筹，完善联农带农机制，让农民更多分享产业增值收益。',
    ]);
    expect(doc.warnings).toEqual(['No export header: the first line “乡村振兴调研笔记” is used as the title.']);
  });

  it('one paragraph per line when there are neither blank lines nor indents', () => {
    expect(texts('plain-lines.txt')).toEqual([
      '社区食堂于去年十月开业，每天供应午餐和晚餐。', '老年人凭卡就餐可享受八折优惠。', '食堂由街道委托专业餐饮企业运营，接受居民监督。',
    ]);
  });

  it('with a given title the first line is body; firstLineIsTitle: false keeps it too', () => {
    const titled = parse('plain-lines.txt', { title: '食堂说明' });
    expect(titled.title).toBe('食堂说明');
    expect(titled.paragraphs[0]!.text).toBe('社区食堂运营情况说明');
    const untitled = parse('plain-lines.txt', { firstLineIsTitle: false });
    expect(untitled.paragraphs).toHaveLength(4);
    expect(untitled.title).toBe('社区食堂运营情况说明');
    expect(untitled.warnings.at(-1)).toMatch(/^No title line/);
  });

  it('a given title replaces the export title, with a warning', () => {
    const doc = parse('legit-repeat.txt', { title: '开幕式致辞' });
    expect(doc.title).toBe('开幕式致辞');
    expect(doc.paragraphs).toHaveLength(8);
    expect(doc.warnings).toContain('The title in the file, “在区域合作论坛开幕式上的致辞”, was replaced by the title given.');
  });
});

describe('limits: each is a typed error and nothing is imported', () => {
  it.each([
    ['empty.txt', 'empty'],
    ['whitespace-only.txt', 'whitespace-only'],
    ['binary-junk.bin', 'binary'],
    ['cut-mid-utf8.txt', 'invalid-encoding'],
  ] as const)('%s → %s', (name, code) => {
    const error = importError(() => parse(name));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^[A-Z].*\.$/);
  });

  it('an over-size file against a configured limit', () => {
    const bytes = fixture('plain-text.txt');
    const error = importError(() => parseDocument(bytes, { maxBytes: 100 }));
    expect(error).toMatchObject({ code: 'too-large', message: `The file is ${bytes.length} bytes, over the 100 bytes limit.` });
    expect(parseDocument(bytes, { maxBytes: bytes.length }).paragraphs).toHaveLength(3);
  });

  it('a header with no paragraphs', () => {
    const error = importError(() => parseText('关键词：\n合作\n\n习近平系列重要讲话数据库\n\n标题\n\n发布时间：2014-05-20\n'));
    expect(error.code).toBe('no-paragraphs');
    expect(error.message).toBe('The file has a header (title “标题”) but no paragraphs.');
  });

  it('stray control characters are removed with a warning', () => {
    const doc = parseText('标题\n\n第一段。\x1a\n');
    expect(doc.paragraphs[0]!.text).toBe('第一段。');
    expect(doc.warnings).toContain('Invisible control characters removed: 1.');
  });
});
