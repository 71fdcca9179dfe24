import { decodeBytes } from './decode.ts';
import { findRepetition, type BodyLine } from './dedupe.ts';
import { ImportError } from './errors.ts';
import { parseHeader } from './header.ts';
import { isIndented, quote, splitLines, squeeze } from './lines.ts';
import { importNotice, looksLatin, type ImportNotice } from './notices.ts';
import { classify, segment, type ClassifiedParagraph } from './paragraphs.ts';
import { isNewsSourceLine, recogniseNonProse } from './recognise.ts';
import { DEFAULT_MAX_BYTES, type ParseOptions, type ParsedDocument, type SourceEncoding } from './types.ts';

/** Parses an exported or plain-text document from the bytes of a file. Throws ImportError. */
export function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new ImportError('too-large', `The file is ${formatSize(bytes.length)}, over the ${formatSize(maxBytes)} limit.`);
  }
  const decoded = decodeBytes(bytes, options);
  return parseDecoded(decoded.text, decoded.encoding, decoded.notices, options);
}

/** Parses text that is already decoded (pasted, or read by the caller). Throws ImportError. */
export function parseText(text: string, options: ParseOptions = {}): ParsedDocument {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    throw new ImportError('too-large', `The text is ${text.length} characters long, over the limit of ${maxBytes}.`);
  }
  if (text.length === 0) throw new ImportError('empty', 'The text is empty.');
  if (text.includes('\0')) throw new ImportError('binary', 'The text holds NUL characters: it is binary data, not text.');
  return parseDecoded(text.startsWith('\ufeff') ? text.slice(1) : text, 'text', [], options);
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const STRAY_CONTROLS = /[\x00-\x08\x0e-\x1f\x7f]/g;

function parseDecoded(input: string, encoding: SourceEncoding, notices: ImportNotice[], options: ParseOptions): ParsedDocument {
  if (input.trim() === '') throw new ImportError('whitespace-only', 'The file holds only whitespace: there is nothing to import.');
  let text = input;
  const controls = text.match(STRAY_CONTROLS)?.length ?? 0;
  if (controls > 0) {
    text = text.replace(STRAY_CONTROLS, '');
    notices.push(importNotice('controlsRemoved', { count: controls }));
  }

  const lines = splitLines(text);
  const givenTitle = options.title?.trim() || null;
  const header = parseHeader(lines, { firstLineIsTitle: options.firstLineIsTitle ?? givenTitle === null });
  notices.push(...header.notices);
  const metadata = { ...header.metadata };

  let body = readBodyLines(lines, header.bodyStart);
  body = dropNonProse(body, metadata, notices);
  body = dropRepetitions(body, header.title, notices);

  const paragraphs = classify(segment(body));
  if (paragraphs.length === 0) {
    throw new ImportError('no-paragraphs', header.title
      ? `The file has a header (title ${quote(header.title)}) but no paragraphs.`
      : 'The file has no paragraphs.');
  }
  describeClassification(paragraphs, notices);
  if (looksLatin(paragraphs.map((p) => p.text))) notices.push(importNotice('looksEnglish'));

  return {
    title: resolveTitle(givenTitle, header.title, paragraphs, notices),
    published_on: header.published_on,
    keywords: header.keywords,
    collection: header.collection,
    source_line: findSourceLine(paragraphs),
    metadata,
    encoding,
    notices,
    warnings: notices.map((n) => n.text),
    paragraphs: paragraphs.map((p, i) => ({ position: i + 1, kind: p.kind, text: p.text })),
  };
}

function readBodyLines(lines: readonly string[], from: number): BodyLine[] {
  const body: BodyLine[] = [];
  let afterBlank = true;
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '') {
      afterBlank = true;
      continue;
    }
    body.push({ line: i, raw, text: trimmed, indented: isIndented(raw), afterBlank });
    afterBlank = false;
  }
  return body;
}

function dropNonProse(body: BodyLine[], metadata: Record<string, string>, notices: ImportNotice[]): BodyLine[] {
  const seen = new Map<string, { kind: string; count: number }>();
  const kept = body.filter((line) => {
    const found = recogniseNonProse(line.text);
    if (!found) return true;
    if (found.kind === 'editor' && metadata['责任编辑'] === undefined) metadata['责任编辑'] = found.editor;
    const entry = seen.get(found.text) ?? { kind: found.kind, count: 0 };
    entry.count++;
    seen.set(found.text, entry);
    return false;
  });
  for (const [text, { kind, count }] of seen) {
    // "(3×)" reads the same in every language.
    const times = count > 1 ? ` (${count}×)` : '';
    if (kind === 'editor') notices.push(importNotice('editorMoved', { text: quote(text), times }));
    else notices.push(importNotice(kind === 'caption' ? 'captionRemoved' : 'footerRemoved', { text: quote(text, 60), times }));
  }
  return kept;
}

// Each pass removes one trailing copy; an export that repeated the body twice needs two.
const MAX_REPETITIONS = 4;

function dropRepetitions(body: BodyLine[], title: string | null, notices: ImportNotice[]): BodyLine[] {
  let kept = body;
  for (let pass = 0; pass < MAX_REPETITIONS; pass++) {
    const repetition = findRepetition(kept, title === null ? null : squeeze(title));
    if (!repetition) break;
    const copy = kept.slice(repetition.start);
    const lines = { first: copy[0]!.line + 1, last: copy[copy.length - 1]!.line + 1 };
    if (!repetition.accepted) {
      notices.push(lines.first === lines.last ? importNotice('shortRepeatKeptLine', { line: lines.first }) : importNotice('shortRepeatKept', lines));
      break;
    }
    notices.push(importNotice(repetition.truncated ? 'duplicateRemovedCut' : 'duplicateRemoved', { count: segment(copy).length, ...lines }));
    kept = kept.slice(0, repetition.start);
  }
  return kept;
}

function describeClassification(paragraphs: readonly ClassifiedParagraph[], notices: ImportNotice[]): void {
  const headings = paragraphs.filter((p) => p.kind === 'heading').length;
  const closing = paragraphs.filter((p) => p.kind === 'closing').length;
  if (headings > 0) notices.push(importNotice('headings', { count: headings }));
  if (closing > 0) notices.push(importNotice('closing', { count: closing }));
}

function findSourceLine(paragraphs: readonly ClassifiedParagraph[]): string | null {
  const closing = paragraphs.filter((p) => p.kind === 'closing' && isNewsSourceLine(p.text));
  if (closing.length > 0) return closing[closing.length - 1]!.text;
  return paragraphs.find((p) => isNewsSourceLine(p.text))?.text ?? null;
}

const FALLBACK_TITLE_LENGTH = 30;

function resolveTitle(given: string | null, fromFile: string | null, paragraphs: readonly ClassifiedParagraph[], notices: ImportNotice[]): string {
  if (given !== null) {
    if (fromFile !== null && fromFile !== given) notices.push(importNotice('titleReplaced', { title: quote(fromFile) }));
    return given;
  }
  if (fromFile !== null) return fromFile;
  const first = paragraphs.find((p) => p.kind === 'body') ?? paragraphs[0]!;
  const title = [...first.text].slice(0, FALLBACK_TITLE_LENGTH).join('');
  notices.push(importNotice('titleGuessed', { title: quote(title) }));
  return title;
}
