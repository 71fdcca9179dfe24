import type { ImportNotice } from './notices.ts';

/** What an imported paragraph is, as stored in paragraphs.kind. */
export const PARAGRAPH_KINDS = ['heading', 'body', 'closing'] as const;
export type ParagraphKind = (typeof PARAGRAPH_KINDS)[number];

export interface ImportedParagraph {
  /** 1-based, in document order. */
  position: number;
  kind: ParagraphKind;
  /**
   * The paragraph without its indentation; otherwise as in the file. In a closing signatory row the
   * columns are joined by exactly one U+3000, and U+3000 occurs nowhere else in such a row, so
   * `text.split('\u3000')` gives the columns back.
   */
  text: string;
}

/** How the bytes were decoded; `text` when the input was already a string (parseText). */
export type SourceEncoding = 'UTF-8' | 'UTF-8 BOM' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'text';

export interface ParsedDocument {
  title: string;
  /** ISO date `YYYY-MM-DD`, from the 发布时间 line (or another date key), or null. */
  published_on: string | null;
  keywords: string[];
  /** The database the export comes from, e.g. 习近平系列重要讲话数据库. */
  collection: string | null;
  /** The news-source line of the closing block, e.g. （新华社上海5月19日电）. */
  source_line: string | null;
  /** Every `key：value` line of the header as written (keys without inner spaces). */
  metadata: Record<string, string>;
  encoding: SourceEncoding;
  /** What was dropped, moved or guessed, for the user (keys and values; shown translated). */
  notices: ImportNotice[];
  /** The same notices in English (CLI, logs). */
  warnings: string[];
  paragraphs: ImportedParagraph[];
}

/** An encoding a caller may force instead of detection. */
export type ForcedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodeOptions {
  encoding?: ForcedEncoding;
}

export interface ParseOptions extends DecodeOptions {
  /** Use this title instead of the one in the file. */
  title?: string;
  /**
   * For files without an export header: whether the first line is the title.
   * Defaults to true, or to false when `title` is given.
   */
  firstLineIsTitle?: boolean;
  /** Files larger than this many bytes are refused. Defaults to 20 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
