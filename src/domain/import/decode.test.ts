import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportError, decodeBytes } from './index.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

function decodeError(bytes: Uint8Array, options = {}): ImportError {
  try {
    decodeBytes(bytes, options);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('decodeBytes accepted the input');
}

/** Every two-byte code and every four-byte code of the BMP range, one per line, as bytes. */
function gb18030Table(): { bytes: Uint8Array; codes: number[][] } {
  const codes: number[][] = [];
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) codes.push([a, b]);
  }
  for (let p = 0; p <= 39419; p++) {
    const b1 = 0x81 + Math.floor(p / 12600);
    const b2 = 0x30 + Math.floor((p % 12600) / 1260);
    const b3 = 0x81 + Math.floor((p % 1260) / 10);
    codes.push([b1, b2, b3, 0x30 + (p % 10)]);
  }
  return { bytes: Uint8Array.from(codes.flatMap((c) => [...c, 0x0a])), codes };
}

describe('decodeBytes detection', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeBytes(utf8('双方声明如下：'))).toEqual({ text: '双方声明如下：', encoding: 'UTF-8', notices: [] });
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('一')]))).toMatchObject({ text: '一', encoding: 'UTF-8 BOM' });
  });

  it('reads UTF-16 LE and BE with BOM', () => {
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x00, 0x4e, 0x41, 0x00]))).toMatchObject({ text: '一A', encoding: 'UTF-16LE' });
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, 0x4e, 0x00, 0x00, 0x41]))).toMatchObject({ text: '一A', encoding: 'UTF-16BE' });
  });

  it('falls back to GB18030 and says so', () => {
    const decoded = decodeBytes(new Uint8Array(iconv.encode('中华人民共和国和哈萨克斯坦共和国联合宣言', 'gbk')));
    expect(decoded.text).toBe('中华人民共和国和哈萨克斯坦共和国联合宣言');
    expect(decoded.encoding).toBe('GB18030');
    expect(decoded.notices.map((n) => n.text)).toEqual(['Read as GB18030: the file is not valid UTF-8.']);
  });

  it('reads a GB18030 fixture identically to iconv -f GB18030', () => {
    const bytes = fixture('fullwidth-date.gb18030.txt');
    const expected = execFileSync('iconv', ['-f', 'GB18030', '-t', 'UTF-8'], { input: bytes }).toString('utf8');
    expect(decodeBytes(bytes).text).toBe(expected);
    expect(expected).toBe(new TextDecoder().decode(fixture('fullwidth-date.txt')));
  });

  it('decodes every two-byte and BMP four-byte GB18030 code as iconv does', () => {
    const { bytes, codes } = gb18030Table();
    // -c drops the codes iconv refuses; each line of ours must match the corresponding line of iconv's.
    const expected = execFileSync('iconv', ['-c', '-f', 'GB18030', '-t', 'UTF-8'], { input: bytes, maxBuffer: 1 << 24 }).toString('utf8').split('\n');
    const refused = codes.map((_, i) => expected[i] === '').map((empty, i) => (empty ? i : -1)).filter((i) => i >= 0);
    expect(refused).toHaveLength(18);
    const accepted = codes.filter((_, i) => !refused.includes(i));
    const ours = decodeBytes(Uint8Array.from(accepted.flatMap((c) => [...c, 0x0a])), { encoding: 'gb18030' }).text.split('\n');
    expect(ours.slice(0, -1)).toEqual(expected.filter((line) => line !== ''));
    for (const i of refused) {
      expect(decodeError(Uint8Array.from([0x41, ...codes[i]!]), { encoding: 'gb18030' }).offset).toBe(1);
    }
  });

  it('decodes supplementary-plane four-byte codes', () => {
    const bytes = Uint8Array.from([0x90, 0x30, 0x81, 0x30, 0x95, 0x32, 0x82, 0x36]);
    const expected = execFileSync('iconv', ['-f', 'GB18030', '-t', 'UTF-8'], { input: bytes }).toString('utf8');
    expect(decodeBytes(bytes, { encoding: 'gb18030' }).text).toBe(expected);
    expect(expected).toBe('\u{10000}\u{20000}');
  });
});

describe('decodeBytes errors name the byte offset', () => {
  it('a file cut in the middle of a UTF-8 character', () => {
    const bytes = fixture('cut-mid-utf8.txt');
    const error = decodeError(bytes);
    expect(error.code).toBe('invalid-encoding');
    expect(error.offset).toBe(bytes.length - 2);
    expect(error.message).toBe(`Invalid UTF-8 at byte offset ${bytes.length - 2}: the file ends in the middle of a character (E3 80).`);
  });

  it('a bad byte inside UTF-8 text', () => {
    const good = utf8('双方决定，遵循条约的原则和精神，');
    const bytes = new Uint8Array([...good, 0xff, ...good]);
    const error = decodeError(bytes);
    expect(error).toMatchObject({ code: 'invalid-encoding', offset: good.length });
    expect(error.message).toContain(`byte offset ${good.length}`);
  });

  it('a surrogate encoded in UTF-8 (CESU) is not UTF-8', () => {
    const good = utf8('一二三四五');
    expect(decodeError(new Uint8Array([...good, 0xed, 0xa0, 0x80]))).toMatchObject({ code: 'invalid-encoding', offset: good.length });
  });

  it('bytes that are neither UTF-8 nor GB18030', () => {
    const gbk = new Uint8Array(iconv.encode('双方决定', 'gbk'));
    const error = decodeError(new Uint8Array([...gbk, 0x80, ...gbk]));
    expect(error.code).toBe('invalid-encoding');
    expect(error.offset).toBe(gbk.length);
    expect(error.message).toMatch(/neither UTF-8 .* nor GB18030 \(bad byte at offset 8: byte 80 is not a GB18030 lead byte\)/);
  });

  it('a GB18030 file cut in the middle of a character', () => {
    const gbk = new Uint8Array(iconv.encode('双方决定', 'gbk'));
    expect(decodeError(gbk.subarray(0, 7)).offset).toBe(6);
  });

  it('UTF-16 with an odd length or an unpaired surrogate', () => {
    expect(decodeError(new Uint8Array([0xff, 0xfe, 0x00, 0x4e, 0x41]))).toMatchObject({ code: 'invalid-encoding', offset: 4 });
    const lone = new Uint8Array([0xff, 0xfe, 0x00, 0x4e, 0x00, 0xd8, 0x41, 0x00]);
    expect(decodeError(lone)).toMatchObject({ code: 'invalid-encoding', offset: 4 });
  });

  it('refuses empty files, binary data and other formats', () => {
    expect(decodeError(new Uint8Array()).code).toBe('empty');
    expect(decodeError(new Uint8Array([0xef, 0xbb, 0xbf])).code).toBe('empty');
    expect(decodeError(fixture('binary-junk.bin'))).toMatchObject({ code: 'binary' });
    expect(decodeError(utf8('%PDF-1.7\n')).code).toBe('unsupported-format');
    expect(decodeError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14])).message).toContain('ZIP');
    expect(decodeError(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])).code).toBe('unsupported-format');
    expect(decodeError(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00])).code).toBe('binary');
    const controls = Uint8Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0x01 : 0x41));
    expect(decodeError(controls).code).toBe('binary');
  });

  it('warns when the file already holds replacement characters', () => {
    expect(decodeBytes(utf8('双方\ufffd合作')).notices).toEqual([
      { key: 'damagedCharacters', params: { count: 1 }, text: 'The file already contains 1 damaged character (�), damaged before it was imported; check the original.' },
    ]);
  });
});
