// The document QA Worker, started on the first whole-document check.
import type { QaRowResult } from '../domain/qa/index.ts';
import type { QaRequest, QaResponse } from './qa-messages.ts';
import { WorkerClient } from './worker-client.ts';

export class QaWorkerClient {
  private readonly client = new WorkerClient<QaRequest, QaResponse, { results: QaRowResult[]; ms: number }>({
    create: () => new Worker(new URL('./qa.worker.ts', import.meta.url), { type: 'module', name: 'qa' }),
    settle: (response) => (response.ok ? { value: { results: response.results, ms: response.ms } } : { error: new Error(response.message) }),
    crashed: (message) => new Error(message ?? 'The QA worker stopped unexpectedly'),
    stoppedMessage: 'QA was stopped',
  });

  check(request: Omit<QaRequest, 'id'>): Promise<{ results: QaRowResult[]; ms: number }> {
    return this.client.request(request);
  }

  dispose() {
    this.client.dispose();
  }
}
