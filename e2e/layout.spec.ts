// The workspace and the other screens at a desktop (1440×900), a tablet (1024×768) and a phone
// (390×844): nothing scrolls sideways, the document header folds, columns resize from the keyboard
// and stay resized, notes hide or move into sheets, the library turns into cards.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, apiAs, runToken, expectNoSeriousA11yViolations, importDocument, saveEnglish, DEMO_PROJECT_ID } from './fixtures.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

const SHORT_EXPORT = new URL('./fixtures/short-export.txt', import.meta.url);
const KEYWORDS = Array.from({ length: 20 }, (_, i) => `关键词${i + 1}`);

/** A document of its own: 40 paragraphs, 20 keywords; row 2 translated (it waits in the review queue). */
async function importLayoutDocument(token: string): Promise<{ id: string; title: string; english: string }> {
  const title = `版面${token}`;
  const paragraphs = Array.from({ length: 40 }, (_, i) =>
    i % 10 === 0
      ? { kind: 'heading' as const, text: `第${i / 10 + 1}部分` }
      : `双方同意在第${i + 1}段所述领域加强合作，推动两国关系取得新的发展，造福两国人民。`.repeat(1 + (i % 3)),
  );
  const { id, paragraphs: ids } = await importDocument(title, paragraphs, { keywords: KEYWORDS });
  const english = `Both sides agree to deepen cooperation ${token}`;
  await saveEnglish(await apiAs('translator'), ids[1]!, english, 'translated');
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

/** The virtualised rows, measured again after a layout change, sit one under the other. */
async function expectRowsStacked(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const boxes = [...document.querySelectorAll('.row')].map((r) => r.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        return boxes.filter((b, i) => i > 0 && b.top < boxes[i - 1]!.bottom - 1).length;
      }),
    )
    .toBe(0);
}

const sourceBox = (workspace: WorkspacePage, n: number) => workspace.row(n).locator('.cell-source');

// 768 px: the narrowest tablet.
for (const size of [DESKTOP, TABLET, { width: 768, height: 1024 }, PHONE]) {
  test(`no screen scrolls sideways at ${size.width}×${size.height}`, async ({ owner, browser, baseURL }) => {
    test.setTimeout(120_000);
    const token = runToken('wide');
    const doc = await importLayoutDocument(token);
    const { page } = owner;
    await page.setViewportSize(size);
    // A glossary entry with long renderings, so the glossary has a table to fit.
    const api = await apiAs('owner');
    const term = `版面术语${token}`;
    await api.call('glossary_entries', {
      method: 'POST',
      body: { project_id: DEMO_PROJECT_ID, zh: term, en: [`the rather long preferred rendering of a layout term ${token}`, 'an alternative'], note: 'Checked against the 2014 declaration.' },
    });
    const screens: [string, string, RegExp][] = [
      ['library', '/', /^Library$/],
      ['workspace', `/documents/${doc.id}`, new RegExp(doc.title)],
      ['review', '/review', /^Review$/],
      ['search', `/search?q=${encodeURIComponent('合作')}&project=${DEMO_PROJECT_ID}`, /Search/],
      ['glossary', `/projects/${DEMO_PROJECT_ID}/glossary`, /Glossary/],
      ['import', `/projects/${DEMO_PROJECT_ID}/import`, /Import/],
      ['my work', '/my-work', /My work/],
      ['align', `/documents/${doc.id}/align`, /Align|wider screen/],
    ];
    try {
      for (const [name, url, heading] of screens) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
        await expectNoSidewaysScroll(page, name);
        if (name === 'glossary') {
          await expect(page.getByRole('rowheader', { name: term })).toBeVisible();
          await expectNoSidewaysScroll(page, 'glossary with an entry');
        }
        if (name === 'align' && size !== PHONE) {
          // The alignment grid itself, after aligning a pasted English text.
          await page.getByLabel('English text', { exact: true }).fill(Array.from({ length: 8 }, (_, i) => `Both sides agree on point ${i + 1}.`).join('\n\n'));
          await page.getByRole('button', { name: 'Align', exact: true }).click();
          await expect(page.getByText(/^Rows: \d+/)).toBeVisible();
          await expectNoSidewaysScroll(page, 'alignment grid');
        }
        if (name === 'import') {
          // The preview of a chosen file.
          await page.getByLabel('Choose files').setInputFiles({ name: `layout-${token}.txt`, mimeType: 'text/plain', buffer: readFileSync(SHORT_EXPORT) });
          await expect(page.getByRole('region', { name: `layout-${token}.txt` })).toBeVisible();
          await expectNoSidewaysScroll(page, 'import preview');
        }
      }
    } finally {
      await api.call(`glossary_entries?zh=eq.${encodeURIComponent(term)}`, { method: 'DELETE' });
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
  const doc = await importLayoutDocument(runToken('fold'));
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
  const doc = await importLayoutDocument(runToken('cols'));
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
  await expectNoSeriousA11yViolations(page);
  const zhWide = await width('.cell-source');

  await page.reload();
  await expect(workspace.row(2)).toBeVisible();
  await expect(zhEn).toHaveAttribute('aria-valuenow', '48');
  await expect(enNotes).toHaveAttribute('aria-valuenow', '37');
  expect(Math.abs((await width('.cell-source')) - zhWide)).toBeLessThan(2);

  // The handle also drags: 120 px to the left is about 9 % of the text width.
  const handle = (await zhEn.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - 120, handle.y + handle.height / 2, { steps: 6 });
  await page.mouse.up();
  const dragged = Number(await zhEn.getAttribute('aria-valuenow'));
  expect(dragged).toBeGreaterThan(36);
  expect(dragged).toBeLessThan(44);
  expect(await width('.cell-source')).toBeLessThan(zhWide - 80);

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
  await expectRowsStacked(page);
  await expect(workspace.translation(2)).toHaveText(doc.english);
  await page.getByRole('checkbox', { name: 'Reading mode' }).uncheck();
  await expect(workspace.row(2).getByRole('button', { name: 'Add note to paragraph 2' })).toBeVisible();

  // Turning the window into a tablet's or a phone's re-lays the rows out; they still stack.
  await page.setViewportSize(TABLET);
  await expect(page.getByRole('complementary', { name: /^Notes/ })).toBeVisible();
  await expectRowsStacked(page);
  await page.setViewportSize(PHONE);
  await expect(workspace.row(2).getByRole('button', { name: 'Notes on paragraph 2: 0' })).toBeVisible();
  await expectRowsStacked(page);
});

test('on a tablet the notes of the row in use show in a side sheet', async ({ researcher }) => {
  const { page } = researcher;
  await page.setViewportSize(TABLET);
  const token = runToken('sheet');
  const doc = await importLayoutDocument(token);
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

  // A phrase selected in row 5 brings the sheet there, with "Add note to selection".
  await workspace.selectSourcePhrase(5, '加强合作');
  await expect(sheet).toHaveAccessibleName('Notes on paragraph 5');
  await sheet.getByRole('button', { name: 'Add note to selection' }).click();
  const phraseForm = sheet.getByRole('form', { name: 'New note on paragraph 5' });
  await expect(phraseForm.getByText('加强合作')).toBeVisible();
  await phraseForm.getByRole('textbox', { name: 'Note', exact: true }).click();
  await page.keyboard.type(`Phrase note ${token}`);
  await phraseForm.getByRole('button', { name: 'Submit for review' }).click();
  await expect(sheet.getByRole('article').filter({ hasText: `Phrase note ${token}` })).toBeVisible();
  await expect(workspace.row(5).locator('mark.note-span', { hasText: '加强合作' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'workspace with the side sheet');
  await expectNoSeriousA11yViolations(page);
});

test('on a phone: one column per row, a notes sheet, the header menu, library cards, review, align asks for a wider screen', async ({ owner }) => {
  const { page } = owner;
  await page.setViewportSize(PHONE);
  const token = runToken('phone');
  const doc = await importLayoutDocument(token);

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
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expectNoSidewaysScroll(page, 'phone workspace');
  // The notes filters open on screen, not clipped by the toolbar that scrolls sideways.
  await page.getByRole('button', { name: 'Filter notes' }).click();
  const filters = page.getByRole('group', { name: 'Note filters' });
  await expect(filters.getByLabel('Status')).toBeInViewport();
  await expect(filters.getByRole('button', { name: 'Done' })).toBeInViewport();
  await filters.getByRole('button', { name: 'Done' }).click();
  await expect(filters).toBeHidden();
  // Far down the document the rows (much taller here) still stack without overlapping.
  await workspace.goTo(35);
  await expect(workspace.row(35)).toBeInViewport();
  await expectRowsStacked(page);

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
