// Web Worker entry: aligns off the main thread so that long documents never freeze the screen.

import { align } from '../domain/align/index.ts';
import type { AlignRequest, AlignResponse } from './align-messages.ts';
import { loadTranslationTable } from './translation-table.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AlignRequest>) => void) | null;
  postMessage(message: AlignResponse): void;
};

scope.onmessage = async (event) => {
  const { id, zh, en, options, dictionary } = event.data;
  try {
    const table = dictionary === false ? undefined : await loadTranslationTable();
    scope.postMessage({ id, result: align(zh, en, { ...options, dictionary: table }) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
