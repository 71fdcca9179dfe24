import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from './auth.ts';
import { fetchDocument, fetchDocuments } from './documents.ts';
import { errorKind } from './errors.ts';
import { actAs, DEMO_DOCUMENT_ID, DEMO_PROJECT_ID, DEMO_TITLE } from './testing.ts';

beforeAll(() => actAs('researcher'));
afterAll(() => signOut());

describe('documents', () => {
  it('lists a project\'s documents with their header fields', async () => {
    const documents = await fetchDocuments([DEMO_PROJECT_ID]);
    const demo = documents.find((d) => d.id === DEMO_DOCUMENT_ID);
    expect(demo).toMatchObject({ title: DEMO_TITLE, project_id: DEMO_PROJECT_ID, published_on: '2014-05-20', collection: '习近平系列重要讲话数据库' });
    expect(demo?.keywords).toContain('上海');
    expect(await fetchDocuments([])).toEqual([]);
  });

  it('reads one document, and calls a missing one not found', async () => {
    expect(await fetchDocument(DEMO_DOCUMENT_ID)).toMatchObject({ id: DEMO_DOCUMENT_ID, source_line: '（新华社上海5月19日电）' });
    const missing = await fetchDocument('d0000000-0000-4000-8000-0000000009ff').catch((e: unknown) => e);
    expect(errorKind(missing)).toBe('not-found');
  });

  it('stops a read when its signal is aborted', async () => {
    const controller = new AbortController();
    const reading = fetchDocuments([DEMO_PROJECT_ID], controller.signal);
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
