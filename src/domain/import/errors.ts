/** Why a file could not be imported. Each code comes with an English message; nothing is imported. */
export type ImportErrorCode =
  | 'empty'
  | 'whitespace-only'
  | 'too-large'
  | 'binary'
  | 'unsupported-format'
  | 'invalid-encoding'
  | 'no-paragraphs';

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  /** Byte offset of the first undecodable byte, for `invalid-encoding`. */
  readonly offset: number | undefined;

  constructor(code: ImportErrorCode, message: string, offset?: number) {
    super(message);
    this.name = 'ImportError';
    this.code = code;
    this.offset = offset;
  }
}

export function isImportError(value: unknown): value is ImportError {
  return value instanceof ImportError;
}
