// Export and "Import translations" from the document header, as a translator: download an XLIFF,
// change a unit as a CAT tool would, preview the import (one change, one conflict left alone),
// import it, and find the row as a draft in the workspace; a whole project as one zip; an InterText
// alignment made elsewhere; Word documents as the Chinese source and as the English to align.
import { readFile } from 'node:fs/promises';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { writeInterTextAlignment, writeInterTextDocument } from '../src/domain/interop/index.ts';
import { apiAs, expect, expectNoSeriousA11yViolations, runToken, test } from './fixtures.ts';

const SHORT_EXPORT = await readFile(new URL('./fixtures/short-export.txt', import.meta.url), 'utf8');

/** A Word document of these paragraphs (a heading where asked), as someone would type it. */
async function wordFile(paragraphs: (string | { heading: string })[]): Promise<Buffer> {
  const children = paragraphs.map((p) => (typeof p === 'string' ? new Paragraph(p) : new Paragraph({ text: p.heading, heading: HeadingLevel.HEADING_1 })));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function createDocument(title: string): Promise<string> {
  const owner = await apiAs('owner');
  const [project] = await owner.call<{ id: string }[]>('projects?select=id&name=eq.Demo');
  return owner.call<string>('rpc/import_document', {
    method: 'POST',
    body: {
      p_project_id: project!.id,
      p_document: {
        title,
        paragraphs: [
          { position: 1, kind: 'heading', text: '一' },
          { position: 2, kind: 'body', text: '双方决定加强合作。' },
          { position: 3, kind: 'body', text: '双方同意扩大贸易。' },
        ],
      },
    },
  });
}

test('a translator exports XLIFF, imports it back changed, sees the preview and the new draft', async ({ translator }) => {
  const { page } = translator;
  const title = `导出测试 ${runToken('interop')}`;
  const documentId = await createDocument(title);
  const api = await apiAs('translator');
  const [p3] = await api.call<{ id: string }[]>(`paragraphs?select=id&document_id=eq.${documentId}&position=eq.3`);
  await api.call('rpc/save_translation', { method: 'POST', body: { p_paragraph_id: p3!.id, p_expected_version: 0, p_body: null, p_text: 'They agree to expand trade.', p_status: 'translated' } });

  await page.goto(`/documents/${documentId}`);
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();

  // Export: XLIFF 1.2 of this document, every row.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Format').selectOption({ label: 'XLIFF 1.2 — for CAT tools' });
  await dialog.getByLabel('Rows').selectOption({ label: 'All rows' });
  await expectNoSeriousA11yViolations(page);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${title}.xlf`);
  const xliff = await readFile((await download.path())!, 'utf8');
  expect(xliff.match(/<trans-unit /g)).toHaveLength(3);
  await expect(dialog.getByRole('status')).toHaveText(`Downloaded ${title}.xlf.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Someone changes row 3 in Duizhao meanwhile; the CAT tool translates rows 2 and 3.
  await api.call('rpc/save_translation', { method: 'POST', body: { p_paragraph_id: p3!.id, p_expected_version: 1, p_body: null, p_text: 'The two sides agree to expand trade.', p_status: 'draft' } });
  const edited = xliff
    .replace(/(<source xml:lang="zh-CN">双方决定加强合作。<\/source>)/, '$1\n        <target xml:lang="en" state="translated">The two sides decide to strengthen cooperation.</target>')
    .replace('>They agree to expand trade.</target>', '>Both sides agree to widen trade.</target>');

  await page.getByRole('button', { name: 'Import translations' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import translations' });
  await importDialog.getByLabel('File (or InterText\'s three files)').setInputFiles({ name: 'edited.xlf', mimeType: 'application/xml', buffer: Buffer.from(edited, 'utf8') });
  const preview = importDialog.getByRole('region', { name: 'Preview of the import' });
  await expect(preview).toContainText('Rows to change, as drafts: 1');
  await expect(preview).toContainText('Conflicts with newer work, left alone unless you choose: 1');
  await expect(preview.getByRole('table', { name: 'Rows that will change' })).toContainText('The two sides decide to strengthen cooperation.');
  await expect(preview.getByRole('group', { name: 'Conflicts' })).toContainText('saved in Duizhao after the file was exported');
  await expect(preview.getByRole('checkbox', { name: "Replace Duizhao's English of ¶3 with the file's" })).not.toBeChecked();
  await expectNoSeriousA11yViolations(page);
  await importDialog.getByRole('button', { name: 'Import as drafts (1)' }).click();
  await expect(importDialog.getByRole('status')).toHaveText('Imported as drafts: 1.');
  await importDialog.getByRole('button', { name: 'Close' }).click();

  await expect(translator.workspace.row(2)).toContainText('The two sides decide to strengthen cooperation.');
  await expect(translator.workspace.row(3)).toContainText('The two sides agree to expand trade.');
  const rows = await api.call<{ position: number; translations: { status: string; text: string } }[]>(
    `paragraphs?select=position,translations(status,text)&document_id=eq.${documentId}&order=position`,
  );
  expect(rows.map((r) => [r.position, r.translations.status, r.translations.text])).toEqual([
    [1, 'empty', ''],
    [2, 'draft', 'The two sides decide to strengthen cooperation.'],
    [3, 'draft', 'The two sides agree to expand trade.'],
  ]);
});

test('a bad file is one clear message and the import button never appears', async ({ translator }) => {
  const { page } = translator;
  const title = `导入测试 ${runToken('interop-bad')}`;
  const documentId = await createDocument(title);
  await page.goto(`/documents/${documentId}`);
  await page.getByRole('button', { name: 'Import translations' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import translations' });
  await dialog.getByLabel('File (or InterText\'s three files)').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some text', 'utf8') });
  await expect(dialog.getByRole('alert')).toContainText('The file is not XML');
  await expect(dialog.getByRole('button', { name: /Import as drafts/ })).toHaveCount(0);
});

test('the whole project downloads as one zip with a file per document', async ({ translator }) => {
  const { page } = translator;
  const title = `项目导出 ${runToken('interop-project')}`;
  const documentId = await createDocument(title);
  await page.goto(`/documents/${documentId}`);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'Every document of Demo (one zip)' }).check();
  await dialog.getByLabel('Format').selectOption({ label: 'TMX 1.4b — translation memory' });
  await expect(dialog.getByLabel('Rows')).toHaveValue('translated');
  await dialog.getByLabel('Rows').selectOption({ label: 'All rows' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Demo.tmx.zip');
  await expect(dialog.getByRole('status')).toHaveText('Downloaded Demo.tmx.zip.');
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const names = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  expect(names.length).toBeGreaterThan(1);
  expect(names.filter((n) => !(n.startsWith('Demo/') && n.endsWith('.tmx')))).toEqual([]);
  const ours = await zip.file(`Demo/${title}.tmx`)!.async('string');
  expect(ours.match(/<tu /g)).toHaveLength(3);
  expect(ours).toContain('<seg>双方决定加强合作。</seg>');
});

test('an InterText alignment made elsewhere is previewed and applied as drafts', async ({ translator }) => {
  const { page } = translator;
  const title = `InterText ${runToken('interop-intertext')}`;
  const documentId = await createDocument(title);
  // InterText's own files: the Chinese split into sentences, the English, and the links between them.
  const zh = writeInterTextDocument({
    root: 'text',
    attrs: { lang: 'zh' },
    paragraphs: [
      { id: '1', segments: [{ id: '1:1', text: '一' }] },
      { id: '2', segments: [{ id: '2:1', text: '双方决定加强合作。' }] },
      { id: '3', segments: [{ id: '3:1', text: '双方同意扩大贸易。' }] },
    ],
  });
  const en = writeInterTextDocument({
    root: 'text',
    attrs: { lang: 'en' },
    paragraphs: [
      { id: '1', segments: [{ id: '1:1', text: 'I' }] },
      { id: '2', segments: [{ id: '2:1', text: 'The two sides decide to strengthen cooperation.' }, { id: '2:2', text: 'They agree to expand trade.' }] },
    ],
  });
  const alignment = writeInterTextAlignment({
    fromDoc: 'doc.zh.xml',
    toDoc: 'doc.en.xml',
    links: [
      { from: ['1:1'], to: ['1:1'], status: 'man', mark: null },
      { from: ['2:1'], to: ['2:1'], status: 'man', mark: null },
      { from: ['3:1'], to: ['2:2'], status: 'auto', mark: null },
    ],
  });
  await page.goto(`/documents/${documentId}`);
  await page.getByRole('button', { name: 'Import translations' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import translations' });
  await dialog.getByLabel("File (or InterText's three files)").setInputFiles([
    { name: 'doc.zh.xml', mimeType: 'application/xml', buffer: Buffer.from(zh) },
    { name: 'doc.en.xml', mimeType: 'application/xml', buffer: Buffer.from(en) },
    { name: 'doc.zh.en.xml', mimeType: 'application/xml', buffer: Buffer.from(alignment) },
  ]);
  await expect(dialog.getByRole('region', { name: 'Preview of the import' })).toContainText('Aligned rows: 3');
  await dialog.getByRole('button', { name: 'Apply as drafts (3)' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Translations written as drafts from the alignment: 3.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(translator.workspace.row(2)).toContainText('The two sides decide to strengthen cooperation.');
  await expect(translator.workspace.row(3)).toContainText('They agree to expand trade.');
});

test('a Word document imports as a Chinese source document', async ({ owner }) => {
  const { page } = owner;
  const token = runToken('interop-docx');
  // The short export typed into Word, one paragraph per line, its first body paragraph made unique.
  const lines = SHORT_EXPORT.replaceAll('应中华人民共和国主席习近平邀请', `应中华人民共和国主席习近平邀请（${token}）`)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  await page.goto('/');
  await owner.library.project().getByRole('link', { name: 'Import document' }).click();
  await page.getByLabel('Choose files').setInputFiles({ name: 'declaration.docx', mimeType: DOCX_MIME, buffer: await wordFile(lines) });
  const card = page.getByRole('region', { name: 'declaration.docx' });
  await expect(card.getByLabel('Title')).toHaveValue('中华人民共和国和哈萨克斯坦共和国联合宣言');
  await expect(card.getByText('10 in all — body 6, headings 2, closing 2')).toBeVisible();
  const title = `Word 导入 ${token}`;
  await card.getByLabel('Title').fill(title);
  await card.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(card.getByRole('status')).toContainText(`Imported ${title} (10 paragraphs).`);
});

test('a Word document is the English to align', async ({ translator }) => {
  const { page } = translator;
  const title = `Word 对齐 ${runToken('interop-docx-align')}`;
  const documentId = await createDocument(title);
  await page.goto(`/documents/${documentId}/align`);
  await expect(page.getByRole('heading', { name: 'Align translation', level: 1 })).toBeVisible();
  const english = await wordFile([{ heading: 'I' }, 'The two sides decide to strengthen cooperation.', 'The two sides agree to expand trade.']);
  await page.getByLabel('English file').setInputFiles({ name: 'translation.docx', mimeType: DOCX_MIME, buffer: english });
  await expect(page.getByText('Read translation.docx as Word (.docx).')).toBeVisible();
  await expect(page.getByText('3 Chinese paragraphs · 3 English paragraphs')).toBeVisible();
});
