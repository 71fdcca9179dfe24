import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from './auth.ts';
import { fetchParagraphPage } from './paragraphs.ts';
import { actAs, DEMO_DOCUMENT_ID, DEMO_PARAGRAPHS } from './testing.ts';

beforeAll(() => actAs('translator'));
afterAll(() => signOut());

describe('paragraph pages', () => {
  it('reads a position range with each paragraph\'s translation embedded, and the last position on the first page', async () => {
    const page = await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 1, to: 10 });
    expect(page.total).toBe(DEMO_PARAGRAPHS);
    expect(page.rows.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.rows[2]).toMatchObject({ kind: 'heading', text: '一' });
    // The to-one embed arrives as one row (or null), never as an array.
    for (const row of page.rows) expect(row.translations === null || typeof row.translations.version === 'number').toBe(true);
    const next = await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 51, to: 1050 });
    expect(next.total).toBeNull();
    expect(next.rows.map((p) => p.position)).toEqual([51, 52, 53]);
  });
});
