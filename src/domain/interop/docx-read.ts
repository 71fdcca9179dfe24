// Word documents as text through mammoth: the paragraphs of a .docx (tables cell by cell), for
// importing a Chinese source or an English translation to align.
import mammoth from 'mammoth';
import { InteropError } from './errors.ts';
import { checkSize } from './xml.ts';

export interface DocxText {
  /** The document's non-empty paragraphs in reading order. */
  paragraphs: string[];
  /** The paragraphs separated by blank lines, as the text importers read files. */
  text: string;
  /** What mammoth could not convert (images, unusual elements), in its words. */
  warnings: string[];
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function looksLikeDocx(bytes: Uint8Array): boolean {
  return isZip(bytes);
}

export async function readDocxText(bytes: Uint8Array, maxBytes?: number): Promise<DocxText> {
  checkSize(bytes.length, maxBytes);
  if (!isZip(bytes)) throw new InteropError('wrong-format', 'notDocx');
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; JSZip takes either.
    result = await mammoth.extractRawText({ arrayBuffer, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer });
  } catch (error) {
    throw new InteropError('wrong-format', 'unreadableDocx', { reason: (error as Error).message });
  }
  const paragraphs = result.value
    .split(/\n+/)
    .map((p) => p.replace(/[ \t\u00a0]+$/g, '').replace(/^[ \t\u00a0\u3000]+/, ''))
    .filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) throw new InteropError('empty', 'emptyDocx');
  return { paragraphs, text: `${paragraphs.join('\n\n')}\n`, warnings: result.messages.map((m) => m.message) };
}
