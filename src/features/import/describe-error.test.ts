import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isImportError, parseDocument } from '../../domain/import/index.ts';
import { rpcErrorFromResponse } from '../../data/rpc-error.ts';
import { translator } from '../../i18n/i18n.tsx';
import { describeImportFailure, describeParseFailure } from './describe-error.ts';
import type { ParseFailure } from '../../workers/parse-messages.ts';

const en = translator('en');
const zh = translator('zh');

function failureOf(bytes: Uint8Array): ParseFailure {
  try {
    parseDocument(bytes);
  } catch (e) {
    if (isImportError(e)) return { code: e.code, message: e.message, ...(e.offset === undefined ? {} : { offset: e.offset }) };
    throw e;
  }
  throw new Error('the parser accepted the file');
}

describe('describeParseFailure', () => {
  it('puts the parser’s own words under a translated headline, with advice', () => {
    const binary = failureOf(readFileSync(new URL('../../domain/import/fixtures/binary-junk.bin', import.meta.url)));
    expect(describeParseFailure(en, binary)).toEqual({
      title: 'This file cannot be imported',
      detail: 'This is a binary file, not text.',
      advice: 'Choose a plain-text export (.txt).',
      technical: 'The file is binary, not text (a NUL byte at offset 87).',
    });
    const empty = failureOf(new Uint8Array());
    expect(describeParseFailure(zh, empty).title).toBe('无法导入此文件');
    expect(describeParseFailure(zh, empty).detail).toBe('文件是空的。');
  });

  it('says in the UI’s language where the encoding broke, with the parser’s words as technical detail', () => {
    const bad = failureOf(new Uint8Array([0xe4, 0xb8, 0xad, 0x41, 0xff, 0xff, 0xff, 0x0a]));
    expect(bad.code).toBe('invalid-encoding');
    expect(describeParseFailure(en, bad).detail).toBe(`The file's encoding could not be recognised: byte ${bad.offset} is neither valid UTF-8 nor valid GB18030.`);
    expect(describeParseFailure(zh, bad).technical).toBe(bad.message);
    expect(describeParseFailure(zh, bad).detail).toBe(`无法识别文件编码：第 ${bad.offset} 字节既不是有效的 UTF-8，也不是有效的 GB18030。`);
    expect(describeParseFailure(zh, { code: 'invalid-encoding', message: 'x' }).detail).toBe('无法识别文件编码：文件中有无法解码的字节。');
  });
});

describe('describeImportFailure', () => {
  it('turns PostgREST refusals into sentences', () => {
    const forbidden = rpcErrorFromResponse(403, JSON.stringify({ code: '42501', message: 'only project owners import documents', details: null, hint: null }));
    expect(describeImportFailure(en, forbidden)).toBe('You are not allowed to import documents into this project; only its owners are.');
    const invalid = rpcErrorFromResponse(400, JSON.stringify({ code: '22023', message: 'paragraph 3 has no text' }));
    expect(describeImportFailure(en, invalid)).toBe('The server refused the document: paragraph 3 has no text.');
    const expired = rpcErrorFromResponse(401, JSON.stringify({ code: 'PGRST301', message: 'JWT expired' }));
    expect(describeImportFailure(en, expired)).toBe('Your session has expired. Sign in again, then import.');
  });

  it('reads a proxy’s HTML answer by its status, and a dropped connection as such', () => {
    expect(describeImportFailure(en, rpcErrorFromResponse(413, '<html><body>Request Entity Too Large</body></html>'))).toBe(
      'The document is too large for the server to accept.',
    );
    expect(describeImportFailure(en, new TypeError('Failed to fetch'))).toBe('The server cannot be reached. Check your connection and try again.');
    expect(describeImportFailure(en, rpcErrorFromResponse(502, 'Bad gateway'))).toBe('The import failed: The server answered 502.');
  });
});
