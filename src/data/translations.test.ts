import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from './auth.ts';
import { ConflictError } from './errors.ts';
import { fetchParagraphPage } from './paragraphs.ts';
import { actAs, DEMO_DOCUMENT_ID } from './testing.ts';
import { saveTranslation } from './translations.ts';

beforeAll(() => actAs('translator'));
afterAll(() => signOut());

describe('saveTranslation', () => {
  it('saves on the current version, and turns a stale version into a ConflictError carrying the current row', async () => {
    const [paragraph] = (await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 40, to: 40 })).rows;
    const current = paragraph!.translations!;
    const text = `Data layer ${Date.now()}`;
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
    const saved = await saveTranslation({ paragraphId: paragraph!.id, expectedVersion: current.version, body, text, status: null });
    expect(saved).toMatchObject({ paragraph_id: paragraph!.id, text, version: current.version + 1, status: 'draft' });

    const stale = await saveTranslation({ paragraphId: paragraph!.id, expectedVersion: current.version, body, text: 'older', status: null }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ text, version: saved.version });
  });
});
