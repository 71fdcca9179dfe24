// Glossary and QA in the workspace: a term added on the Glossary page is marked in the Chinese,
// Ctrl+G inserts its English, and a wrong date is reported as a QA error until it is fixed.
// Works on paragraph 1 and the term 亚信, which it removes again at the end.
import { test, expect, apiAs, runToken, expectNoSeriousA11yViolations, importDocument, saveEnglish } from './fixtures.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

const TERM = encodeURIComponent('亚信');

test('a translator adds a term, sees it marked, inserts it with Ctrl+G, and clears a QA error on a wrong date', async ({ translator }) => {
  const { page, workspace, library } = translator;
  const owner = await apiAs('owner');
  await owner.call(`glossary_entries?zh=eq.${TERM}`, { method: 'DELETE' });
  try {
    await library.goto();
    await library.project().getByRole('link', { name: 'Glossary of Demo' }).click();
    await expect(page.getByRole('heading', { name: 'Glossary — Demo', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Add entry' }).click();
    const form = page.getByRole('dialog', { name: 'Add a glossary entry' });
    await form.getByLabel('Chinese term').fill('亚信');
    await form.getByLabel('English renderings').fill('CICA');
    await form.getByLabel('Kind', { exact: true }).selectOption('organisation');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole('rowheader', { name: '亚信' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Marked in the Chinese, with the entry on focus.
    await workspace.open();
    const row = workspace.row(1);
    const mark = row.getByTitle('Glossary: 亚信 → CICA');
    await expect(mark).toBeVisible();
    await mark.focus();
    await expect(row.getByRole('tooltip')).toContainText('亚信 → CICA');

    // Ctrl+G inserts the preferred rendering at the cursor.
    const token = runToken('gl');
    await workspace.replaceTranslation(1, 'From 19 to 21 May 2015, President Nazarbayev attended the summit of');
    await page.keyboard.press('Control+g');
    await expect(workspace.translation(1)).toContainText('the summit of CICA');

    // The wrong year is a QA error, with both dates highlighted on demand.
    await row.getByRole('button', { name: /QA issues in paragraph 1/ }).click();
    const list = row.getByRole('region', { name: 'QA issues of paragraph 1' });
    const dateError = list.getByRole('button', { name: /^Error .*2014年5月19日至21日 reads 19 to 21 May 2015/ });
    await expect(dateError).toBeVisible();
    await expect(dateError).toContainText('Error');
    await dateError.click();
    // Both texts, the English inside the open editor.
    await expect(row.locator('mark.qa-hit')).toHaveText(['2014年5月19日至21日', '19 to 21 May 2015']);
    await expect(workspace.translation(1).locator('mark.qa-hit')).toHaveText('19 to 21 May 2015');

    // "Mark translated" warns instead of marking.
    await row.getByRole('button', { name: 'Mark translated' }).click();
    const warning = row.getByRole('alert').filter({ hasText: 'QA error' });
    await expect(warning).toContainText('This row still has 1 QA error. Mark it translated anyway?');
    await warning.getByRole('button', { name: 'Cancel' }).click();

    // Fixing the year clears the error; the row is marked translated without a warning.
    await workspace.replaceTranslation(1, `From 19 to 21 May 2014, President Nazarbayev attended the summit of CICA (${token})`);
    await expect(dateError).toHaveCount(0);
    await row.getByRole('button', { name: 'Mark translated' }).click();
    await expect(row.getByText('Translated', { exact: true })).toBeVisible();
    await workspace.waitUntilSaved();

    // The document's QA panel lists what is left, each finding linking to its row.
    await page.getByRole('button', { name: 'QA of the whole document' }).click();
    const panel = page.getByRole('dialog', { name: 'QA of this document' });
    await expect(panel.getByRole('status')).toContainText(/warnings|No QA issues/);
    await expect(panel.getByRole('button', { name: /Go to paragraph 1: .*2014年5月19日/ })).toHaveCount(0);
    await panel.getByRole('button', { name: 'Close' }).click();
  } finally {
    await owner.call(`glossary_entries?zh=eq.${TERM}`, { method: 'DELETE' });
  }
});

test('a reader looks a word up in the dictionary, and shows pinyin', async ({ researcher }) => {
  const { page, workspace } = researcher;
  await workspace.open();
  const row = workspace.row(2);
  await workspace.selectSourcePhrase(2, '会谈');
  await row.getByRole('button', { name: 'Look up 会谈 in the dictionary' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dictionary: 会谈' });
  await expect(dialog.getByText('huì tán', { exact: true }).first()).toBeVisible();
  await expect(dialog).toContainText('talks');
  await expect(dialog.getByRole('link', { name: 'CC BY-SA 4.0' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Show pinyin').check();
  await expect(row.locator('ruby').first()).toBeVisible();
  await expect(row.locator('rt').first()).toHaveText('xí');
  await page.getByLabel('Show pinyin').uncheck();
  await expect(row.locator('ruby')).toHaveCount(0);
});

test('QA names a different translation of the same Chinese in another document of the project', async ({ translator }) => {
  const token = runToken('same');
  const owner = await apiAs('owner');
  const chinese = `双方同意就此保持沟通（${token}）。`;
  const { id: here } = await importDocument(`一致甲${token}`, [chinese], { publishedOn: '2031-02-02' });
  const { id: there, paragraphs: [row] } = await importDocument(`一致乙${token}`, [chinese], { publishedOn: '2031-02-02' });
  try {
    // The other document's row, translated one way.
    await saveEnglish(await apiAs('translator'), row!, `The two sides agreed to stay in touch on this (${token}).`, 'translated');

    // This document's row, translated another way: a warning naming where the other rendering is.
    const { page } = translator;
    const workspace = new WorkspacePage(page);
    await page.goto(`/documents/${here}`);
    await expect(workspace.row(1)).toBeVisible();
    await workspace.replaceTranslation(1, `Both sides will keep communicating about it (${token}).`);
    await workspace.row(1).getByRole('button', { name: /QA issues? in paragraph 1/ }).click();
    const list = workspace.row(1).getByRole('region', { name: 'QA issues of paragraph 1' });
    await expect(list).toContainText(`The same Chinese is translated “The two sides agreed to stay in touch on this (${token}).” in 一致乙${token} ¶1.`);

    // Written the same way, the warning goes.
    await workspace.replaceTranslation(1, `The two sides agreed to stay in touch on this (${token}).`);
    await expect(list.getByText('The same Chinese is translated', { exact: false })).toHaveCount(0);
    await workspace.waitUntilSaved();
  } finally {
    for (const id of [here, there]) await owner.call('rpc/delete_document', { method: 'POST', body: { p_document_id: id } });
  }
});
