import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { documentKeys, invalidate, memoryKeys, profileKeys, projectKeys, reviewKeys, searchKeys, staleKeys, type DataChange } from './keys.ts';

const A = 'd0000000-0000-4000-8000-00000000000a';
const B = 'd0000000-0000-4000-8000-00000000000b';

/** A client holding fresh data under every key the app uses, for documents A and B. */
function filledClient(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const keys = [
    documentKeys.list(['p1']),
    documentKeys.progressList(['p1']),
    ...[A, B].flatMap((id) => [documentKeys.detail(id), documentKeys.paragraphs(id), documentKeys.annotations(id), documentKeys.progress(id)]),
    projectKeys.list('u1'),
    projectKeys.members('p1'),
    reviewKeys.list('u1', ['p1']),
    profileKeys.list(['u1']),
  ];
  for (const key of keys) client.setQueryData(key, { cached: true });
  return client;
}

async function staleAfter(change: DataChange): Promise<string[]> {
  const client = filledClient();
  await invalidate(client, change);
  return client
    .getQueryCache()
    .getAll()
    .filter((q) => q.isStale())
    .map((q) => JSON.stringify(q.queryKey))
    .sort();
}

const json = (...keys: readonly unknown[]) => keys.map((k) => JSON.stringify(k)).sort();

describe('query keys', () => {
  it('puts everything about a document under one prefix', () => {
    for (const key of [documentKeys.detail(A), documentKeys.paragraphs(A), documentKeys.annotations(A), documentKeys.progress(A)]) {
      expect(key.slice(0, 2)).toEqual(documentKeys.scope(A));
    }
  });

  it('does not depend on the order of the ids in a list key', () => {
    expect(documentKeys.list(['b', 'a', 'b'])).toEqual(documentKeys.list(['a', 'b']));
    expect(reviewKeys.list('u', ['q', 'p'])).toEqual(reviewKeys.list('u', ['p', 'q']));
  });
});

describe('invalidation map', () => {
  it('a note change makes its document notes, progress and the review queue stale, not the other document', async () => {
    expect(await staleAfter({ type: 'annotation', documentId: A })).toEqual(
      json(documentKeys.annotations(A), documentKeys.progress(A), documentKeys.progressList(['p1']), reviewKeys.list('u1', ['p1'])),
    );
  });

  it('a saved translation only makes progress stale (the outbox already put the row in the cache)', async () => {
    expect(await staleAfter({ type: 'translation', documentId: B })).toEqual(json(documentKeys.progress(B), documentKeys.progressList(['p1'])));
  });

  it('a review decision refreshes the queue and the decided document', async () => {
    expect(await staleAfter({ type: 'review', documentId: A })).toEqual(
      json(
        reviewKeys.list('u1', ['p1']),
        documentKeys.annotations(A),
        documentKeys.paragraphs(A),
        documentKeys.progress(A),
        documentKeys.progressList(['p1']),
      ),
    );
  });

  it('an alignment refreshes the document rows and progress', async () => {
    expect(await staleAfter({ type: 'alignment', documentId: B })).toEqual(
      json(documentKeys.paragraphs(B), documentKeys.progress(B), documentKeys.progressList(['p1'])),
    );
  });

  it('an import refreshes the library lists, a membership change the projects', async () => {
    expect(await staleAfter({ type: 'import', projectId: 'p1' })).toEqual(json(documentKeys.list(['p1']), documentKeys.progressList(['p1'])));
    expect(await staleAfter({ type: 'membership', projectId: 'p1' })).toEqual(json(projectKeys.list('u1'), projectKeys.members('p1')));
  });

  it('search results, library pages and memory suggestions follow the writes that change them', async () => {
    const after = async (change: DataChange) => {
      const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
      for (const key of [searchKeys.results({ q: 'x' }), documentKeys.libraryPage('p1', {}), memoryKeys.suggestions(A), memoryKeys.imports('p1')]) {
        client.setQueryData(key, { cached: true });
      }
      await invalidate(client, change);
      return client.getQueryCache().getAll().filter((q) => q.isStale()).map((q) => q.queryKey[0] === 'documents' ? 'library' : String(q.queryKey[1])).sort();
    };
    expect(await after({ type: 'translation', documentId: A })).toEqual(['library', 'results']);
    expect(await after({ type: 'review', documentId: A })).toEqual(['imports', 'library', 'results', 'suggestions']);
    expect(await after({ type: 'import', projectId: 'p1' })).toEqual(['library', 'results']);
    expect(await after({ type: 'memory', projectId: 'p1' })).toEqual(['imports', 'suggestions']);
  });

  it('names no key twice, so no refetch is started and then cancelled by the next', () => {
    const changes: DataChange[] = [
      { type: 'annotation', documentId: A },
      { type: 'translation', documentId: A },
      { type: 'review', documentId: A },
      { type: 'alignment', documentId: A },
      { type: 'import', projectId: 'p1' },
      { type: 'membership', projectId: 'p1' },
      { type: 'memory', projectId: 'p1' },
    ];
    for (const change of changes) {
      const keys = staleKeys(change).map((k) => JSON.stringify(k));
      expect(new Set(keys).size, change.type).toBe(keys.length);
    }
  });
});
