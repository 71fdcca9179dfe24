// Web Worker entry: decodes and parses a file off the main thread, so a 20 MB export never freezes the screen.
import { isImportError, parseDocument } from '../domain/import/index.ts';
import type { ParseRequest, ParseResponse } from './parse-messages.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseResponse): void;
};

scope.onmessage = (event) => {
  const { id, bytes, options } = event.data;
  try {
    scope.postMessage({ id, ok: true, document: parseDocument(bytes, options) });
  } catch (error) {
    const failure = isImportError(error)
      ? { code: error.code, message: error.message }
      : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) };
    scope.postMessage({ id, ok: false, error: failure });
  }
};
