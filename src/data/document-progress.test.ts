import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from './auth.ts';
import { fetchProgress } from './document-progress.ts';
import { actAs, DEMO_DOCUMENT_ID, DEMO_PARAGRAPHS, DEMO_PROJECT_ID } from './testing.ts';

beforeAll(() => actAs('researcher'));
afterAll(() => signOut());

describe('document progress', () => {
  it('counts a document\'s paragraphs, by document and by project', async () => {
    const [byDocument] = await fetchProgress({ documentId: DEMO_DOCUMENT_ID });
    expect(byDocument).toMatchObject({ document_id: DEMO_DOCUMENT_ID, project_id: DEMO_PROJECT_ID, paragraphs: DEMO_PARAGRAPHS });
    const byProject = await fetchProgress({ projectIds: [DEMO_PROJECT_ID] });
    expect(byProject.find((p) => p.document_id === DEMO_DOCUMENT_ID)).toEqual(byDocument);
  });
});
