// The workspace and the other screens at a desktop (1440×900), a tablet (1024×768) and a phone
// (390×844): nothing scrolls sideways, the document header folds, columns resize from the keyboard
// and stay resized, notes hide or move into sheets, the library turns into cards.
import type { Page } from '@playwright/test';
import { test, expect, apiAs, runToken } from './fixtures.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

const DEMO_PROJECT = 'd0000000-0000-4000-8000-000000000100';
const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

const KEYWORDS = Array.from({ length: 20 }, (_, i) => `关键词${i + 1}`);

/** A document of its own: 40 paragraphs, 20 keywords; row 2 translated (it waits in the review queue). */
async function importDocument(token: string): Promise<{ id: string; title: string; english: string }> {
  const owner = await apiAs('owner');
  const title = `版面${token}`;
  const paragraphs = Array.from({ length: 40 }, (_, i) => ({
    position: i + 1,
    kind: i % 10 === 0 ? 'heading' : 'body',
    text: i % 10 === 0 ? `第${i / 10 + 1}部分` : `双方同意在第${i + 1}段所述领域加强合作，推动两国关系取得新的发展，造福两国人民。`.repeat(1 + (i % 3)),
  }));
  const id = await owner.call<string>('rpc/import_document', {
    method: 'POST',
    body: { p_project_id: DEMO_PROJECT, p_document: { title, published_on: '2031-03-03', keywords: KEYWORDS, paragraphs } },
  });
  const [p2] = await owner.call<{ id: string }[]>(`paragraphs?select=id&document_id=eq.${id}&position=eq.2`);
  const english = `Both sides agree to deepen cooperation ${token}`;
  const translator = await apiAs('translator');
  await translator.call('rpc/save_translation', {
    method: 'POST',
    body: { p_paragraph_id: p2!.id, p_expected_version: 0, p_body: null, p_text: english, p_status: 'translated' },
  });
  return { id, title, english };
}

async function expectNoSidewaysScroll(page: Page, screen: string) {
  const widths = await page.evaluate(() => {
    const main = document.getElementById('main');
    return {
      page: document.scrollingElement!.scrollWidth,
      viewport: window.innerWidth,
      mainOverflow: main ? main.scrollWidth - main.clientWidth : 0,
    };
  });
  expect(widths.page, `${screen}: page wider than the viewport`).toBeLessThanOrEqual(widths.viewport);
  expect(widths.mainOverflow, `${screen}: content wider than the screen`).toBeLessThanOrEqual(0);
}

const sourceBox = (workspace: WorkspacePage, n: number) => workspace.row(n).locator('.cell-source');

for (const size of [DESKTOP, TABLET, PHONE]) {
  test(`no screen scrolls sideways at ${size.width}×${size.height}`, async ({ owner, browser, baseURL }) => {
    test.setTimeout(120_000);
    const doc = await importDocument(runToken('wide'));
    const { page } = owner;
    await page.setViewportSize(size);
    const screens: [string, string, RegExp][] = [
      ['library', '/', /^Library$/],
      ['workspace', `/documents/${doc.id}`, new RegExp(doc.title)],
      ['review', '/review', /^Review$/],
      ['search', `/search?q=${encodeURIComponent('合作')}&project=${DEMO_PROJECT}`, /Search/],
      ['glossary', `/projects/${DEMO_PROJECT}/glossary`, /Glossary/],
      ['import', `/projects/${DEMO_PROJECT}/import`, /Import/],
      ['my work', '/my-work', /My work/],
      ['align', `/documents/${doc.id}/align`, /Align|wider screen/],
    ];
    for (const [name, url, heading] of screens) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
      await expectNoSidewaysScroll(page, name);
    }
    // The members of the project (owners see them on the library page).
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Demo', exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page, 'library with members');

    const signedOut = await browser.newContext({ baseURL: baseURL!, viewport: size });
    const visitor = await signedOut.newPage();
    for (const [name, url] of [
      ['sign in', '/sign-in'],
      ['sign up', '/sign-up'],
      ['reset password', '/reset-password'],
    ]) {
      await visitor.goto(url!);
      await expect(visitor.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expectNoSidewaysScroll(visitor, name!);
    }
    await signedOut.close();
  });
}

test('the document header folds to one line when the grid scrolls and by hand; keywords fold into +N', async ({ translator }) => {
  const { page } = translator;
  await page.setViewportSize(DESKTOP);
  const doc = await importDocument(runToken('fold'));
  await page.goto(`/documents/${doc.id}`);
  const workspace = new WorkspacePage(page);
  await expect(workspace.row(1)).toBeVisible();

  // Eight keywords show, the other twelve behind "+12".
  const chips = page.getByRole('list', { name: 'Keywords' });
  await expect(chips.getByText(/^关键词\d+$/)).toHaveCount(8);
  const more = chips.getByRole('button', { name: 'Show 12 more keywords' });
  await expect(more).toHaveText('+12');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(chips.getByText(/^关键词\d+$/)).toHaveCount(20);
  await chips.getByRole('button', { name: 'Show fewer keywords' }).click();
  await expect(chips.getByText(/^关键词\d+$/)).toHaveCount(8);

  const toggle = page.getByRole('button', { name: 'Document details' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const scroller = page.getByTestId('workspace-scroll');
  const roomBefore = (await scroller.boundingBox())!.height;

  // Scrolling the grid folds the header: title, progress and actions on one line.
  await scroller.evaluate((el) => el.scrollTo(0, 600));
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(chips).toHaveCount(0);
  const header = page.locator('header.doc-header');
  expect((await header.boundingBox())!.height).toBeLessThan(60);
  await expect(page.getByRole('heading', { level: 1, name: doc.title })).toBeVisible();
  await expect(header.getByText('Translated 1/40')).toBeVisible();
  await expect(header.getByRole('button', { name: 'Export' })).toBeVisible();
  const roomAfter = (await scroller.boundingBox())!.height;
  expect(roomAfter - roomBefore).toBeGreaterThan(100);

  // By hand: open while scrolled, fold again.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(chips).toBeVisible();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // Back at the top the header opens again; folded by hand there, it stays folded.
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(workspace.row(1)).toBeVisible();
});

test('columns resize from the keyboard and stay resized after a reload; notes hide; reading mode', async ({ translator }) => {
  const { page } = translator;
  await page.setViewportSize(DESKTOP);
  const doc = await importDocument(runToken('cols'));
  await page.goto(`/documents/${doc.id}`);
  const workspace = new WorkspacePage(page);
  await expect(workspace.row(2)).toBeVisible();

  // The Chinese, the text being read, is at least as wide as the English.
  const width = async (selector: string) => (await workspace.row(2).locator(selector).boundingBox())!.width;
  expect(await width('.cell-source')).toBeGreaterThanOrEqual(await width('.cell-translation'));

  const zhEn = page.getByRole('separator', { name: 'Resize the Chinese and English columns' });
  await expect(zhEn).toHaveAttribute('aria-valuenow', '40');
  await zhEn.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(zhEn).toHaveAttribute('aria-valuenow', '48');
  await expect(zhEn).toHaveAttribute('aria-valuetext', '中文 column 48%');
  const enNotes = page.getByRole('separator', { name: 'Resize the English and notes columns' });
  await enNotes.focus();
  await page.keyboard.press('End');
  await expect(enNotes).toHaveAttribute('aria-valuenow', '37');
  const zhWide = await width('.cell-source');

  await page.reload();
  await expect(workspace.row(2)).toBeVisible();
  await expect(zhEn).toHaveAttribute('aria-valuenow', '48');
  await expect(enNotes).toHaveAttribute('aria-valuenow', '37');
  expect(Math.abs((await width('.cell-source')) - zhWide)).toBeLessThan(2);

  // Hide the notes column: no notes cell, no handle next to it; still hidden after a reload.
  const showNotes = page.getByRole('checkbox', { name: 'Show notes' });
  await showNotes.uncheck();
  await expect(workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' })).toHaveCount(0);
  await expect(enNotes).toHaveCount(0);
  await page.reload();
  await expect(workspace.row(2)).toBeVisible();
  await expect(showNotes).not.toBeChecked();
  await expect(workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' })).toHaveCount(0);
  await showNotes.check();
  await expect(workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' })).toBeVisible();

  // Reading mode: the two texts only, in larger type.
  const fontSize = () => workspace.row(2).locator('.source').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await fontSize();
  await page.getByRole('checkbox', { name: 'Reading mode' }).check();
  await expect(workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' })).toHaveCount(0);
  expect(await fontSize()).toBeGreaterThan(before * 1.15);
  await expect(workspace.translation(2)).toHaveText(doc.english);
  await page.getByRole('checkbox', { name: 'Reading mode' }).uncheck();
  await expect(workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' })).toBeVisible();
});

test('on a tablet the notes of the row in use show in a side sheet', async ({ researcher }) => {
  const { page } = researcher;
  await page.setViewportSize(TABLET);
  const token = runToken('sheet');
  const doc = await importDocument(token);
  await page.goto(`/documents/${doc.id}`);
  const workspace = new WorkspacePage(page);
  await expect(workspace.row(3)).toBeVisible();

  // Two text columns, the notes beside them in a sheet that follows the row clicked.
  const sheet = page.getByRole('complementary', { name: /^Notes/ });
  await expect(sheet).toBeVisible();
  await expect(workspace.row(3).getByRole('button', { name: 'Add note to paragraph 3' })).toHaveCount(0);
  await sourceBox(workspace, 3).click();
  await expect(sheet).toHaveAccessibleName('Notes on paragraph 3');
  await sheet.getByRole('button', { name: 'Add note to paragraph 3' }).click();
  const form = sheet.getByRole('form', { name: 'New note on paragraph 3' });
  await form.getByRole('textbox', { name: 'Note', exact: true }).click();
  await page.keyboard.type(`Side sheet note ${token}`);
  await form.getByRole('button', { name: 'Submit for review' }).click();
  await expect(sheet.getByRole('article').filter({ hasText: `Side sheet note ${token}` })).toBeVisible();
  await expect(workspace.row(3).getByRole('button', { name: 'Notes on paragraph 3: 1' })).toHaveText('1');

  // Another row takes the sheet; its count button brings row 3 back.
  await sourceBox(workspace, 4).click();
  await expect(sheet).toHaveAccessibleName('Notes on paragraph 4');
  await workspace.row(3).getByRole('button', { name: 'Notes on paragraph 3: 1' }).click();
  await expect(sheet).toHaveAccessibleName('Notes on paragraph 3');
  await expect(sheet.getByText(`Side sheet note ${token}`)).toBeVisible();

  // Closed, it stays closed until a count button opens it again.
  await sheet.getByRole('button', { name: 'Close the notes' }).click();
  await expect(sheet).toHaveCount(0);
  await workspace.row(4).getByRole('button', { name: 'Notes on paragraph 4: 0' }).click();
  await expect(sheet).toHaveAccessibleName('Notes on paragraph 4');
  await expectNoSidewaysScroll(page, 'workspace with the side sheet');
});

test('on a phone: one column per row, a notes sheet, the header menu, library cards, review, align asks for a wider screen', async ({ owner }) => {
  const { page } = owner;
  await page.setViewportSize(PHONE);
  const token = runToken('phone');
  const doc = await importDocument(token);

  // The library lists documents as cards, not as a table cut off at the edge.
  await page.goto('/');
  const cards = page.getByRole('list', { name: 'Documents of Demo' });
  await expect(cards.getByRole('link', { name: doc.title })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo', exact: true }).getByRole('table')).toHaveCount(0);
  const card = cards.getByRole('listitem').filter({ has: page.getByRole('link', { name: doc.title }) });
  expect((await card.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);

  // Language, account and sign out are in the menu.
  const menu = page.getByRole('button', { name: 'Menu' });
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(signOut).toBeInViewport();
  await expect(page.getByRole('combobox', { name: /Language/ })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Account: owner@example.com' })).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(signOut).toBeHidden();

  // The workspace: Chinese, then English, then the notes count, one under the other.
  await cards.getByRole('link', { name: doc.title }).click();
  const workspace = new WorkspacePage(page);
  await expect(workspace.row(2)).toBeVisible();
  const zh = (await sourceBox(workspace, 2).boundingBox())!;
  const en = (await workspace.translation(2).boundingBox())!;
  const count = workspace.row(2).getByRole('button', { name: 'Notes on paragraph 2: 0' });
  const notesAt = (await count.boundingBox())!;
  expect(zh.y + zh.height).toBeLessThanOrEqual(en.y + 1);
  expect(en.y + en.height).toBeLessThanOrEqual(notesAt.y + 1);
  expect(zh.width).toBeGreaterThan(300);
  await expect(workspace.translation(2)).toHaveText(doc.english);

  await count.click();
  const sheet = page.getByRole('dialog', { name: 'Notes on paragraph 2' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('button', { name: 'Add note to paragraph 2' })).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expectNoSidewaysScroll(page, 'phone workspace');

  // The review queue: the translated row, with its decision buttons on screen.
  await page.goto('/review');
  const item = page.getByRole('article').filter({ hasText: doc.english });
  await expect(item).toBeVisible();
  await item.scrollIntoViewIfNeeded();
  await expect(item.getByRole('button', { name: 'Approve' })).toBeInViewport();
  expect((await item.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
  await expectNoSidewaysScroll(page, 'phone review');

  // Aligning does not fit a phone: the page says so and leads back.
  await page.goto(`/documents/${doc.id}/align`);
  await expect(page.getByRole('heading', { level: 1, name: 'Aligning needs a wider screen' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the document' }).click();
  await expect(workspace.row(1)).toBeVisible();
});
