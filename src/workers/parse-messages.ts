// Messages between the import screen and the parsing Web Worker.
import type { ImportErrorCode, ParseOptions, ParsedDocument } from '../domain/import/index.ts';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  options: ParseOptions;
}

/** Why a file was refused: the code, the parser's English sentence, and the byte offset of an undecodable byte. */
export type ParseFailure = {
  code: ImportErrorCode | 'internal';
  message: string;
  offset?: number;
  /** Set when the sentence was written in the UI's language already (refusals before parsing). */
  localized?: boolean;
};

export type ParseResponse = { id: number; ok: true; document: ParsedDocument } | { id: number; ok: false; error: ParseFailure };
