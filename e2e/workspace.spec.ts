// The side-by-side workspace: translating, keyboard flow, conflicts, offline edits, rich-text safety.
// Each test works on its own paragraphs (3–5, 8, 9, 10, 11, 13) and writes text unique to the run.
import { test, expect, expectNoSeriousA11yViolations, runToken, apiAs, demoParagraph } from './fixtures.ts';

test('the translator translates paragraph 3, marks it translated, and it persists', async ({ translator }) => {
  const { page, workspace } = translator;
  await workspace.open();
  await expect(workspace.row(3).getByText('一', { exact: true })).toBeVisible();

  const text = `I (${runToken('p3')})`;
  await workspace.replaceTranslation(3, text);
  await workspace.row(3).getByRole('button', { name: 'Mark translated' }).click();

  // Focus moves on to the next row's editor.
  const next = workspace.translation(4);
  await expect(next).toHaveAttribute('contenteditable', 'true');
  await expect(next).toBeFocused();
  await expect(workspace.row(3).getByText('Translated', { exact: true })).toBeVisible();
  await workspace.waitUntilSaved();

  // Alt+Up goes back to row 3, Alt+Down forward again.
  await page.keyboard.press('Alt+ArrowUp');
  await expect(workspace.translation(3)).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(workspace.translation(4)).toBeFocused();

  await page.reload();
  await expect(workspace.translation(3)).toContainText(text);
  await expect(workspace.row(3).getByText('Translated', { exact: true })).toBeVisible();
});

test('Ctrl+Enter marks the row translated from the keyboard', async ({ translator }) => {
  const { page, workspace } = translator;
  await workspace.open();
  // The dates of the Chinese are in the English: no QA error asks before marking the row.
  const text = `On 23 December 2002, 13 June 2011 and 7 September 2013 the two sides (${runToken('p4')})`;
  // Typing right after the click: the row becomes an editor within the click, no keystroke is lost.
  await workspace.translation(4).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
  await expect(workspace.translation(4)).toHaveText(text);
  await page.keyboard.press('Control+Enter');
  await expect(workspace.translation(5)).toBeFocused();
  await expect(workspace.row(4).getByText('Translated', { exact: true })).toBeVisible();
  await workspace.waitUntilSaved();
});

test('a stale save shows a conflict with both texts, and "Keep mine" resolves it', async ({ translator, owner }) => {
  // Two people on paragraph 8: both open the document, the translator saves first.
  await translator.workspace.open();
  await owner.workspace.open();
  const first = `Translator's wording ${runToken('p8')}`;
  const second = `Owner's wording ${runToken('p8')}`;

  // The owner starts typing while offline, so their edit is still unsent when the translator saves.
  await owner.context.setOffline(true);
  await owner.workspace.replaceTranslation(8, second);
  await translator.workspace.replaceTranslation(8, first);
  await translator.workspace.waitUntilSaved();
  await owner.context.setOffline(false);
  const conflict = owner.page.getByRole('region', { name: 'Paragraph 8 was changed by someone else' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText(first);
  await expect(conflict).toContainText(second);
  await expect(owner.page.getByRole('status').filter({ hasText: 'conflict' })).toBeVisible();

  // The conflict survives a reload of the page (it is kept on this device).
  owner.page.on('dialog', (d) => void d.accept());
  await owner.page.reload();
  await owner.workspace.goTo(8);
  await expect(conflict).toBeVisible();

  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(owner.workspace.translation(8)).toContainText(second);
  await owner.workspace.waitUntilSaved();

  await translator.page.reload();
  await translator.workspace.goTo(8);
  await expect(translator.workspace.translation(8)).toContainText(second);
});

test('edits made offline are kept and sent once the connection returns', async ({ translator }) => {
  const { page, context, workspace } = translator;
  await workspace.open();
  const text = `Written offline ${runToken('p9')}`;

  await context.setOffline(true);
  await workspace.replaceTranslation(9, text);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await expect(workspace.row(9).getByText(/Offline — will save/)).toBeVisible();

  // Closing the tab while offline loses nothing: the edit waits in IndexedDB.
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  const { WorkspacePage } = await import('./pages/workspace-page.ts');
  const reopened = new WorkspacePage(again);
  await reopened.open();
  await reopened.goTo(9);
  await expect(reopened.translation(9)).toContainText(text);
  await reopened.waitUntilSaved();

  await again.reload();
  await reopened.goTo(9);
  await expect(reopened.translation(9)).toContainText(text);
});

test('going offline and back while typing saves the text', async ({ translator }) => {
  const { page, context, workspace } = translator;
  await workspace.open();
  const token = runToken('p11');
  await context.setOffline(true);
  await workspace.replaceTranslation(11, `Offline ${token}`);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await context.setOffline(false);
  await workspace.waitUntilSaved();
  await page.reload();
  await workspace.goTo(11);
  await expect(workspace.translation(11)).toContainText(`Offline ${token}`);
});

test('pasted script payloads do nothing, also after a reload', async ({ translator }) => {
  const { page, workspace } = translator;
  const dialogs: string[] = [];
  const evilRequests: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url().includes('evil.invalid') || r.url().startsWith('javascript:')) evilRequests.push(r.url());
  });
  await workspace.open();
  const token = runToken('p10');
  await workspace.goTo(10);
  const box = workspace.translation(10);
  await box.click();
  await expect(box).toHaveAttribute('contenteditable', 'true');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(`Safe ${token} `);

  const html = [
    '<img src="https://evil.invalid/img.png" onerror="alert(\'img\')">',
    '<svg onload="alert(\'svg\')"><circle r="1"/></svg>',
    '<iframe src="https://evil.invalid/frame"></iframe>',
    '<a href="javascript:alert(\'link\')">js link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
    '<a href="https://example.org/ok">web link</a>',
    '<p onclick="alert(\'p\')">pasted text</p>',
  ].join('');
  await box.evaluate((element, payload) => {
    const data = new DataTransfer();
    data.setData('text/html', payload);
    data.setData('text/plain', 'pasted text');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await expect(box).toContainText('pasted text');
  await expect(box.locator('img, svg, iframe, script')).toHaveCount(0);
  await expect(box.locator('a[href^="javascript:"], a[href^="data:"]')).toHaveCount(0);
  await workspace.waitUntilSaved();

  // Read-only rendering after a reload, from the stored JSON.
  await page.reload();
  await workspace.goTo(10);
  const view = workspace.translation(10);
  await expect(view).toContainText(token);
  await expect(view.getByRole('link', { name: 'web link' })).toHaveAttribute('href', 'https://example.org/ok');
  await expect(view.getByRole('link', { name: 'web link' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(view.locator('a[href^="javascript:"], a[href^="data:"], img, svg, iframe')).toHaveCount(0);
  await view.getByText('js link').click();
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(evilRequests).toEqual([]);
});

test('the workspace has no serious accessibility violations', async ({ researcher }) => {
  await researcher.workspace.open();
  await expectNoSeriousA11yViolations(researcher.page);
  await researcher.workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' }).click();
  await expect(researcher.workspace.row(2).getByRole('textbox', { name: 'Note', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(researcher.page);
});

test('hostile rich text stored through the API renders inert', async ({ translator }) => {
  const { page, workspace } = translator;
  const token = runToken('p13');
  const dialogs: string[] = [];
  const evilRequests: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url().includes('evil.invalid')) evilRequests.push(r.url());
  });

  // A translation whose JSON carries a javascript: link, and a note whose JSON is not tiptap's at all.
  const asTranslator = await apiAs('translator');
  const p13 = await demoParagraph(asTranslator, 13);
  await asTranslator.call('rpc/save_translation', {
    method: 'POST',
    body: {
      p_paragraph_id: p13.id,
      p_expected_version: p13.translationVersion,
      p_body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            attrs: { onclick: "alert('attr')" },
            content: [
              { type: 'text', text: `Stored ${token} ` },
              { type: 'text', text: 'js link', marks: [{ type: 'link', attrs: { href: "javascript:alert('stored')" } }] },
              { type: 'text', text: ' <img src="https://evil.invalid/t.png" onerror="alert(1)">' },
            ],
          },
        ],
      },
      p_text: `Stored ${token} js link`,
    },
  });
  const [stored] = await asTranslator.call<{ id: string }[]>('annotations?select=id', {
    method: 'POST',
    prefer: 'return=representation',
    body: {
      paragraph_id: p13.id,
      status: 'submitted',
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://evil.invalid/n.png', onerror: "alert('note')" } }] },
      body_text: `Inert note ${token}`,
    },
  });

  await workspace.open();
  await workspace.goTo(13);
  const view = workspace.translation(13);
  await expect(view).toContainText(`Stored ${token}`);
  await expect(view.getByText('js link')).toBeVisible();
  await expect(view.locator('a, img')).toHaveCount(0);
  await view.getByText('js link').click({ modifiers: [] });
  const note = workspace.note(13, token);
  await expect(note).toContainText(`Inert note ${token}`);
  await expect(note.locator('img')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(evilRequests).toEqual([]);
  await asTranslator.call(`annotations?id=eq.${stored!.id}`, { method: 'DELETE' });
});
