// Web Worker entry: decodes and parses a file off the main thread, so a 20 MB export never freezes the screen.
import { isImportError, parseDocument } from '../domain/import/index.ts';
import type { ParseRequest, ParseResponse } from './parse-messages.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseResponse): void;
};

// A Word document (a ZIP archive) goes through mammoth first, loaded only when one comes.
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

scope.onmessage = async (event) => {
  const { id, bytes, options } = event.data;
  try {
    const document = isZip(bytes)
      ? await (await import('../domain/interop/index.ts')).parseDocxDocument(bytes, options)
      : parseDocument(bytes, options);
    scope.postMessage({ id, ok: true, document });
  } catch (error) {
    const failure = isImportError(error)
      ? { code: error.code, message: error.message, ...(error.offset === undefined ? {} : { offset: error.offset }) }
      : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) };
    scope.postMessage({ id, ok: false, error: failure });
  }
};
