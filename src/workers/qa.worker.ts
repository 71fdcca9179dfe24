// Web Worker entry: QA of a whole document off the main thread.
import { buildGlossaryMatcher } from '../domain/glossary/index.ts';
import { checkDocument } from '../domain/qa/index.ts';
import type { QaRequest, QaResponse } from './qa-messages.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<QaRequest>) => void) | null;
  postMessage(message: QaResponse): void;
};

scope.onmessage = (event) => {
  const { id, rows, glossary, elsewhere } = event.data;
  try {
    const started = performance.now();
    const results = checkDocument(rows, { glossary: buildGlossaryMatcher(glossary), elsewhere: new Map(elsewhere) });
    scope.postMessage({ id, ok: true, results, ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
