import { beforeAll, describe, expect, it } from 'vitest';
import type { AlignRequest, AlignResponse } from './align-messages.ts';

// The worker module wires itself to `self`; give it a worker-like global to talk to.
const posted: AlignResponse[] = [];
const scope: { onmessage: ((event: { data: AlignRequest }) => unknown) | null; postMessage(message: AlignResponse): void } = {
  onmessage: null,
  postMessage: (message) => posted.push(message),
};

/** The next response the worker posts. */
async function answer(): Promise<AlignResponse | undefined> {
  for (let tries = 0; posted.length === 0 && tries < 600; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  return posted.pop();
}

beforeAll(async () => {
  (globalThis as { self?: unknown }).self = scope;
  await import('./align.worker.ts');
});

describe('align.worker', () => {
  // Reading the dictionary (compiled from CC-CEDICT on a first run) takes seconds.
  it('answers a request with the alignment, under the same id, loading the dictionary first', { timeout: 30_000 }, async () => {
    scope.onmessage?.({ data: { id: 7, zh: ['一', '双方将继续合作。'], en: ['I', 'The two sides will continue to cooperate.'] } });
    const response = await answer();
    expect(response?.id).toBe(7);
    expect(response && 'result' in response ? response.result.links.map((l) => [l.zh, l.en]) : null).toEqual([
      [[0], [0]],
      [[1], [1]],
    ]);
  });

  it('answers a bad request with an error message, under the same id', async () => {
    scope.onmessage?.({ data: { id: 8, zh: ['甲'], en: ['a'], options: { confirmed: [{ zh: [5], en: [0] }] }, dictionary: false } });
    expect(await answer()).toEqual({ id: 8, error: 'confirmed link has Chinese index 5, out of range' });
  });
});
