// Reading a dropped file with progress, and parsing it in a Web Worker.
import type { ParseOptions, ParsedDocument } from '../domain/import/index.ts';
import type { ParseFailure, ParseRequest, ParseResponse } from './parse-messages.ts';
import { WorkerClient } from './worker-client.ts';

export class ParseError extends Error {
  constructor(readonly failure: ParseFailure) {
    super(failure.message);
    this.name = 'ParseError';
  }
}

/** Reads a file in the chunks the browser streams it in, reporting the bytes read so far. */
export async function readFileBytes(file: Blob, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let loaded = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      out.set(value.subarray(0, Math.max(0, out.length - loaded)), loaded);
      loaded += value.length;
      onProgress(Math.min(loaded, out.length));
    }
  } finally {
    reader.releaseLock();
  }
  return loaded === out.length ? out : out.subarray(0, loaded);
}

export class ParseWorkerClient {
  private readonly client = new WorkerClient<ParseRequest, ParseResponse, ParsedDocument>({
    create: () => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'import-parser' }),
    settle: (response) => (response.ok ? { value: response.document } : { error: new ParseError(response.error) }),
    crashed: (message) => new ParseError({ code: 'internal', message: message ?? 'The parser stopped unexpectedly' }),
    stoppedMessage: 'Parsing was stopped',
  });

  /** Parses a copy of `bytes` (the caller keeps them to parse again with other options). */
  parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
    return this.client.request({ bytes, options });
  }

  dispose() {
    this.client.dispose();
  }
}
