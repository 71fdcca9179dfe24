// The workspace flows of issue 18 on a tablet (1024×768) and on a phone (390×844), where the notes
// live in a side sheet or a sheet over the page (1440×900 is covered by layout, keyboard and notes
// specs): the header folds, Enter/Esc edit without inserting anything, a phrase of the English is
// noted, a phrase is noted with the keyboard alone, and the note filters hide rows.
import { test, expect, apiAs, runToken, importDocument, saveEnglish, translationOf } from './fixtures.ts';

const SIZES = [
  { name: 'tablet', viewport: { width: 1024, height: 768 }, sheet: 'side-sheet' },
  { name: 'phone', viewport: { width: 390, height: 844 }, sheet: 'phone-sheet' },
] as const;

const LONG = '双方同意在经贸、能源、交通、农业、人文等领域加强合作，推动两国关系取得新的发展，造福两国人民。';

for (const size of SIZES) {
  test.describe(`${size.name} ${size.viewport.width}×${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport });
    const phone = size.name === 'phone';

    test('the document header folds when the grid scrolls and by hand', async ({ translator }) => {
      const { page, workspace } = translator;
      const doc = await importDocument(`折叠${runToken(size.name)}`, Array.from({ length: 24 }, () => LONG), {
        keywords: Array.from({ length: 12 }, (_, i) => `关键词${i + 1}`),
      });
      await page.goto(`/documents/${doc.id}`);
      await expect(workspace.row(1)).toBeVisible();
      const toggle = page.getByRole('button', { name: 'Document details' });
      const chips = page.getByRole('list', { name: 'Keywords' });
      // A phone has no room to spare: the header starts folded there.
      if (phone) {
        await expect(toggle).toHaveAttribute('aria-expanded', 'false');
        await expect(chips).toHaveCount(0);
        await toggle.click();
      }
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(chips).toBeVisible();

      // Scrolling the grid folds it to one line; the button opens and folds it again.
      await page.getByTestId('workspace-scroll').evaluate((el) => el.scrollTo(0, 800));
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(chips).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1, name: /^折叠/ })).toBeVisible();
      expect((await page.locator('header.doc-header').boundingBox())!.height).toBeLessThan(phone ? 110 : 70);
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(chips).toBeVisible();
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await page.screenshot({ path: `test-results/viewports-${size.name}-header-folded.png` });
    });

    test('Enter on a focused row edits without inserting a line; Esc goes back to the row', async ({ translator }) => {
      const { page, workspace } = translator;
      const token = runToken(`enter-${size.name}`);
      const doc = await importDocument(`回车${token}`, ['第一段。', '第二段。']);
      await page.goto(`/documents/${doc.id}`);
      await expect(workspace.translation(2)).toBeVisible();

      const box = await workspace.editWithEnter(2);
      const text = `At the invitation ${token}`;
      await page.keyboard.type(text);
      await expect(box.locator('p')).toHaveCount(1);
      await page.keyboard.press('Escape');
      await expect(box).not.toHaveAttribute('contenteditable', 'true');
      await expect(box).toBeFocused();
      await workspace.waitUntilSaved();
      const stored = await translationOf(await apiAs('translator'), doc.paragraphs[1]!);
      expect(stored.text).toBe(text);
      expect(stored.body!.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text }] }]);
      await expect(box).toHaveText(text);
    });

    test('a phrase of the English is noted through the notes sheet', async ({ researcher }) => {
      const { page, workspace } = researcher;
      const token = runToken(`en-${size.name}`);
      const doc = await importDocument(`英文${token}`, ['第一段。', '双方决定加强合作。']);
      await saveEnglish(await apiAs('translator'), doc.paragraphs[1]!, 'The two sides decide to strengthen cooperation.');
      await page.goto(`/documents/${doc.id}`);
      await expect(workspace.translation(2)).toContainText('strengthen cooperation');

      // Select in the English, open the row's notes: "Add note to selection" is in the sheet.
      await workspace.selectEnglishPhrase(2, 'strengthen cooperation');
      await workspace.row(2).getByRole('button', { name: 'Notes on paragraph 2: 0' }).click();
      const sheet = workspace.notesOf(2, size.sheet);
      const add = sheet.getByRole('button', { name: 'Add note to selection' });
      await expect(add).toContainText('strengthen cooperation');
      await add.click();
      const form = sheet.getByRole('form', { name: 'New note on paragraph 2' });
      await expect(form.getByText('On the English')).toBeVisible();
      await expect(form.locator('blockquote')).toHaveText('strengthen cooperation');
      await workspace.writeNote(2, `Word choice ${token}`, { within: sheet });
      await expect(sheet.getByRole('article').filter({ hasText: `Word choice ${token}` })).toBeVisible();
      await page.screenshot({ path: `test-results/viewports-${size.name}-english-note.png` });
      if (phone) {
        await page.keyboard.press('Escape');
        await expect(sheet).toHaveCount(0);
      }
      await expect(workspace.noteHighlights(2, 'translation')).toHaveText(['strengthen cooperation']);
      const [stored] = await (await apiAs('researcher')).call<{ target: string; quote_exact: string; start_offset: number }[]>(
        `annotations?select=target,quote_exact,start_offset&paragraph_id=eq.${doc.paragraphs[1]}`,
      );
      expect(stored).toEqual({ target: 'translation', quote_exact: 'strengthen cooperation', start_offset: 24 });
    });

    test('a phrase is noted with the keyboard alone: Alt+C, Shift+arrows, Enter', async ({ researcher }) => {
      const { page, workspace } = researcher;
      const token = runToken(`kbd-${size.name}`);
      const doc = await importDocument(`键盘${token}`, ['双方决定加强合作。', '两国元首举行会谈。']);
      await page.goto(`/documents/${doc.id}`);
      await expect(workspace.row(2)).toBeVisible();

      await workspace.focusRow(2);
      await page.keyboard.press('Alt+c');
      const chinese = workspace.caretField(2, 'zh');
      await expect(chinese).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Enter');
      // The note form opens where the row's notes are: the side sheet, or the phone's sheet.
      const sheet = workspace.notesOf(2, size.sheet);
      const form = sheet.getByRole('form', { name: 'New note on paragraph 2' });
      await expect(form.locator('blockquote')).toHaveText('元首');
      await expect(form.getByRole('textbox', { name: 'Note', exact: true })).toBeFocused();
      await page.keyboard.type(`Heads of state ${token}`);
      await form.getByRole('button', { name: 'Submit for review' }).press('Enter');
      await expect(form).toHaveCount(0);
      await expect(sheet.getByRole('article').filter({ hasText: `Heads of state ${token}` })).toBeVisible();
      await page.screenshot({ path: `test-results/viewports-${size.name}-keyboard-note.png` });
      if (phone) {
        await page.keyboard.press('Escape');
        await expect(sheet).toHaveCount(0);
      }
      await expect(workspace.noteHighlights(2, 'source')).toHaveText(['元首']);
      const [stored] = await (await apiAs('researcher')).call<{ target: string; quote_exact: string; start_offset: number }[]>(
        `annotations?select=target,quote_exact,start_offset&paragraph_id=eq.${doc.paragraphs[1]}`,
      );
      expect(stored).toEqual({ target: 'source', quote_exact: '元首', start_offset: 2 });
    });

    test('note filters by kind and tag hide rows without a matching note', async ({ researcher }) => {
      const { page, workspace } = researcher;
      const token = runToken(`filter-${size.name}`);
      const tag = `tag${token}`;
      const doc = await importDocument(`筛选${token}`, ['第一段。', '第二段。', '第三段。']);
      await (await apiAs('researcher')).call('annotations', {
        method: 'POST',
        body: [
          { paragraph_id: doc.paragraphs[0], status: 'submitted', kind: 'person', tags: [tag], body_text: `Person ${token}` },
          { paragraph_id: doc.paragraphs[2], status: 'submitted', kind: 'place', tags: [], body_text: `Place ${token}` },
        ],
      });
      await page.goto(`/documents/${doc.id}`);
      const count = (n: number, notes: number) => workspace.row(n).getByRole('button', { name: `Notes on paragraph ${n}: ${notes}` });
      await expect(count(3, 1)).toBeVisible();

      // Kind "Place", only rows with notes: row 3 alone.
      await workspace.filterNotes({ kind: 'Place', onlyRows: true });
      await expect(page.getByText('1 row with notes')).toBeVisible();
      await expect(workspace.row(1)).toHaveCount(0);
      await expect(workspace.row(2)).toHaveCount(0);
      await expect(count(3, 1)).toBeVisible();
      await page.screenshot({ path: `test-results/viewports-${size.name}-filtered.png` });
      // Any kind, the tag: row 1 alone, its note in the sheet.
      await workspace.filterNotes({ kind: 'Any', tag });
      await expect(page.getByRole('button', { name: 'Filter notes (2 filters on)' })).toBeVisible();
      await expect(workspace.row(3)).toHaveCount(0);
      await count(1, 1).click();
      await expect(workspace.notesOf(1, size.sheet).getByRole('article').filter({ hasText: `Person ${token}` })).toBeVisible();
      if (phone) await page.keyboard.press('Escape');
      // Cleared: every row is back, row 2 without notes.
      await workspace.filterNotes({ clear: true });
      await expect(count(2, 0)).toBeVisible();
      await expect(count(3, 1)).toBeVisible();
    });
  });
}
