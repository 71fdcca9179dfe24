// Notes on both sides of a document of each test's own: a note on a phrase of the English (kept
// on its words when the English changes, shown as orphaned when they are gone), a phrase noted
// with the keyboard alone, a highlight opening its note, the note filters with tag completion,
// and "Back to draft" for a translator's own translated row.
import { test, expect, apiAs, runToken, expectNoSeriousA11yViolations, importDocument, saveEnglish, translationOf } from './fixtures.ts';

test('a note on a phrase of the English is highlighted, follows its words when the English changes, and is kept as orphaned when they are gone', async ({ researcher }) => {
  const { page, workspace } = researcher;
  const token = runToken('en-note');
  const doc = await importDocument(`英文注释${token}`, ['双方决定加强合作。', '第二段。']);
  const translator = await apiAs('translator');
  await saveEnglish(translator, doc.paragraphs[0]!, 'The two sides decide to strengthen cooperation.');
  await page.goto(`/documents/${doc.id}`);
  await expect(workspace.translation(1)).toContainText('strengthen cooperation');

  await workspace.selectEnglishPhrase(1, 'strengthen cooperation');
  const add = workspace.row(1).getByRole('button', { name: 'Add note to selection' });
  await expect(add).toContainText('strengthen cooperation');
  await add.click();
  const form = workspace.row(1).getByRole('form', { name: 'New note on paragraph 1' });
  await expect(form.getByText('On the English')).toBeVisible();
  await expect(form.locator('blockquote')).toHaveText('strengthen cooperation');
  await workspace.writeNote(1, `Word choice ${token}`, { kind: 'Term' });

  const stored = (await (await apiAs('researcher')).call<{ target: string; quote_exact: string; start_offset: number; end_offset: number; quote_prefix: string }[]>(
    `annotations?select=target,quote_exact,quote_prefix,start_offset,end_offset&paragraph_id=eq.${doc.paragraphs[0]}`,
  ))[0]!;
  expect(stored).toEqual({ target: 'translation', quote_exact: 'strengthen cooperation', quote_prefix: 'The two sides decide to ', start_offset: 24, end_offset: 46 });
  await expect(workspace.noteHighlights(1, 'translation')).toHaveText(['strengthen cooperation']);
  await expect(workspace.noteHighlights(1, 'source')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/notes-english-highlight.png' });

  // The translator rewrites the sentence around the phrase: the note stays on its words.
  await saveEnglish(translator, doc.paragraphs[0]!, 'Both sides have decided to further strengthen cooperation in all fields.');
  await page.reload();
  await expect(workspace.translation(1)).toContainText('in all fields');
  await expect(workspace.noteHighlights(1, 'translation')).toHaveText(['strengthen cooperation']);
  const note = workspace.note(1, `Word choice ${token}`);
  await expect(note).not.toContainText('no longer in the English');

  // The phrase is gone: the note stays, marked as orphaned, with nothing highlighted.
  await saveEnglish(translator, doc.paragraphs[0]!, 'Both sides have agreed to work together more closely.');
  await page.reload();
  await expect(workspace.translation(1)).toContainText('work together');
  await expect(note).toContainText('(this passage is no longer in the English)');
  await expect(note.locator('blockquote')).toContainText('strengthen cooperation');
  await expect(workspace.noteHighlights(1, 'translation')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/notes-english-orphaned.png' });
});

test('a phrase is noted with the keyboard alone, in the Chinese and in the English', async ({ researcher }) => {
  const { page, workspace } = researcher;
  const token = runToken('kbd-note');
  const doc = await importDocument(`键盘注释${token}`, ['双方决定加强合作。', '两国元首举行会谈。']);
  await saveEnglish(await apiAs('translator'), doc.paragraphs[1]!, 'The two heads of state held talks.');
  await page.goto(`/documents/${doc.id}`);
  await expect(workspace.row(2)).toBeVisible();

  // Go to paragraph 2, Alt+C: the Chinese becomes a read-only field with a caret.
  await workspace.focusRow(2);
  await page.keyboard.press('Alt+c');
  const chinese = workspace.caretField(2, 'zh');
  await expect(chinese).toBeFocused();
  await expect(chinese).toHaveAttribute('aria-readonly', 'true');
  // Typing, deleting or pasting never changes the text.
  await page.keyboard.type('x');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('粘贴');
  await expect(chinese).toHaveValue('两国元首举行会谈。');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  const add = workspace.row(2).getByRole('button', { name: 'Add note to selection' });
  await expect(add).toContainText('元首');
  await page.screenshot({ path: 'test-results/notes-keyboard-selection.png' });
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Enter');
  const form = workspace.row(2).getByRole('form', { name: 'New note on paragraph 2' });
  await expect(form.locator('blockquote')).toHaveText('元首');
  await expect(form.getByRole('textbox', { name: 'Note', exact: true })).toBeFocused();
  await page.keyboard.type(`Heads of state ${token}`);
  await form.getByRole('button', { name: 'Submit for review' }).press('Enter');
  await expect(form).toHaveCount(0);
  // The focus is back on the row, where Alt+T goes on to the English.
  await expect(workspace.row(2)).toBeFocused();
  await expect(workspace.noteHighlights(2, 'source')).toHaveText(['元首']);

  // The English of the same row: Alt+T, Shift+→ over a word; Esc leaves it.
  await page.keyboard.press('Alt+t');
  const english = workspace.caretField(2, 'en');
  await expect(english).toBeFocused();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(add).toContainText('heads');
  await page.keyboard.press('Escape');
  await expect(english).toHaveCount(0);
  await expect(add).toHaveCount(0);
  await expect(workspace.translation(2)).toBeFocused();
  // Again, from the end, and this time the button is used.
  await page.keyboard.press('Alt+t');
  await expect(english).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(add).toContainText('talks');
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(form.locator('blockquote')).toHaveText('talks');
  await page.keyboard.type(`Talks ${token}`);
  await form.getByRole('button', { name: 'Submit for review' }).click();
  await expect(form).toHaveCount(0);
  await expect(workspace.noteHighlights(2, 'translation')).toHaveText(['talks']);

  const notes = await (await apiAs('researcher')).call<{ target: string; quote_exact: string; start_offset: number; end_offset: number }[]>(
    `annotations?select=target,quote_exact,start_offset,end_offset&paragraph_id=eq.${doc.paragraphs[1]}&order=created_at`,
  );
  expect(notes).toEqual([
    { target: 'source', quote_exact: '元首', start_offset: 2, end_offset: 4 },
    { target: 'translation', quote_exact: 'talks', start_offset: 28, end_offset: 33 },
  ]);
});

test('clicking a highlight opens its note, in the Chinese and in the English', async ({ researcher }) => {
  const { page, workspace } = researcher;
  const token = runToken('open-note');
  const doc = await importDocument(`打开注释${token}`, ['中方欢迎哈方积极参与亚信会议。']);
  await saveEnglish(await apiAs('translator'), doc.paragraphs[0]!, 'China welcomes the active participation of Kazakhstan in CICA.');
  const api = await apiAs('researcher');
  const note = (target: string, quote: string, start: number, body: string) => ({
    paragraph_id: doc.paragraphs[0],
    target,
    status: 'submitted',
    quote_exact: quote,
    start_offset: start,
    end_offset: start + [...quote].length,
    body_text: body,
  });
  await api.call('annotations', {
    method: 'POST',
    body: [note('source', '哈方', 4, `Kazakh side ${token}`), note('source', '亚信会议', 10, `CICA summit ${token}`), note('translation', 'CICA', 57, `Acronym ${token}`)],
  });
  await page.goto(`/documents/${doc.id}`);
  await expect(workspace.noteHighlights(1, 'source')).toHaveCount(2);

  await workspace.noteHighlights(1, 'source').filter({ hasText: '亚信会议' }).click();
  await expect(workspace.note(1, `CICA summit ${token}`)).toBeFocused();
  await expect(workspace.noteHighlights(1, 'source').filter({ hasText: '亚信会议' })).toHaveClass(/is-highlighted/);
  await workspace.noteHighlights(1, 'translation').click();
  await expect(workspace.note(1, `Acronym ${token}`)).toBeFocused();
  await page.screenshot({ path: 'test-results/notes-open-from-highlight.png' });
});

test('note filters combine, hide rows without notes, and tags complete from the project and filter when clicked', async ({ researcher }) => {
  const { page, workspace } = researcher;
  const token = runToken('filters');
  const doc = await importDocument(`注释筛选${token}`, ['第一段。', '第二段。', '第三段。', '第四段。']);
  const tagA = `alpha${token}`;
  const tagB = `beta${token}`;
  const mine = await apiAs('researcher');
  await mine.call('annotations', {
    method: 'POST',
    body: [
      { paragraph_id: doc.paragraphs[0], status: 'submitted', kind: 'person', tags: [tagA], body_text: `Person ${token}` },
      { paragraph_id: doc.paragraphs[2], status: 'draft', kind: 'place', tags: [tagA, tagB], body_text: `Place ${token}` },
    ],
  });
  await (await apiAs('reviewer')).call('annotations', {
    method: 'POST',
    body: [{ paragraph_id: doc.paragraphs[2], status: 'submitted', kind: 'person', tags: [tagB], body_text: `Reviewer person ${token}` }],
  });
  await page.goto(`/documents/${doc.id}`);
  await expect(workspace.note(3, `Reviewer person ${token}`)).toBeVisible();

  // Kind person and author me: only the researcher's person note is left.
  await workspace.filterNotes({ kind: 'Person', author: 'Me' });
  await expect(workspace.note(1, `Person ${token}`)).toBeVisible();
  await expect(workspace.row(3).getByRole('article')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Filter notes (2 filters on)' })).toBeVisible();
  await page.getByRole('button', { name: 'Filter notes (2 filters on)' }).click();
  await expect(page.getByRole('group', { name: 'Note filters' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Note filters' })).toBeHidden();
  // Anyone, status submitted, only rows with notes: rows 1 and 3, rows 2 and 4 hidden.
  await workspace.filterNotes({ author: 'Anyone', status: 'Submitted', onlyRows: true });
  await expect(page.getByText('2 rows with notes')).toBeVisible();
  await expect(workspace.row(2)).toHaveCount(0);
  await expect(workspace.row(4)).toHaveCount(0);
  await expect(workspace.note(3, `Reviewer person ${token}`)).toBeVisible();
  await expect(workspace.note(3, `Place ${token}`)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/notes-filters.png' });
  // Draft and only rows with notes: row 3 alone.
  await workspace.filterNotes({ status: 'Draft', kind: 'Any' });
  await expect(page.getByText('1 row with notes')).toBeVisible();
  await expect(workspace.row(1)).toHaveCount(0);
  await expect(workspace.note(3, `Place ${token}`)).toBeVisible();

  // A tag on a card filters by it; pressed again, it stops.
  await workspace.filterNotes({ clear: true });
  await expect(workspace.row(2)).toBeVisible();
  const chip = workspace.note(3, `Reviewer person ${token}`).getByRole('button', { name: `Show only notes tagged ${tagB}` });
  await chip.click();
  await expect(workspace.note(1, `Person ${token}`)).toHaveCount(0);
  await expect(workspace.note(3, `Place ${token}`)).toBeVisible();
  await expect(workspace.note(3, `Reviewer person ${token}`)).toBeVisible();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Filter notes (1 filter on)' })).toBeVisible();
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await expect(workspace.note(1, `Person ${token}`)).toBeVisible();

  // Tags complete from the project's tags as they are typed.
  await workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' }).click();
  const form = workspace.row(2).getByRole('form', { name: 'New note on paragraph 2' });
  // The note editor has a visible label, the same word as its accessible name.
  await expect(form.locator('.note-editor-label')).toHaveText('Note');
  await expect(form.locator('.note-editor-label')).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible();
  const tags = form.getByRole('combobox', { name: 'Tags' });
  await tags.fill(`be`);
  await tags.pressSequentially('ta');
  const listbox = form.getByRole('listbox', { name: 'Suggestions from this project' });
  await expect(listbox.getByRole('option', { name: tagB })).toBeVisible();
  await expect(listbox.getByRole('option', { name: tagA })).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(listbox.getByRole('option', { name: tagB })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'test-results/notes-tag-autocomplete.png' });
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Enter');
  await expect(tags).toHaveValue(`${tagB}, `);
  await tags.pressSequentially('alp');
  await listbox.getByRole('option', { name: tagA }).click();
  await expect(tags).toHaveValue(`${tagB}, ${tagA}, `);
  await workspace.writeNote(2, `Tagged ${token}`);
  const [created] = await mine.call<{ tags: string[] }[]>(`annotations?select=tags&paragraph_id=eq.${doc.paragraphs[1]}`);
  expect(created!.tags).toEqual([tagB, tagA]);
});

test('a translator takes their own translated row back to draft; others do not see the button', async ({ translator, owner }) => {
  const { page, workspace } = translator;
  const token = runToken('back');
  const doc = await importDocument(`退回草稿${token}`, ['第一段。', '第二段。']);
  const api = await apiAs('translator');
  await saveEnglish(api, doc.paragraphs[0]!, `The first paragraph ${token}.`, 'translated');
  await page.goto(`/documents/${doc.id}`);
  const row = workspace.row(1);
  await expect(row.getByText('Translated', { exact: true })).toBeVisible();

  // The owner did not mark it translated: no button for them.
  await owner.page.goto(`/documents/${doc.id}`);
  await expect(owner.workspace.row(1).getByText('Translated', { exact: true })).toBeVisible();
  await expect(owner.workspace.row(1).getByRole('button', { name: 'Back to draft' })).toHaveCount(0);

  await row.getByRole('button', { name: 'Back to draft' }).click();
  await expect(row.getByText('Draft', { exact: true })).toBeVisible();
  await workspace.waitUntilSaved();
  await expect(row.getByRole('button', { name: 'Back to draft' })).toHaveCount(0);
  const stored = await translationOf(api, doc.paragraphs[0]!);
  expect(stored).toMatchObject({ status: 'draft', text: `The first paragraph ${token}.` });
  const events = await api.call<unknown[]>(`review_events?select=id&translation_id=eq.${stored.id}`);
  expect(events).toEqual([]);
  // It is marked translated again as usual.
  await row.getByRole('button', { name: 'Mark translated' }).click();
  await expect(row.getByText('Translated', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Back to draft' })).toBeVisible();
});

test('on a phone: a phrase of the English is noted through the notes sheet, and a highlight opens its note there', async ({ researcher }) => {
  const { page, workspace } = researcher;
  await page.setViewportSize({ width: 390, height: 844 });
  const token = runToken('phone-note');
  const doc = await importDocument(`手机注释${token}`, ['双方决定加强合作。']);
  await saveEnglish(await apiAs('translator'), doc.paragraphs[0]!, 'The two sides decide to strengthen cooperation.');
  await page.goto(`/documents/${doc.id}`);
  await expect(workspace.translation(1)).toContainText('strengthen cooperation');

  // Select in the English, open the row's notes: "Add note to selection" is in the sheet.
  await workspace.selectEnglishPhrase(1, 'cooperation');
  await workspace.row(1).getByRole('button', { name: 'Notes on paragraph 1: 0' }).click();
  const sheet = page.getByRole('dialog', { name: 'Notes on paragraph 1' });
  const add = sheet.getByRole('button', { name: 'Add note to selection' });
  await expect(add).toContainText('cooperation');
  await add.click();
  const form = sheet.getByRole('form', { name: 'New note on paragraph 1' });
  await expect(form.locator('blockquote')).toHaveText('cooperation');
  await form.getByRole('textbox', { name: 'Note', exact: true }).click();
  await page.keyboard.type(`On a phone ${token}`);
  await form.getByRole('button', { name: 'Submit for review' }).click();
  await expect(form).toHaveCount(0);
  await page.screenshot({ path: 'test-results/notes-phone-sheet.png' });
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  // The highlight in the English opens the sheet with that note focused.
  await workspace.noteHighlights(1, 'translation').click();
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('article').filter({ hasText: `On a phone ${token}` })).toBeFocused();
});

test('on a tablet a highlight opens its note in the side sheet', async ({ researcher }) => {
  const { page, workspace } = researcher;
  await page.setViewportSize({ width: 1024, height: 768 });
  const token = runToken('tablet-note');
  const doc = await importDocument(`平板注释${token}`, ['第一段。', '中方欢迎哈方积极参与亚信会议。']);
  await (await apiAs('researcher')).call('annotations', {
    method: 'POST',
    body: [{ paragraph_id: doc.paragraphs[1], target: 'source', status: 'submitted', quote_exact: '亚信会议', start_offset: 10, end_offset: 14, body_text: `CICA ${token}` }],
  });
  await page.goto(`/documents/${doc.id}`);
  await workspace.row(1).getByRole('button', { name: 'Notes on paragraph 1: 0' }).click();
  const side = page.getByRole('complementary', { name: 'Notes on paragraph 1' });
  await expect(side).toBeVisible();
  await workspace.noteHighlights(2, 'source').click();
  const panel = page.getByRole('complementary', { name: 'Notes on paragraph 2' });
  await expect(panel.getByRole('article').filter({ hasText: `CICA ${token}` })).toBeFocused();
});
