// Two people in one document, each in a browser context of their own: a save shows up in the other
// one's row without a reload, each sees where the other is editing, both editing one paragraph
// lose nothing, and a browser that lost its network catches up when it is back.
import { apiAs, expect, expectNoSeriousA11yViolations, runToken, test, type SignedIn } from './fixtures.ts';

test.describe.configure({ timeout: 120_000 });

const CHINESE = ['一', '双方决定加强合作。', '双方同意扩大贸易。', '双方重申相互支持。', '双方愿意深化能源合作。', '双方将加强人文交流。', '双方同意在联合国框架内协调立场。', '本声明于二〇一四年五月十九日在上海签署。'];

/** A document of the Demo project for this test alone (the translator and the owner may both translate it). */
async function createDocument(title: string): Promise<string> {
  const owner = await apiAs('owner');
  const [project] = await owner.call<{ id: string }[]>('projects?select=id&name=eq.Demo');
  return owner.call<string>('rpc/import_document', {
    method: 'POST',
    body: {
      p_project_id: project!.id,
      p_document: { title, paragraphs: CHINESE.map((text, i) => ({ position: i + 1, kind: i === 0 ? 'heading' : 'body', text })) },
    },
  });
}

async function openBoth(a: SignedIn, b: SignedIn, documentId: string, title: string) {
  for (const who of [a, b]) {
    await who.page.goto(`/documents/${documentId}`);
    await expect(who.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await expect(who.workspace.row(CHINESE.length)).toBeVisible();
  }
}

test("a save appears in the other person's row without a reload, and each sees where the other is editing", async ({ translator: a, owner: b }) => {
  const title = `实时协作 ${runToken('live')}`;
  const documentId = await createDocument(title);
  await openBoth(a, b, documentId, title);

  // A saves paragraph 6; B's row shows it within 2 s of the save being acknowledged.
  const text = `The two sides will strengthen people-to-people exchanges ${runToken('p6')}`;
  await a.workspace.replaceTranslation(6, text);
  await a.page.keyboard.press('Tab');
  await a.workspace.waitUntilSaved();
  await expect(b.workspace.translation(6)).toContainText(text, { timeout: 2_000 });
  await expect(b.workspace.row(6)).toContainText('Changed by Demo Translator');

  // A edits paragraph 5: B sees A's initials on row 5 and A in the header's list.
  await a.workspace.translation(5).click();
  await expect(a.workspace.translation(5)).toHaveAttribute('contenteditable', 'true');
  await expect(b.workspace.row(5).getByRole('img', { name: 'Also in paragraph 5: Demo Translator' })).toBeVisible();
  await expect(b.page.getByRole('list', { name: 'Also in this document' })).toContainText('Demo Translator (paragraph 5)');
  // B going into the same row is warned, not locked out.
  await b.workspace.translation(5).click();
  await expect(b.workspace.row(5).getByRole('status').filter({ hasText: 'Demo Translator is editing this paragraph' })).toBeVisible();
  await expect(b.workspace.translation(5)).toHaveAttribute('contenteditable', 'true');
  await expect(a.workspace.row(5).getByRole('img', { name: 'Also in paragraph 5: Demo Owner' })).toBeVisible();
  await b.page.screenshot({ path: test.info().outputPath('presence.png') });
  await expectNoSeriousA11yViolations(b.page);

  // Leaving the document takes A out of B's list.
  await a.page.goto('/');
  await expect(b.page.getByRole('list', { name: 'Also in this document' })).toHaveCount(0);
});

test('two people editing one paragraph at once both keep their text', async ({ translator: a, owner: b }) => {
  const title = `同段编辑 ${runToken('live')}`;
  const documentId = await createDocument(title);
  await openBoth(a, b, documentId, title);

  // Both type into paragraph 7; B's edit is still unsent (B's network is down for a moment) when
  // A's save lands, whatever the timing of autosave on a busy machine.
  await b.context.setOffline(true);
  await b.workspace.replaceTranslation(7, 'The two sides will coordinate their positions');
  await a.workspace.replaceTranslation(7, 'Both sides coordinate within the UN');
  await a.page.keyboard.press('Tab');
  await a.workspace.waitUntilSaved();
  await b.context.setOffline(false);

  // B's save meets A's: B's text is kept and B chooses, with the differences shown word by word.
  const conflict = b.page.getByRole('region', { name: 'Paragraph 7 was changed by someone else' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('The two sides will coordinate their positions');
  await expect(conflict).toContainText('Both sides coordinate within the UN');
  const diff = conflict.getByLabel('Word differences between your version of paragraph 7 and theirs');
  await expect(diff.locator('del')).toContainText(['The two']);
  await expect(diff.locator('ins')).toContainText(['Both']);
  await b.page.screenshot({ path: test.info().outputPath('conflict.png') });

  await conflict.getByRole('button', { name: 'Merge by hand' }).click();
  const merged = conflict.getByRole('textbox', { name: 'Merged translation' });
  await expect(merged).toBeFocused();
  await b.page.keyboard.press('ControlOrMeta+a');
  await b.page.keyboard.type('The two sides will coordinate their positions within the UN');
  await conflict.getByRole('button', { name: 'Save merged version' }).click();
  await expect(conflict).toHaveCount(0);
  await b.workspace.waitUntilSaved();

  // A, who saved first, sees the merged text arrive; A's own version stays in the row's history.
  await expect(a.workspace.translation(7)).toContainText('The two sides will coordinate their positions within the UN');
  await a.workspace.row(7).getByRole('button', { name: 'History of paragraph 7' }).click();
  await expect(a.page.getByRole('dialog')).toContainText('Both sides coordinate within the UN');
});

test('a browser that lost its network catches up when it is back', async ({ translator: a, owner: b }) => {
  const title = `断网重连 ${runToken('live')}`;
  const documentId = await createDocument(title);
  await openBoth(a, b, documentId, title);

  await b.context.setOffline(true);
  const text = `Signed in Shanghai on 19 May 2014 ${runToken('p8')}`;
  await a.workspace.replaceTranslation(8, text);
  await a.page.keyboard.press('Tab');
  await a.workspace.waitUntilSaved();
  await b.context.setOffline(false);
  await expect(b.workspace.translation(8)).toContainText(text, { timeout: 15_000 });
});
