// The workspace keyboard flow on a document of its own: Enter starts editing without inserting a
// line, Esc goes back to the row, "Go to paragraph" focuses the row, "?" lists the shortcuts.
import { test, expect, apiAs, runToken, importDocument } from './fixtures.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

test('Enter on a focused row edits without inserting a line; Esc goes back to the row; nothing blank is saved', async ({ translator }) => {
  const { page } = translator;
  const token = runToken('keys');
  const doc = await importDocument(`键盘${token}`, [
    { kind: 'heading', text: '一' },
    { kind: 'body', text: '第一段。' },
    { kind: 'body', text: '第二段。' },
  ], { publishedOn: '2031-02-02' });
  await page.goto(`/documents/${doc.id}`);
  const workspace = new WorkspacePage(page);
  await expect(workspace.row(1)).toBeVisible();

  // The heading row's placeholder is a plain hint, not a bold centred heading.
  const hint = workspace.translation(1).getByText('Click or press Enter to translate');
  await expect(hint).toBeVisible();
  expect(await hint.evaluate((el) => [getComputedStyle(el).fontWeight, getComputedStyle(el).textAlign])).toEqual(['400', 'start']);

  // Tab into row 2's text: it stays read-only until Enter, which inserts nothing.
  const box = await workspace.editWithEnter(2);
  const text = `At the invitation ${token}`;
  await page.keyboard.type(text);
  await expect(box.locator('p')).toHaveCount(1);
  // A trailing empty line typed by accident is not saved either.
  await page.keyboard.press('Enter');
  await workspace.waitUntilSaved();

  // Esc: back to the read-only row, focused; Enter edits again.
  await page.keyboard.press('Escape');
  await expect(box).not.toHaveAttribute('contenteditable', 'true');
  await expect(box).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(box).toHaveAttribute('contenteditable', 'true');
  await page.keyboard.press('Escape');
  await workspace.waitUntilSaved();

  const api = await apiAs('translator');
  const [stored] = await api.call<{ text: string; body: { content: unknown[] } }[]>(`translations?select=text,body&paragraph_id=eq.${doc.paragraphs[1]}`);
  expect(stored!.text).toBe(text);
  expect(stored!.body.content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text }] }]);

  // "Go to paragraph" focuses the row it scrolls to; Enter there edits its translation.
  await workspace.focusRow(3);
  await page.keyboard.press('Enter');
  await expect(workspace.translation(3)).toHaveAttribute('contenteditable', 'true');
  await expect(workspace.translation(3)).toBeFocused();
  await expect(workspace.translation(3)).toHaveText('');
});

test('"?" opens the list of every shortcut, in English and in Chinese', async ({ translator }) => {
  const { page } = translator;
  const doc = await importDocument(`快捷键${runToken('help')}`, ['一段。'], { publishedOn: '2031-02-02' });
  await page.goto(`/documents/${doc.id}`);
  const workspace = new WorkspacePage(page);
  await expect(workspace.row(1)).toBeVisible();
  await workspace.row(1).focus();

  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const what of ['Leave the editor, back to the row', 'Mark the row translated and go to the next one', 'Find in the document', 'Show this list of shortcuts']) {
    await expect(dialog.getByRole('cell', { name: what })).toBeVisible();
  }
  await expect(dialog.getByRole('row')).toHaveCount(16);
  await page.screenshot({ path: 'test-results/shortcuts-en.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Typing "?" in the find box is text, not the panel.
  await page.keyboard.press('Control+f');
  // The find box takes the focus once it is on screen; "?" is typed there.
  const findBox = page.getByRole('textbox', { name: 'Find in document' });
  await expect(findBox).toBeFocused();
  await page.keyboard.type('?');
  await expect(findBox).toHaveValue('?');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.getByRole('button', { name: '快捷键' }).click();
  const zh = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(zh.getByRole('cell', { name: '退出编辑器，回到该行' })).toBeVisible();
  await page.screenshot({ path: 'test-results/shortcuts-zh.png' });
  await zh.getByRole('button', { name: '关闭' }).click();
  await expect(zh).toBeHidden();
});
