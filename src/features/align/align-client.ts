// Runs the aligner in a Web Worker so that aligning 10,000 paragraphs never blocks the screen.
import type { AlignRequest, AlignResponse } from '../../domain/align/worker-messages.ts';
import type { AlignOptions, AlignResult } from '../../domain/align/types.ts';

interface Pending {
  resolve: (result: AlignResult) => void;
  reject: (error: Error) => void;
}

export class AlignWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../domain/align/align.worker.ts', import.meta.url), { type: 'module', name: 'aligner' });
    worker.onmessage = (event: MessageEvent<AlignResponse>) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      this.pending.delete(event.data.id);
      if ('error' in event.data) entry.reject(new Error(event.data.error));
      else entry.resolve(event.data.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.failAll(new Error(event.message || 'The aligner stopped unexpectedly'));
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error) {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  align(zh: readonly string[], en: readonly string[], options?: AlignOptions): Promise<AlignResult> {
    const worker = this.start();
    const id = this.nextId++;
    const request: AlignRequest = { id, zh: [...zh], en: [...en], ...(options ? { options } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  /** Stops the worker; requests still running are rejected with an AbortError. */
  dispose() {
    this.failAll(new DOMException('The aligner was stopped', 'AbortError'));
    this.worker?.terminate();
    this.worker = null;
  }
}
