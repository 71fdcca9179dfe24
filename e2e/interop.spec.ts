// Export and "Import translations" from the document header, as a translator: download an XLIFF,
// change a unit as a CAT tool would, preview the import (one change, one conflict left alone),
// import it, and find the row as a draft in the workspace.
import { readFile } from 'node:fs/promises';
import { apiAs, expect, expectNoSeriousA11yViolations, runToken, test } from './fixtures.ts';

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
