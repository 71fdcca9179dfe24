import { afterAll, describe, expect, it } from 'vitest';
import { insertAnnotation, selectorColumns } from './annotations.ts';
import { signOut } from './auth.ts';
import { fetchParagraphPage } from './paragraphs.ts';
import { fetchReviewQueue, isOwnWork, reviewItem, reviewItemId } from './review-queue.ts';
import { actAs, DEMO_DOCUMENT_ID, DEMO_PROJECT_ID, DEMO_TITLE } from './testing.ts';
import { saveTranslation } from './translations.ts';

afterAll(() => signOut());

describe('review queue', () => {
  it('lists submitted notes and translated rows with their paragraph and document, and takes a decision', async () => {
    const researcher = await actAs('researcher');
    const [paragraph] = (await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 7, to: 7 })).rows;
    const note = await insertAnnotation({
      paragraph_id: paragraph!.id,
      target: 'source',
      ...selectorColumns(null),
      body: null,
      body_text: `Check this paragraph ${Date.now()}`,
      kind: 'question',
      tags: [],
      status: 'submitted',
    });
    const translator = await actAs('translator');
    const row = (await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 7, to: 7 })).rows[0]!.translations!;
    const text = `Paragraph seven, translated ${Date.now()}`;
    await saveTranslation({ paragraphId: paragraph!.id, expectedVersion: row.version, body: null, text, status: 'translated' });

    const reviewer = await actAs('reviewer');
    const queue = await fetchReviewQueue([DEMO_PROJECT_ID]);
    const noteItem = queue.find((i) => i.type === 'annotation' && i.annotation.id === note.id);
    const rowItem = queue.find((i) => i.type === 'translation' && i.translation.paragraph_id === paragraph!.id);
    const context = { paragraphId: paragraph!.id, position: 7, source: paragraph!.text, documentId: DEMO_DOCUMENT_ID, documentTitle: DEMO_TITLE, projectId: DEMO_PROJECT_ID };
    expect(noteItem).toMatchObject({ context, translationText: text });
    expect(rowItem).toMatchObject({ context, translation: { text, status: 'translated' } });
    expect(isOwnWork(noteItem!, researcher.id)).toBe(true);
    expect(isOwnWork(rowItem!, translator.id)).toBe(true);
    expect(isOwnWork(noteItem!, reviewer.id)).toBe(false);
    // Only projects asked for are listed.
    expect(await fetchReviewQueue([])).toEqual([]);

    await reviewItem({ item: noteItem!, decision: 'approved', comment: '  ' });
    const rejected = await reviewItem({ item: rowItem!, decision: 'rejected', comment: 'Keep the enumeration of the original.', suggestion: `${text} (enumerated)` });
    expect(rejected.version).toBe(rowItem!.type === 'translation' ? rowItem!.translation.version + 1 : -1);
    const after = (await fetchReviewQueue([DEMO_PROJECT_ID])).map(reviewItemId);
    expect(after).not.toContain(reviewItemId(noteItem!));
    expect(after).not.toContain(reviewItemId(rowItem!));
  });
});
