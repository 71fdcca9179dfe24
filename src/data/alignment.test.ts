import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAlignment } from './alignment.ts';
import { signOut } from './auth.ts';
import { fetchParagraphPage } from './paragraphs.ts';
import { actAs, DEMO_DOCUMENT_ID } from './testing.ts';

beforeAll(() => actAs('translator'));
afterAll(() => signOut());

describe('applyAlignment', () => {
  it('names the rows whose English it would replace and writes nothing, then overwrites when asked', async () => {
    const rows = (await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 45, to: 46 })).rows;
    const english = `Aligned ${Date.now()}`;
    const payload = [{ paragraph_ids: rows.map((p) => p.id), text: `${english}\nsecond line` }];
    // Give paragraph 45 English of its own first, so the alignment meets it.
    await applyAlignment(DEMO_DOCUMENT_ID, { rows: [{ paragraph_ids: [rows[0]!.id], text: 'Existing English' }], overwrite: true });

    const refused = await applyAlignment(DEMO_DOCUMENT_ID, { rows: payload, overwrite: false });
    expect(refused).toMatchObject({ applied: false, conflicts: [45], written: 0 });

    const applied = await applyAlignment(DEMO_DOCUMENT_ID, { rows: payload, overwrite: true });
    expect(applied).toMatchObject({ applied: true, rows: 1 });
    expect(applied.written).toBeGreaterThanOrEqual(1);
    const [head] = (await fetchParagraphPage(DEMO_DOCUMENT_ID, { from: 45, to: 45 })).rows;
    expect(head!.translations).toMatchObject({ text: `${english}\nsecond line`, span: 2 });
  });
});
