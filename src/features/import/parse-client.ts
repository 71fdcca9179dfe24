// Reading a dropped file with progress, and parsing it in a Web Worker.
import type { ParseOptions, ParsedDocument } from '../../domain/import/index.ts';
import type { ParseFailure, ParseRequest, ParseResponse } from './parse-messages.ts';

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

interface Pending {
  resolve: (document: ParsedDocument) => void;
  reject: (error: Error) => void;
}

export class ParseWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'import-parser' });
    worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      this.pending.delete(event.data.id);
      if (event.data.ok) entry.resolve(event.data.document);
      else entry.reject(new ParseError(event.data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new ParseError({ code: 'internal', message: event.message || 'The parser stopped unexpectedly' });
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  /** Parses a copy of `bytes` (the caller keeps them to parse again with other options). */
  parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
    const worker = this.start();
    const id = this.nextId++;
    const request: ParseRequest = { id, bytes, options };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  dispose() {
    for (const entry of this.pending.values()) entry.reject(new DOMException('Parsing was stopped', 'AbortError'));
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }
}
