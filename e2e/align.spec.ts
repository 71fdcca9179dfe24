// Aligning an English translation to a document, as a translator: align in the worker, edit the
// rows, confirm, apply, and find the translations (one spanning two paragraphs) in the workspace.
import { readFileSync } from 'node:fs';
import { expect, expectNoSeriousA11yViolations, runToken, test } from './fixtures.ts';
import { DEMO_SERVICE_ROLE_KEY } from '../server/src/config.ts';
import { splitParagraphs } from '../src/domain/align/index.ts';

const API = `http://127.0.0.1:${process.env.E2E_API_PORT ?? 54331}/rest/v1`;
const fixture = (name: string) => readFileSync(new URL(`../src/domain/align/fixtures/${name}`, import.meta.url), 'utf8');

// The opening of the 2014 China–Kazakhstan declaration, 11 paragraphs on each side (the official
// English renders the first Chinese paragraph as two; here they are one), so every link is 1-1.
const ZH = splitParagraphs(fixture('kazakhstan.zh.txt')).slice(0, 11);
const EN_OFFICIAL = splitParagraphs(fixture('kazakhstan.en.txt')).slice(0, 12);
const EN = [`${EN_OFFICIAL[0]} ${EN_OFFICIAL[1]}`, ...EN_OFFICIAL.slice(2)];

async function serviceCall<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      apikey: DEMO_SERVICE_ROLE_KEY,
      Authorization: `Bearer ${DEMO_SERVICE_ROLE_KEY}`,
      'Content-Type': 'application/json',
      Prefer: 'return=representation',
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A document of its own in the Demo project, so this spec never meets another spec's rows. */
async function createDocument(title: string, zh: readonly string[] = ZH): Promise<string> {
  const [project] = await serviceCall<{ id: string }[]>('/projects?select=id&name=eq.Demo');
  const [document] = await serviceCall<{ id: string }[]>('/documents?select=id', {
    method: 'POST',
    body: { project_id: project!.id, title },
  });
  await serviceCall('/paragraphs?select=id', {
    method: 'POST',
    body: zh.map((text, i) => ({ document_id: document!.id, position: i + 1, kind: /^[一二三四五六七八九十]+$/.test(text) ? 'heading' : 'body', text })),
  });
  return document!.id;
}

test('a translator aligns an English file, merges, splits, confirms, applies, and sees the translations in the workspace', async ({ translator }) => {
  // A long walk through the screen (two reloads or a workspace visit, accessibility checks): three times the usual time.
  test.slow();
  const { page } = translator;
  const title = `对齐测试 ${runToken('align')}`;
  const documentId = await createDocument(title);

  await page.goto(`/documents/${documentId}`);
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Align translation' }).click();
  await expect(page.getByRole('heading', { name: 'Align translation', level: 1 })).toBeVisible();

  await page.getByLabel('English file').setInputFiles({ name: 'declaration.en.txt', mimeType: 'text/plain', buffer: Buffer.from(EN.join('\n\n'), 'utf8') });
  await expect(page.getByText('11 Chinese paragraphs · 11 English paragraphs')).toBeVisible();
  await page.getByRole('button', { name: 'Align', exact: true }).click();

  const row = (n: number) => page.getByRole('group', { name: `Alignment row ${n}`, exact: true });
  // Rows are virtualised, so the count comes from the summary line rather than the DOM.
  const summary = page.getByText(/^Rows: \d+/);
  const tools = page.getByRole('toolbar', { name: 'Alignment tools' });
  await expect(summary).toContainText('Rows: 11 ·');
  // Each row says why it was linked.
  await expect(row(1)).toContainText('¶1');
  await expect(row(1)).toContainText('E1');
  await expect(row(1).getByRole('list', { name: 'Why this link' })).toContainText(/Length (good|fair|poor): \d+ English characters, \d+–\d+ expected/);
  await expectNoSeriousA11yViolations(page);

  // Split row 1 with the toolbar: its English gets a row of its own.
  await row(1).click();
  await tools.getByRole('button', { name: 'Split row' }).click();
  await expect(summary).toContainText('Rows: 12 ·');
  await expect(row(1)).toContainText('No English paragraph');
  await expect(row(2)).toContainText('No Chinese paragraph');
  // Merge them back with the keyboard.
  await row(1).click();
  await page.keyboard.press('m');
  await expect(summary).toContainText('Rows: 11 ·');
  await expect(row(1)).toContainText('President Xi Jinping and President Nazarbayev held official talks in Shanghai.');

  // Confirm row 1 (Enter moves on to row 2), then everything down to row 3.
  await page.keyboard.press('Home');
  await expect(row(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Enter');
  await expect(row(1)).toContainText('Confirmed');
  await expect(row(2)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowDown');
  await tools.getByRole('button', { name: 'Confirm all above' }).click();
  await expect(summary).toContainText('confirmed: 3');
  // Re-align the rest around the confirmed rows (in the worker).
  await page.keyboard.press('r');
  await expect(page.getByRole('status').filter({ hasText: 'Re-aligned' })).toContainText('confirmed rows kept as they were: 3');
  await expect(summary).toContainText('Rows: 11 ·');

  // Rows are virtualised: reach row 10 with the keyboard (End, then up one).
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await expect(row(10)).toHaveAttribute('aria-current', 'true');
  // Merge rows 10 and 11 (two Chinese paragraphs, two English), then undo and redo it.
  await tools.getByRole('button', { name: 'Merge with next' }).click();
  await expect(summary).toContainText('Rows: 10 ·');
  await tools.getByRole('button', { name: 'Undo' }).click();
  await expect(summary).toContainText('Rows: 11 ·');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(summary).toContainText('Rows: 10 ·');
  await expect(row(10)).toContainText('¶10');
  await expect(row(10)).toContainText('¶11');

  // Rows still to check are named before anything is written; the dialog jumps to the first.
  await expect(page.getByText(/^Rows still to check: \d+\./)).toBeVisible();
  await page.getByRole('button', { name: 'Apply alignment' }).click();
  const checkFirst = page.getByRole('dialog', { name: 'Rows still need checking' });
  await expect(checkFirst).toContainText(/Rows marked “Check” that nobody confirmed: \d+/);
  await checkFirst.getByRole('button', { name: /^Go to row \d+$/ }).click();
  await expect(checkFirst).toHaveCount(0);
  await expect(page.locator('[aria-current="true"]')).toContainText('Check');
  await page.getByRole('button', { name: 'Apply alignment' }).click();
  await checkFirst.getByRole('button', { name: 'Apply anyway' }).click();
  const applied = page.getByRole('status').filter({ hasText: 'Alignment applied.' });
  await expect(applied).toContainText('Translations written as drafts: 10 (from 10 rows).');
  // Then every applied row can be marked translated in one step.
  await applied.getByRole('button', { name: 'Mark all applied rows translated' }).click();
  await expect(applied).toContainText('Marked translated: 10.');

  // Applying a changed alignment over stored English asks first; cancelling writes nothing.
  await page.keyboard.press('End');
  await expect(row(10)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('s');
  await expect(summary).toContainText('Rows: 11 ·');
  await page.getByRole('button', { name: 'Apply alignment' }).click();
  await checkFirst.getByRole('button', { name: 'Apply anyway' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace existing translations?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Rows with existing English' })).toContainText('Alignment row 10');
  // The full stored and proposed texts, and what changes word by word.
  const changes = dialog.getByLabel('Changes in row 10, word by word');
  await expect(changes.locator('del')).toContainText(EN[10]!.slice(0, 40));
  await expect(dialog).toContainText(EN[10]!);
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Leaving with the unapplied split asks first (the work stays on this device as a draft).
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Library' }).click();
  await page.getByRole('dialog', { name: 'Leave without applying?' }).getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('heading', { name: 'Align translation', level: 1 })).toHaveCount(0);

  // The workspace shows the translations; the merged row is one row spanning paragraphs 10 and 11.
  await page.goto(`/documents/${documentId}`);
  const first = page.getByRole('group', { name: 'Paragraph 1', exact: true });
  await expect(first.getByRole('textbox', { name: 'Translation of paragraph 1' })).toContainText('At the invitation of President Xi Jinping');
  await expect(first.getByRole('textbox', { name: 'Translation of paragraph 1' })).toContainText('held official talks in Shanghai.');
  await expect(first).toContainText('Translated');
  await page.getByLabel('Go to paragraph').fill('10');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  const merged = page.getByRole('group', { name: 'Paragraphs 10–11', exact: true });
  await expect(merged).toContainText(ZH[9]!);
  await expect(merged).toContainText(ZH[10]!);
  await expect(merged.getByRole('textbox', { name: 'Translation of paragraph 10' })).toContainText(EN[9]!.slice(0, 40));
  await expect(merged.getByRole('textbox', { name: 'Translation of paragraph 10' })).toContainText(EN[10]!.slice(0, 40));
  await expect(page.getByRole('group', { name: 'Paragraph 11', exact: true })).toHaveCount(0);
});

test('the alignment entry is offered to translators and owners only', async ({ researcher }) => {
  const { page } = researcher;
  const documentId = await createDocument(`对齐权限 ${runToken('align')}`);
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByRole('group', { name: 'Paragraph 1', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Align translation' })).toHaveCount(0);
  // Reached by its address, the screen says who may align instead of offering the tools.
  await page.goto(`/documents/${documentId}/align`);
  await expect(page.getByRole('alert')).toContainText('Only translators and owners of this project align translations.');
  await expect(page.getByRole('button', { name: 'Align', exact: true })).toHaveCount(0);
});

test('alignment work survives a reload and a trip to the library until it is applied or discarded', async ({ translator }) => {
  // A long walk through the screen (two reloads or a workspace visit, accessibility checks): three times the usual time.
  test.slow();
  const { page } = translator;
  const documentId = await createDocument(`对齐草稿 ${runToken('align')}`);
  await page.goto(`/documents/${documentId}/align`);
  // The English file is dropped on the page, as on the import page.
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.en.txt', { type: 'text/plain' }));
    return transfer;
  }, EN.join('\n\n'));
  const dropZone = page.getByText('Drop the English file here (.txt or .docx), or choose it:');
  await dropZone.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByText('Release to read the file')).toBeVisible();
  await page.getByText('Release to read the file').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText(/^Read dropped\.en\.txt as /)).toBeVisible();
  await expect(page.getByText('11 Chinese paragraphs · 11 English paragraphs')).toBeVisible();
  await page.getByRole('button', { name: 'Align', exact: true }).click();
  const row = (n: number) => page.getByRole('group', { name: `Alignment row ${n}`, exact: true });
  const summary = page.getByText(/^Rows: \d+/);
  await expect(summary).toContainText('Rows: 11 ·');
  await expect(page.getByText('Kept on this device as a draft until applied.')).toBeVisible();

  // Confirm row 1, merge rows 3 and 4.
  await row(1).click();
  await page.keyboard.press('Enter');
  await row(3).click();
  await page.keyboard.press('m');
  await expect(summary).toContainText('Rows: 10 ·');
  await expect(summary).toContainText('confirmed: 1');

  // Reloading asks first (the browser's own question), then restores the rows and the undo history.
  page.on('dialog', (d) => void d.accept());
  await page.reload();
  await expect(page.getByText(/^Draft restored: the alignment as you left it at/)).toBeVisible();
  await expect(summary).toContainText('Rows: 10 ·');
  await expect(summary).toContainText('confirmed: 1');
  await expect(row(1)).toContainText('Confirmed');
  await expect(row(3)).toContainText('¶4');
  await expect(page.getByLabel('English text', { exact: true })).toHaveValue(EN.join('\n\n'));
  await row(3).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(summary).toContainText('Rows: 11 ·');

  // Going to the library asks; staying keeps everything, leaving keeps the draft for later.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Library' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without applying?' });
  await expect(leave).toContainText('It stays on this device as a draft');
  await leave.getByRole('button', { name: 'Cancel' }).click();
  await expect(summary).toContainText('Rows: 11 ·');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Library' }).click();
  await leave.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('heading', { name: 'Align translation', level: 1 })).toHaveCount(0);
  await page.goto(`/documents/${documentId}/align`);
  await expect(summary).toContainText('Rows: 11 ·');
  await expect(summary).toContainText('confirmed: 1');

  // Discarding asks, then the draft is gone for good.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('dialog', { name: 'Discard the alignment draft?' }).getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft discarded.' })).toBeVisible();
  await expect(summary).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Align', exact: true })).toBeVisible();
  await expect(summary).toHaveCount(0);
});

test('shortcuts keep acting on the selected row after it scrolls out of view', async ({ translator }) => {
  const { page } = translator;
  const zhAll = splitParagraphs(fixture('kazakhstan.zh.txt')).slice(0, 40);
  const enAll = splitParagraphs(fixture('kazakhstan.en.txt'));
  const en = [`${enAll[0]} ${enAll[1]}`, ...enAll.slice(2, 41)];
  const documentId = await createDocument(`对齐滚动 ${runToken('align')}`, zhAll);
  await page.goto(`/documents/${documentId}/align`);
  await page.getByLabel('English text', { exact: true }).fill(en.join('\n\n'));
  await page.getByRole('button', { name: 'Align', exact: true }).click();
  const summary = page.getByText(/^Rows: \d+/);
  await expect(summary).toContainText('confirmed: 0');
  const row = (n: number) => page.getByRole('group', { name: `Alignment row ${n}`, exact: true });

  await row(2).click();
  await expect(row(2)).toHaveAttribute('aria-current', 'true');
  // Scroll the rows with the mouse wheel until row 2 is far out of view.
  await page.mouse.move(700, 500);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 1200);
  await expect(row(2)).not.toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(summary).toContainText('confirmed: 1');
  // The confirmed row's successor is selected and brought back into view.
  await expect(row(3)).toHaveAttribute('aria-current', 'true');
  await expect(row(3)).toBeInViewport();
  await expect(row(2)).toContainText('Confirmed');
});

test('a merged English paragraph is split at the sentence where the first Chinese paragraph ends', async ({ translator }) => {
  const { page } = translator;
  // The English of paragraphs 4 and 5 arrives as one paragraph.
  const english = [...EN.slice(0, 3), `${EN[3]} ${EN[4]}`, ...EN.slice(5)];
  const documentId = await createDocument(`对齐拆句 ${runToken('align')}`);
  await page.goto(`/documents/${documentId}/align`);
  await page.getByLabel('English text', { exact: true }).fill(english.join('\n\n'));
  await page.getByRole('button', { name: 'Align', exact: true }).click();
  const summary = page.getByText(/^Rows: \d+/);
  await expect(summary).toContainText('Rows: 10 ·');
  await expect(summary).toContainText('paragraphs: 11 Chinese, 10 English');
  const row = (n: number) => page.getByRole('group', { name: `Alignment row ${n}`, exact: true });
  // The aligner joins ¶4 and ¶5 over the merged English, and says to check it.
  await expect(row(4)).toContainText('¶4');
  await expect(row(4)).toContainText('¶5');
  await expect(row(4)).toContainText('Check');

  await row(4).click();
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Split English at a sentence' });
  await expect(dialog).toContainText('The row is split too: ¶4');
  const lastOfFirst = EN[3]!.trim().split(/(?<=\.)\s+(?=[A-Z])/).at(-1)!;
  await expect(dialog.getByRole('radio', { name: lastOfFirst })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Split', exact: true }).click();
  await expect(summary).toContainText('Rows: 11 ·');
  await expect(summary).toContainText('paragraphs: 11 Chinese, 11 English');
  await expect(row(4)).toContainText(EN[3]!.trim());
  await expect(row(4)).not.toContainText('¶5');
  await expect(row(5)).toContainText('¶5');
  await expect(row(5)).toContainText(EN[4]!.trim());
  // One undo step puts the merged paragraph back.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(summary).toContainText('paragraphs: 11 Chinese, 10 English');
});

test('translations confirmed in the project teach the aligner, and the page says how many', async ({ translator }) => {
  const { page } = translator;
  const documentId = await createDocument(`对齐学习 ${runToken('align')}`);
  // One row of this document translated and confirmed: the project's memory holds it.
  const [paragraph] = await serviceCall<{ id: string }[]>(`/paragraphs?select=id&document_id=eq.${documentId}&position=eq.2`);
  await serviceCall(`/translations?paragraph_id=eq.${paragraph!.id}`, {
    method: 'PATCH',
    body: { text: EN[1], body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: EN[1] }] }] }, status: 'translated' },
  });
  await page.goto(`/documents/${documentId}/align`);
  await expect(page.getByText(/^The aligner also learns word pairs from \d+ translations confirmed in this project\.$/)).toBeVisible();
  await page.getByLabel('English text', { exact: true }).fill(EN.join('\n\n'));
  await page.getByRole('button', { name: 'Align', exact: true }).click();
  await expect(page.getByText(/^Rows: \d+/)).toContainText('Rows: 11 ·');
});
