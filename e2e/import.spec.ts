// Importing documents through the import screen, as the project owner.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { apiAs, expect, expectNoSeriousA11yViolations, runToken, test } from './fixtures.ts';

// A short export of the speeches database (header, two sections, closing block, and the
// export's repeated body), sent as GB18030 the way many real exports arrive.
const SHORT_EXPORT = readFileSync(new URL('./fixtures/short-export.txt', import.meta.url), 'utf8');
const BINARY = readFileSync(new URL('../src/domain/import/fixtures/binary-junk.bin', import.meta.url));

test('an owner imports a GB18030 export from the library and opens the new document', async ({ owner }) => {
  const { page, library } = owner;
  await library.goto();
  await library.project().getByRole('link', { name: 'Import document' }).click();
  await expect(page.getByRole('heading', { name: 'Import documents', level: 1 })).toBeVisible();

  await page.getByLabel('Choose files').setInputFiles({
    name: 'kazakhstan-short.txt',
    mimeType: 'text/plain',
    buffer: iconv.encode(SHORT_EXPORT, 'gb18030'),
  });
  const card = page.getByRole('region', { name: 'kazakhstan-short.txt' });
  // The preview: metadata, counts by kind, the first paragraphs and what the parser noticed.
  await expect(card.getByLabel('Title')).toHaveValue('中华人民共和国和哈萨克斯坦共和国联合宣言');
  await expect(card.getByLabel('Date')).toHaveValue('2014-05-20');
  await expect(card.getByLabel('Collection')).toHaveValue('习近平系列重要讲话数据库');
  await expect(card.getByRole('list', { name: 'Keywords' }).getByRole('listitem')).toHaveCount(8);
  await expect(card.getByText('10 in all — body 6, headings 2, closing 2')).toBeVisible();
  // Every paragraph as it will be stored, the closing block's last lines included.
  const paragraphs = card.getByRole('region', { name: 'All 10 paragraphs, as they will be stored' });
  await expect(paragraphs.getByText(/^应中华人民共和国主席习近平邀请/)).toBeVisible();
  await paragraphs.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(paragraphs.getByRole('listitem').last()).toContainText('10');
  await expect(paragraphs.getByRole('listitem').last()).toContainText('Closing');
  await expect(card.getByText('Read as GB18030: the file is not valid UTF-8.')).toBeVisible();
  await expect(card.getByText(/^The export repeated the text: the copy of 10 paragraphs,/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Title, date, collection and keywords are the user's to change before the import.
  const title = `中哈联合宣言（节选）${runToken('import')}`;
  await card.getByLabel('Title').fill(title);
  await card.getByLabel('Date').fill('2014-05-21');
  await card.getByLabel('Collection').fill('外交文件选编');
  await card.getByLabel('Keywords (separated by spaces)').fill('中哈 合作、亚信');
  await expect(card.getByRole('list', { name: 'Keywords' }).getByRole('listitem')).toHaveCount(3);
  await card.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(card.getByRole('status')).toContainText(`Imported ${title} (10 paragraphs).`);

  // The library lists it; opening it shows its paragraphs.
  await library.goto();
  await library.project().getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Paragraph 1', exact: true })).toContainText('应中华人民共和国主席习近平邀请');
  await expect(page.getByRole('group', { name: 'Paragraph 3', exact: true })).toContainText('一');
  await expect(page.getByRole('progressbar', { name: 'Translated' })).toHaveAttribute('aria-valuemax', '10');
  const api = await apiAs('owner');
  const [stored] = await api.call<{ published_on: string; collection: string; keywords: string[] }[]>(
    `documents?select=published_on,collection,keywords&title=eq.${encodeURIComponent(title)}`,
  );
  expect(stored).toEqual({ published_on: '2014-05-21', collection: '外交文件选编', keywords: ['中哈', '合作', '亚信'] });
});

test('an English file is flagged: import it as the translation to align instead', async ({ owner }) => {
  const { page } = owner;
  await page.goto('/');
  await owner.library.project().getByRole('link', { name: 'Import document' }).click();
  const english = readFileSync(new URL('../src/domain/align/fixtures/kazakhstan.en.txt', import.meta.url));
  await page.getByLabel('Choose files').setInputFiles({ name: 'declaration.en.txt', mimeType: 'text/plain', buffer: english });
  const card = page.getByRole('region', { name: 'declaration.en.txt' });
  await expect(card.getByText('This looks like English; import it as the translation to align instead?')).toBeVisible();
  await expect(card.getByText(/open its Chinese document and choose “Align translation”/)).toBeVisible();
  // In Chinese too.
  await page.getByLabel('Language').selectOption('zh');
  await expect(card.getByText('这看起来是英文；要不要改为作为译文导入，与原文对齐？')).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
});

test('an empty file and a binary file are refused in words, and nothing can be imported from them', async ({ owner }) => {
  const { page } = owner;
  await page.goto('/');
  await owner.library.project().getByRole('link', { name: 'Import document' }).click();
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'scan.txt', mimeType: 'text/plain', buffer: BINARY },
  ]);

  const empty = page.getByRole('region', { name: 'empty.txt' });
  await expect(empty.getByRole('alert')).toContainText('This file cannot be imported');
  await expect(empty.getByRole('alert')).toContainText('The file is empty (0 bytes).');
  await expect(empty.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);

  const binary = page.getByRole('region', { name: 'scan.txt' });
  await expect(binary.getByRole('alert')).toContainText('The file is binary, not text (a NUL byte at offset 87).');
  await expect(binary.getByRole('alert')).toContainText('Choose a plain-text export (.txt).');
  await expect(binary.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  // Words, never a stack trace.
  await expect(page.getByRole('alert').filter({ hasText: /\bat .+:\d+:\d+|Error:/ })).toHaveCount(0);

  await binary.getByRole('button', { name: 'Remove scan.txt' }).click();
  await expect(binary).toHaveCount(0);
});

test('files dropped on the project in the library open in the import preview', async ({ owner }) => {
  const { page, library } = owner;
  await library.goto();
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped-export.txt', { type: 'text/plain' }));
    return transfer;
  }, SHORT_EXPORT);
  await library.project().dispatchEvent('dragover', { dataTransfer });
  await library.project().dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('heading', { name: 'Import documents', level: 1 })).toBeVisible();
  const card = page.getByRole('region', { name: 'dropped-export.txt' });
  await expect(card.getByLabel('Title')).toHaveValue('中华人民共和国和哈萨克斯坦共和国联合宣言');
  await expect(card.getByText(/^The export repeated the text: the copy of 10 paragraphs,/)).toBeVisible();
  // Reloading does not bring the dropped files back a second time.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Import documents', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'dropped-export.txt' })).toHaveCount(0);
});

test('"Import all" sends every ready file from one queue and flags a file left without a title', async ({ owner }) => {
  const { page } = owner;
  await page.goto('/');
  await owner.library.project().getByRole('link', { name: 'Import document' }).click();
  const token = runToken('import-all');
  // The duplicate check answers slowly (a busy server): "Import all" pressed before it returns
  // still sends every file once its check is back.
  await page.route('**/rest/v1/rpc/find_duplicate_documents', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.getByLabel('Choose files').setInputFiles(
    // Three different texts: the same text twice would be held back as already in the project.
    ['first', 'second', 'third'].map((name) => ({
      name: `${name}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(SHORT_EXPORT.replaceAll('应中华人民共和国主席习近平邀请', `应中华人民共和国主席习近平邀请（${name} ${token}）`)),
    })),
  );
  const cards = ['first', 'second', 'third'].map((name) => page.getByRole('region', { name: `${name}.txt` }));
  for (const [i, card] of cards.entries()) {
    await expect(card.getByLabel('Title')).toHaveValue('中华人民共和国和哈萨克斯坦共和国联合宣言');
    await card.getByLabel('Title').fill(i === 2 ? '' : `批量导入 ${i + 1} ${token}`);
  }
  await page.getByRole('button', { name: 'Import all (3)' }).click();

  await expect(cards[0]!.getByRole('status')).toContainText(`Imported 批量导入 1 ${token} (10 paragraphs).`);
  await expect(cards[1]!.getByRole('status')).toContainText(`Imported 批量导入 2 ${token} (10 paragraphs).`);
  // The untitled file is not sent; it says why and imports once it has a title.
  await expect(cards[2]!.getByText('Enter a title.')).toBeVisible();
  await cards[2]!.getByLabel('Title').fill(`批量导入 3 ${token}`);
  await expect(page.getByRole('button', { name: /^Import all/ })).toHaveCount(0);
  await cards[2]!.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(cards[2]!.getByRole('status')).toContainText(`Imported 批量导入 3 ${token} (10 paragraphs).`);
});
