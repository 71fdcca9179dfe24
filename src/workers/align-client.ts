// Runs the aligner in a Web Worker so that aligning 10,000 paragraphs never blocks the screen.
import type { AlignRequest, AlignResponse } from './align-messages.ts';
import type { AlignOptions, AlignResult } from '../domain/align/index.ts';
import { WorkerClient } from './worker-client.ts';

export class AlignWorkerClient {
  private readonly client = new WorkerClient<AlignRequest, AlignResponse, AlignResult>({
    create: () => new Worker(new URL('./align.worker.ts', import.meta.url), { type: 'module', name: 'aligner' }),
    settle: (response) => ('error' in response ? { error: new Error(response.error) } : { value: response.result }),
    crashed: (message) => new Error(message ?? 'The aligner stopped unexpectedly'),
    stoppedMessage: 'The aligner was stopped',
  });

  align(zh: readonly string[], en: readonly string[], options?: AlignOptions): Promise<AlignResult> {
    return this.client.request({ zh: [...zh], en: [...en], ...(options ? { options } : {}) });
  }

  /** Stops the worker; requests still running are rejected with an AbortError. */
  dispose() {
    this.client.dispose();
  }
}
