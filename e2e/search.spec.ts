import type { Page } from '@playwright/test';
import { apiAs, DEMO_PROJECT_ID, expect, expectNoSeriousA11yViolations, importDocument, runToken, saveEnglish, test } from './fixtures.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

const DEMO_TITLE = '中华人民共和国和哈萨克斯坦共和国联合宣言';

/** Selects `phrase` in the Chinese of the row, as a reader dragging over it would. */
async function selectInRow(page: Page, row: number, phrase: string) {
  await new WorkspacePage(page).selectSourcePhrase(row, phrase);
}

/** Opens row n's editor, clicking again if the first click came before the grid listened (under load). */
async function activate(workspace: WorkspacePage, n: number) {
  await expect(async () => {
    await workspace.translation(n).click();
    await expect(workspace.translation(n)).toHaveAttribute('contenteditable', 'true', { timeout: 1000 });
  }).toPass();
}

test('the header search finds full-width and ASCII alike, and a hit opens its document at the paragraph, focused', async ({ translator }) => {
  const { page } = translator;
  const token = runToken('hit');
  const doc = await importDocument(`检索${token}`, ['第一段没有那个词。', `２０１４年，Ｃ线通车（${token}）。`, '第三段。']);
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Search' });
  await box.fill('C线');
  await box.press('Enter');

  await expect(page).toHaveURL(/\/search\?/);
  await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible();
  const group = page.getByRole('region', { name: `检索${token}` });
  const hit = group.getByRole('article', { name: `Paragraph 2 of 检索${token}` });
  await expect(hit).toBeVisible();
  // The snippet shows the text as written, the match highlighted.
  await expect(hit.locator('mark')).toHaveText('Ｃ线');

  await hit.getByRole('link', { name: 'Paragraph 2' }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${doc.id}\\?p=2&find=`));
  const workspace = new WorkspacePage(page);
  await expect(workspace.row(2)).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Find in document' })).toHaveValue('C线');
  await expect(workspace.row(2).locator('mark.find-current')).toHaveText('Ｃ线');

  // English by word, stemmed: "treaties" finds "Treaty".
  await saveEnglish(await apiAs('translator'), doc.paragraphs[2]!, `The third paragraph names the Treaty ${token}.`, 'translated');
  await page.getByRole('textbox', { name: 'Search' }).fill('treaties');
  await page.getByRole('textbox', { name: 'Search' }).press('Enter');
  await expect(page.getByRole('article', { name: `Paragraph 3 of 检索${token}` }).locator('mark')).toHaveText('Treaty');
  await expectNoSeriousA11yViolations(page);
});

test('Ctrl+F finds across the whole document and next and previous scroll the virtual grid', async ({ researcher }) => {
  const { page, workspace } = researcher;
  await workspace.open();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find in document' });
  await expect(find).toBeFocused();
  await find.fill('上海合作组织');
  const count = page.getByRole('search', { name: 'Find in this document' }).getByRole('status');
  await expect(count).toHaveText(/^1 of (\d+)/);
  const total = Number(/of (\d+)/.exec((await count.textContent()) ?? '')![1]);
  expect(total).toBeGreaterThan(1);

  // Previous from the first match wraps to the last one, far down the document: the grid scrolls there.
  await find.press('Shift+Enter');
  await expect(count).toHaveText(new RegExp(`^${total} of ${total}`));
  const current = page.locator('mark.find-current');
  await expect(current).toBeInViewport();
  await expect(current).toHaveText('上海合作组织');
  const lastRow = Number(await current.evaluate((el) => el.closest('[data-index]')!.getAttribute('data-index'))) + 1;
  expect(lastRow).toBeGreaterThan(20);
  await expect(workspace.row(1)).not.toBeInViewport();

  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText(new RegExp(`^1 of ${total}`));
  await expect(current).toBeInViewport();
  await find.press('Escape');
  await expect(find).toBeHidden();
});

test('a selection opens its concordance: every row holding it, the English beside it, renderings counted', async ({ researcher }) => {
  const token = runToken('conc');
  const doc = await importDocument(`索引${token}`, ['双方支持亚信在维护地区安全方面发挥更大作用。', '中方支持哈方担任亚信主席国。', '亚信是泛亚安全论坛。']);
  const translator = await apiAs('translator');
  await saveEnglish(translator, doc.paragraphs[0]!, 'Both sides support CICA in playing a greater role in regional security.', 'translated');
  await saveEnglish(translator, doc.paragraphs[1]!, 'China supports Kazakhstan in chairing CICA.', 'translated');
  await saveEnglish(translator, doc.paragraphs[2]!, 'CICA is a pan-Asian security forum.', 'translated');

  const { page } = researcher;
  await page.goto(`/documents/${doc.id}`);
  await selectInRow(page, 2, '亚信');
  await page.getByRole('button', { name: 'Concordance of the selection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Concordance of “亚信”' });
  await expect(dialog).toBeVisible();
  // Every row of the project holding it, this document's three among them.
  for (const n of [1, 2, 3]) await expect(dialog.getByRole('link', { name: `Paragraph ${n} of 索引${token}` })).toBeVisible();
  await expect(dialog.getByRole('row').filter({ has: page.getByRole('link', { name: `Paragraph 2 of 索引${token}` }) })).toContainText(
    'China supports Kazakhstan in chairing CICA.',
  );

  const cica = dialog.getByRole('button', { name: /^CICA: \d+$/ });
  await expect(cica).toBeVisible();
  await cica.click();
  await expect(cica).toHaveAttribute('aria-pressed', 'true');
  const lines = dialog.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(lines.first()).toBeVisible();
  for (const line of await lines.all()) await expect(line.locator('mark')).toHaveText('CICA');
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('the memory offers an identical row first and Ctrl+1 inserts its English as an edit that is saved', async ({ translator }) => {
  const token = runToken('tm');
  const boilerplate = `双方对会谈成果表示满意（${token}）。`;
  const doc = await importDocument(`记忆${token}`, [boilerplate, '中方感谢东道主的热情接待。', boilerplate, `双方对访问成果表示满意（${token}）。`]);
  await saveEnglish(await apiAs('translator'), doc.paragraphs[0]!, 'The two sides expressed satisfaction with the talks.', 'translated');

  const { page } = translator;
  const workspace = new WorkspacePage(page);
  await page.goto(`/documents/${doc.id}`);
  await activate(workspace, 3);
  const memory = page.getByRole('region', { name: 'Similar paragraphs' });
  const first = memory.getByRole('listitem').first();
  await expect(first).toContainText('100 %');
  await expect(first).toContainText('The two sides expressed satisfaction with the talks.');
  await expect(first.getByRole('button', { name: 'Insert suggestion 1 (100 % match)' })).toBeVisible();

  await page.keyboard.press('Control+1');
  await expect(workspace.translation(3)).toHaveText('The two sides expressed satisfaction with the talks.');
  await workspace.waitUntilSaved();
  await page.reload();
  await expect(workspace.translation(3)).toHaveText('The two sides expressed satisfaction with the talks.');

  // A near match: its percentage, and the Chinese that differs marked.
  await activate(workspace, 4);
  const near = page.getByRole('region', { name: 'Similar paragraphs' }).getByRole('listitem').first();
  await expect(near).toContainText(/\b[5-9]\d %/);
  await expect(near.locator('ins')).toHaveText('会谈');
  await near.getByRole('button', { name: /Insert suggestion 1/ }).click();
  await expect(workspace.translation(4)).toHaveText('The two sides expressed satisfaction with the talks.');
});

test('the library filters, sorts and pages a project\'s documents', async ({ owner }) => {
  const { page } = owner;
  const token = runToken('lib');
  const first = await importDocument(`文库${token}甲`, ['一。', `第二段${token}，写着Ｃ线${token}。`], { publishedOn: '2031-02-01' });
  const word = `zq${token.replace(/[^a-z0-9]/g, '')}`;
  await saveEnglish(await apiAs('translator'), first.paragraphs[1]!, `The second paragraph mentions the ${word}s.`, 'translated');
  await importDocument(`文库${token}乙`, ['二。', `乙的第二段${token}。`], { publishedOn: '2031-01-01' });
  await page.goto('/');
  const demo = page.getByRole('region', { name: 'Demo' });
  await demo.getByLabel('Title contains').fill(`文库${token}`);
  const table = demo.getByRole('table');
  await expect(table.getByRole('link')).toHaveText([`文库${token}甲`, `文库${token}乙`]);
  await expect(demo.getByRole('navigation', { name: 'Pages of documents in Demo' })).toContainText('1–2 of 2');
  // By title: code point order (乙 U+4E59 before 甲 U+7532), the same in every database.
  await demo.getByLabel('Sort by').selectOption({ label: 'Title' });
  await expect(table.getByRole('link')).toHaveText([`文库${token}乙`, `文库${token}甲`]);
  await demo.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.getByRole('link', { name: DEMO_TITLE })).toBeVisible();
  // By the text of the paragraphs: any Chinese substring, ASCII finding full-width.
  await demo.getByLabel('Text contains').fill(`C线${token}`);
  await expect(table.getByRole('link')).toHaveText([`文库${token}甲`]);
  await demo.getByLabel('Text contains').fill(`段${token}`);
  await expect(table.getByRole('link')).toHaveText([`文库${token}乙`, `文库${token}甲`]);
  await expect(demo.getByRole('navigation', { name: 'Pages of documents in Demo' })).toContainText('1–2 of 2');
  // The English of the translations, by word (the singular finds the plural), and titles.
  await demo.getByLabel('Text contains').fill(word);
  await expect(table.getByRole('link')).toHaveText([`文库${token}甲`]);
  await demo.getByLabel('Text contains').fill(`文库${token}乙`);
  await expect(table.getByRole('link')).toHaveText([`文库${token}乙`]);
  await expect(demo.getByLabel('Text contains')).toHaveAccessibleDescription(/titles, the Chinese of every paragraph .* and the English translations/);
});

test('the search page searches only the documents chosen by their title', async ({ translator }) => {
  const { page } = translator;
  const token = runToken('pick');
  await importDocument(`选篇${token}甲`, [`甲篇提到${token}。`], { publishedOn: '2031-03-01' });
  await importDocument(`选篇${token}乙`, [`乙篇也提到${token}。`], { publishedOn: '2031-02-01' });
  await page.goto(`/search?project=${DEMO_PROJECT_ID}&q=${encodeURIComponent(token)}`);
  const results = page.getByRole('region', { name: 'Results' });
  const first = results.getByRole('region', { name: `选篇${token}甲` });
  const second = results.getByRole('region', { name: `选篇${token}乙` });
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();

  await page.getByText('Filters', { exact: true }).click();
  const picker = page.getByRole('combobox', { name: 'Documents' });
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  // By keyboard: a part of the title, the suggestion highlighted, Enter.
  await picker.fill(`${token}乙`);
  const suggestions = page.getByRole('listbox', { name: `Documents whose title contains “${token}乙”` });
  await expect(suggestions.getByRole('option')).toHaveCount(1);
  await expect(suggestions.getByRole('option').first()).toContainText(`选篇${token}乙`);
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  await picker.press('ArrowDown');
  await expect(suggestions.getByRole('option', { selected: true })).toContainText(`选篇${token}乙`);
  await picker.press('Enter');
  const chosen = page.getByRole('list', { name: 'Documents searched' });
  await expect(chosen.getByRole('listitem')).toHaveText([new RegExp(`选篇${token}乙`)]);
  await expect(picker).toHaveValue('');
  await expect(second).toBeVisible();
  await expect(first).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]doc=/);

  // A second one by pointer; the suggestions leave out what is chosen.
  await picker.fill(`选篇${token}`);
  const all = page.getByRole('listbox', { name: `Documents whose title contains “选篇${token}”` });
  await expect(all.getByRole('option')).toHaveCount(1);
  await all.getByRole('option', { name: new RegExp(`选篇${token}甲`) }).click();
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // No such title: said so; removing a chosen document searches beyond it again.
  await picker.fill(`无此标题${token}`);
  await expect(page.getByRole('status').filter({ hasText: `No other document title contains “无此标题${token}”.` })).toBeVisible();
  await picker.press('Escape');
  await picker.fill('');
  await chosen.getByRole('button', { name: `Remove 选篇${token}甲 from the filter` }).click();
  await expect(first).toHaveCount(0);
  await chosen.getByRole('button', { name: `Remove 选篇${token}乙 from the filter` }).click();
  await expect(chosen).toHaveCount(0);
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();
});

test('a TMX file imported in the library feeds the memory: offered with its file name, Ctrl+2 inserts the second', async ({ owner }) => {
  const { page } = owner;
  const token = runToken('tmx');
  const exact = `本协定自签字之日起生效（${token}）。`;
  const near = `本议定书自签字之日起生效（${token}）。`;
  const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="e2e" creationtoolversion="1" segtype="paragraph" o-tmf="e2e" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="zh-CN"><seg>${exact}</seg></tuv><tuv xml:lang="en"><seg>This Agreement shall enter into force on the date of signature.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>${near}</seg></tuv><tuv xml:lang="en"><seg>This Protocol shall enter into force on the date of signature.</seg></tuv></tu>
</body></tmx>`;
  await page.goto('/');
  const demo = page.getByRole('region', { name: 'Demo' });
  await demo.getByText('Translation memory', { exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await demo.getByRole('button', { name: 'Import a TMX file' }).click();
  await (await chooser).setFiles({ name: `Treaties-${token}.tmx`, mimeType: 'application/xml', buffer: Buffer.from(tmx) });
  await expect(demo.getByText(`Treaties-${token}.tmx: 2 units imported.`)).toBeVisible();
  await expect(demo.getByRole('row', { name: new RegExp(`Treaties-${token}\\.tmx`) })).toContainText('2');

  const doc = await importDocument(`条约${token}`, [exact]);
  const workspace = new WorkspacePage(page);
  await page.goto(`/documents/${doc.id}`);
  await activate(workspace, 1);
  const items = page.getByRole('region', { name: 'Similar paragraphs' }).getByRole('listitem');
  await expect(items.first()).toContainText('100 %');
  await expect(items.first()).toContainText(`TMX Treaties-${token}.tmx`);
  await expect(items.nth(1)).toContainText('This Protocol shall enter into force');
  await page.keyboard.press('Control+2');
  await expect(workspace.translation(1)).toHaveText('This Protocol shall enter into force on the date of signature.');
  await workspace.waitUntilSaved();
});
