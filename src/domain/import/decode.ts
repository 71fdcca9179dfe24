import { ImportError } from './errors.ts';
import { decodeScannedGb18030, hex, hexRun, scanGb18030 } from './gb18030.ts';
import { importNotice, type ImportNotice } from './notices.ts';
import type { DecodeOptions, SourceEncoding } from './types.ts';

export interface DecodedText {
  text: string;
  encoding: Exclude<SourceEncoding, 'text'>;
  /** What the user should know about the decoding (the encoding guessed, damaged characters). */
  notices: ImportNotice[];
}

type Utf8Scan = { ok: true } | { ok: false; offset: number; reason: string; multibyteBefore: number; cutAtEnd: boolean };

// Enough well-formed multi-byte UTF-8 before a bad byte that a GB18030 reading is implausible:
// GBK text forms a valid UTF-8 sequence by chance about once in sixty characters.
const UTF8_EVIDENCE = 4;

/**
 * Decodes a text file strictly: BOM (UTF-8, UTF-16LE/BE, GB18030), else UTF-8, else GB18030.
 * Never substitutes U+FFFD: undecodable bytes raise an ImportError naming the byte offset.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (bytes.length === 0) throw new ImportError('empty', 'The file is empty (0 bytes).');
  const bom = detectBom(bytes);
  if (bom && bom.bomLength === bytes.length) throw new ImportError('empty', 'The file is empty (it holds only a byte-order mark).');

  const forced = options.encoding;
  if (forced === 'utf-16le' || forced === 'utf-16be' || (!forced && (bom?.encoding === 'UTF-16LE' || bom?.encoding === 'UTF-16BE'))) {
    const littleEndian = forced ? forced === 'utf-16le' : bom?.encoding === 'UTF-16LE';
    const encoding = littleEndian ? 'UTF-16LE' : 'UTF-16BE';
    const text = decodeUtf16(bytes, bom?.encoding === encoding ? 2 : 0, littleEndian);
    rejectBinaryText(text);
    return finish(text, encoding, []);
  }

  if (!forced && !bom) rejectKnownFormat(bytes);
  rejectBinaryBytes(bytes);

  if (forced === 'gb18030' || (!forced && bom?.encoding === 'GB18030')) {
    const body = bom?.encoding === 'GB18030' ? bytes.subarray(4) : bytes;
    return finish(decodeGb18030Strict(body, bytes.length - body.length), 'GB18030', [importNotice('gb18030')]);
  }

  const utf8Start = bom?.encoding === 'UTF-8 BOM' ? 3 : 0;
  const body = bytes.subarray(utf8Start);
  const utf8 = tryUtf8(body);
  if (utf8 !== null) return finish(utf8, utf8Start ? 'UTF-8 BOM' : 'UTF-8', []);

  const scan = scanUtf8(body);
  if (scan.ok) throw new Error('UTF-8 decoder and scanner disagree');
  const utf8Offset = scan.offset + utf8Start;
  const looksUtf8 = forced === 'utf-8' || utf8Start > 0 || scan.multibyteBefore >= UTF8_EVIDENCE || (scan.cutAtEnd && scan.multibyteBefore > 0);
  if (looksUtf8) {
    throw new ImportError('invalid-encoding', `Invalid UTF-8 at byte offset ${utf8Offset}: ${scan.reason}.`, utf8Offset);
  }

  const gb = scanGb18030(bytes);
  if (!gb.ok) {
    const offset = Math.max(utf8Offset, gb.offset);
    throw new ImportError(
      'invalid-encoding',
      `The file is neither UTF-8 (bad byte at offset ${utf8Offset}: ${scan.reason}) nor GB18030 (bad byte at offset ${gb.offset}: ${gb.reason}).`,
      offset,
    );
  }
  return finish(decodeScannedGb18030(bytes, gb.patches), 'GB18030', [importNotice('gb18030NotUtf8')]);
}

function finish(text: string, encoding: DecodedText['encoding'], notices: ImportNotice[]): DecodedText {
  let replacements = 0;
  for (let at = text.indexOf('\ufffd'); at !== -1; at = text.indexOf('\ufffd', at + 1)) replacements++;
  if (replacements > 0) {
    notices.push(importNotice('damagedCharacters', { count: replacements }));
  }
  return { text, encoding, notices };
}

function detectBom(bytes: Uint8Array): { encoding: DecodedText['encoding']; bomLength: number } | null {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'UTF-8 BOM', bomLength: 3 };
  if (a === 0xff && b === 0xfe) {
    if (c === 0 && d === 0) throw new ImportError('unsupported-format', 'The file is UTF-32, which is not supported; save it as UTF-8.');
    return { encoding: 'UTF-16LE', bomLength: 2 };
  }
  if (a === 0xfe && b === 0xff) return { encoding: 'UTF-16BE', bomLength: 2 };
  if (a === 0x84 && b === 0x31 && c === 0x95 && d === 0x33) return { encoding: 'GB18030', bomLength: 4 };
  return null;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeGb18030Strict(body: Uint8Array, shift: number): string {
  const gb = scanGb18030(body);
  if (!gb.ok) throw new ImportError('invalid-encoding', `Invalid GB18030 at byte offset ${gb.offset + shift}: ${gb.reason}.`, gb.offset + shift);
  return decodeScannedGb18030(body, gb.patches);
}

/** Finds the first ill-formed UTF-8 sequence (Unicode's well-formedness table). */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const n = bytes.length;
  let multibyte = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      return { ok: false, offset: i, reason: `byte ${hex(b)} cannot start a UTF-8 character`, multibyteBefore: multibyte, cutAtEnd: false };
    }
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) {
        return { ok: false, offset: i, reason: `the file ends in the middle of a character (${hexRun(bytes, i, k)})`, multibyteBefore: multibyte, cutAtEnd: true };
      }
      const c = bytes[i + k]!;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) {
        return { ok: false, offset: i, reason: `bytes ${hexRun(bytes, i, k + 1)} are not a UTF-8 character`, multibyteBefore: multibyte, cutAtEnd: false };
      }
    }
    multibyte += 1;
    i += need + 1;
  }
  return { ok: true };
}

function decodeUtf16(bytes: Uint8Array, skip: number, littleEndian: boolean): string {
  const body = bytes.subarray(skip);
  if (body.length % 2 !== 0) {
    const offset = bytes.length - 1;
    throw new ImportError('invalid-encoding', `Invalid UTF-16 at byte offset ${offset}: the file ends in the middle of a character.`, offset);
  }
  try {
    return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const offset = skip + 2 * firstLoneSurrogate(body, littleEndian);
    throw new ImportError('invalid-encoding', `Invalid UTF-16 at byte offset ${offset}: unpaired surrogate ${hexRun(bytes, offset, 2)}.`, offset);
  }
}

function firstLoneSurrogate(body: Uint8Array, littleEndian: boolean): number {
  const units = body.length / 2;
  const unit = (k: number) => (littleEndian ? body[2 * k]! | (body[2 * k + 1]! << 8) : (body[2 * k]! << 8) | body[2 * k + 1]!);
  for (let k = 0; k < units; k++) {
    const u = unit(k);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = k + 1 < units ? unit(k + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) k += 1;
      else return k;
    } else if (u >= 0xdc00 && u <= 0xdfff) return k;
  }
  return units;
}

const KNOWN_FORMATS: readonly { magic: readonly number[]; name: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF document' },
  { magic: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (DOCX, ODT, EPUB, …)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: 'a legacy Office document (DOC, WPS, …)' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], name: 'an RTF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { magic: [0x1f, 0x8b], name: 'a gzip archive' },
];

function rejectKnownFormat(bytes: Uint8Array): void {
  for (const { magic, name } of KNOWN_FORMATS) {
    if (magic.every((m, k) => bytes[k] === m)) {
      throw new ImportError('unsupported-format', `The file is ${name}, not plain text; save or export it as a .txt file first.`);
    }
  }
}

// A few stray control characters (a DOS end-of-file mark, a form feed) are tolerated; more mean binary data.
function tooManyControls(controls: number, length: number): boolean {
  return controls > 8 && controls * 1000 > length;
}

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

function rejectBinaryBytes(bytes: Uint8Array): void {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) throw new ImportError('binary', `The file is binary, not text (a NUL byte at offset ${i}).`);
    if (isControl(b)) controls++;
  }
  if (tooManyControls(controls, bytes.length)) {
    throw new ImportError('binary', `The file is binary, not text (${controls} control bytes in ${bytes.length}).`);
  }
}

function rejectBinaryText(text: string): void {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new ImportError('binary', `The file is binary, not text (a NUL character at character ${i}).`);
    if (isControl(c)) controls++;
  }
  if (tooManyControls(controls, text.length)) {
    throw new ImportError('binary', `The file is binary, not text (${controls} control characters in ${text.length}).`);
  }
}
