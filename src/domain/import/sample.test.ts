import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { countParagraphs, parseDocument, parseText, type ParsedDocument } from './index.ts';

const SAMPLE_URL = new URL('../../../supabase/seed-data/000_6c702e8dc57f7cba.txt', import.meta.url);
const sampleBytes = new Uint8Array(readFileSync(SAMPLE_URL));
const sampleText = new TextDecoder().decode(sampleBytes);
const golden = parseDocument(sampleBytes);

function withoutEncodingNotes(doc: ParsedDocument) {
  return { ...doc, encoding: undefined, warnings: doc.warnings.filter((w) => !w.startsWith('Read as GB18030')), notices: doc.notices.filter((n) => !n.key.startsWith('gb18030')) };
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
  return out;
}

describe('the sample export (golden)', () => {
  it('has the header fields', () => {
    expect(golden.title).toBe('中华人民共和国和哈萨克斯坦共和国联合宣言');
    expect(golden.collection).toBe('习近平系列重要讲话数据库');
    expect(golden.published_on).toBe('2014-05-20');
    expect(golden.metadata).toEqual({ 发布时间: '2014-05-20' });
    expect(golden.encoding).toBe('UTF-8');
    expect(golden.keywords).toHaveLength(20);
    expect(golden.keywords.slice(0, 4)).toEqual(['双方', '合作', '中哈', '哈萨克斯坦共和国']);
    expect(golden.keywords.at(-1)).toBe('发展');
  });

  it('has 41 body paragraphs, 6 headings 一 … 六 and the closing block, numbered from 1', () => {
    expect(countParagraphs(golden)).toEqual({ total: 53, body: 41, heading: 6, closing: 6 });
    expect(golden.paragraphs.filter((p) => p.kind === 'heading').map((p) => p.text)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(golden.paragraphs.map((p) => p.position)).toEqual(Array.from({ length: 53 }, (_, i) => i + 1));
    expect(golden.paragraphs[2]).toEqual({ position: 3, kind: 'heading', text: '一' });
  });

  it('keeps the closing block with recoverable columns and the news-source line', () => {
    const closing = golden.paragraphs.filter((p) => p.kind === 'closing');
    expect(closing.map((p) => p.text)).toEqual([
      '中华人民共和国\u3000哈萨克斯坦共和国',
      '主席\u3000总统',
      '习近平\u3000努·纳扎尔巴耶夫',
      '（签名）\u3000（签名）',
      '二〇一四年五月十九日于上海',
      '（新华社上海5月19日电）',
    ]);
    expect(closing.map((p) => p.position)).toEqual([48, 49, 50, 51, 52, 53]);
    expect(closing[2]!.text.split('\u3000')).toEqual(['习近平', '努·纳扎尔巴耶夫']);
    expect(golden.source_line).toBe('（新华社上海5月19日电）');
  });

  it('drops the repeated body and says so', () => {
    const texts = golden.paragraphs.map((p) => p.text);
    expect(new Set(texts.filter((t) => t.length > 3)).size).toBe(texts.filter((t) => t.length > 3).length);
    expect(golden.warnings).toContain('The export repeated the text: the copy of 53 paragraphs, lines 116–168, was removed.');
  });

  it('strips indentation and leaves the text otherwise untouched', () => {
    const first = golden.paragraphs[0]!.text;
    expect(first.startsWith('应中华人民共和国主席习近平邀请，')).toBe(true);
    expect(first.endsWith('（以下称亚信）国家元首和政府首脑第四次峰会。')).toBe(true);
    for (const p of golden.paragraphs) {
      expect(p.text).toBe(p.text.trim());
      expect(sampleText.includes(p.text) || p.kind === 'closing').toBe(true);
    }
    const last = golden.paragraphs.filter((p) => p.kind === 'body').at(-1)!;
    expect(last.text).toMatch(/^双方相信，2014年5月20日至21日.*发挥更大作用。$/);
  });

  it('parses the same from a string', () => {
    expect(withoutEncodingNotes(parseText(sampleText))).toEqual(withoutEncodingNotes(golden));
  });
});

describe('the sample in other encodings and line ends gives the same result', () => {
  const variants: [string, Uint8Array, string][] = [
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...sampleBytes]), 'UTF-8 BOM'],
    ['UTF-16LE with BOM', utf16(sampleText, true), 'UTF-16LE'],
    ['UTF-16BE with BOM', utf16(sampleText, false), 'UTF-16BE'],
    ['GB18030 (iconv-lite)', new Uint8Array(iconv.encode(sampleText, 'gb18030')), 'GB18030'],
    ['GB18030 (iconv)', new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: sampleBytes })), 'GB18030'],
    ['CRLF line ends', new TextEncoder().encode(sampleText.replace(/\n/g, '\r\n')), 'UTF-8'],
    ['CR line ends', new TextEncoder().encode(sampleText.replace(/\n/g, '\r')), 'UTF-8'],
    ['GB18030 with CRLF', new Uint8Array(iconv.encode(sampleText.replace(/\n/g, '\r\n'), 'gb18030')), 'GB18030'],
  ];
  for (const [name, bytes, encoding] of variants) {
    it(name, () => {
      const doc = parseDocument(bytes);
      expect(doc.encoding).toBe(encoding);
      expect(withoutEncodingNotes(doc)).toEqual(withoutEncodingNotes(golden));
    });
  }

  it('reports GB18030 as a detected encoding', () => {
    expect(parseDocument(new Uint8Array(iconv.encode(sampleText, 'gb18030'))).warnings[0]).toMatch(/^Read as GB18030/);
  });
});
