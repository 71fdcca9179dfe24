// Messages between the import screen and the parsing Web Worker.
import type { ImportErrorCode, ParseOptions, ParsedDocument } from '../domain/import/index.ts';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  options: ParseOptions;
}

export type ParseFailure = { code: ImportErrorCode | 'internal'; message: string };

export type ParseResponse = { id: number; ok: true; document: ParsedDocument } | { id: number; ok: false; error: ParseFailure };
