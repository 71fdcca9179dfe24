/** Why a file could not be read or applied. Each comes with an English message; nothing is changed. */
export type InteropErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-xml'
  | 'wrong-format'
  | 'wrong-languages'
  | 'no-match'
  | 'invalid';

export class InteropError extends Error {
  readonly code: InteropErrorCode;

  constructor(code: InteropErrorCode, message: string) {
    super(message);
    this.name = 'InteropError';
    this.code = code;
  }
}

export function isInteropError(value: unknown): value is InteropError {
  return value instanceof InteropError;
}
