// A Word document as a Chinese source: its paragraphs (read by mammoth) go through the same parser
// as the database's text exports, so headings, the closing block and metadata are found alike.
import { ImportError, importNotice, parseText, type ParseOptions, type ParsedDocument } from '../import/index.ts';
import { isInteropError } from './errors.ts';
import { readDocxText } from './docx-read.ts';

export async function parseDocxDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  let docx;
  try {
    docx = await readDocxText(bytes, options.maxBytes);
  } catch (error) {
    if (isInteropError(error)) throw new ImportError(error.code === 'too-large' ? 'too-large' : error.code === 'empty' ? 'empty' : 'unsupported-format', error.message);
    throw error;
  }
  const parsed = parseText(docx.text, options);
  const notices = [importNotice('word'), ...docx.warnings.map((message) => importNotice('wordMessage', { message })), ...parsed.notices];
  return { ...parsed, notices, warnings: notices.map((n) => n.text) };
}
