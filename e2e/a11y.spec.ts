// Accessibility of every screen at a desktop, a tablet-sized and a phone-sized viewport: axe finds
// no serious or critical violation of WCAG 2.1 A/AA on the screen, nor with its dialogs and panels
// open. One signed-in page per role and viewport walks its screens; nothing is written, so the
// shared database and other specs' data do not matter.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, apiAs, demoParagraph, runToken, DEMO_PROJECT_ID, type DemoRole, type SignedIn } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { DEMO_TITLE } from './pages/library-page.ts';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const ENGLISH = [
  'At the invitation of President Xi Jinping, President Nazarbayev paid a state visit to China.',
  'President Xi Jinping and President Nazarbayev held talks in Shanghai.',
  'I',
  'The two sides have decided to further strengthen political mutual trust.',
].join('\n\n');

/** Checks the screen as it is now; a failure names the screen and continues with the next. */
async function check(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  // A11Y_REPORT=1 lists every finding, minor and moderate ones and those axe could not decide too.
  if (process.env.A11Y_REPORT) {
    const list = (items: typeof results.violations) => items.map((v) => `${v.impact ?? '?'}:${v.id}(${v.nodes.length})`).join(' ');
    console.log(`[a11y] ${screen} at ${page.viewportSize()?.width}px: violations ${list(results.violations) || 'none'}; undecided ${list(results.incomplete) || 'none'}`);
  }
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect
    .soft(
      serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
      `serious accessibility violations on ${screen}`,
    )
    .toEqual([]);
}

/** Opens the header's menu where a narrow screen keeps notifications, language and account in one. */
async function openHeaderMenu(page: Page) {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
}

/** Unfolds the document header (folded on a phone, or once the grid has scrolled). */
async function unfoldDocumentHeader(page: Page) {
  const toggle = page.getByRole('button', { name: 'Document details' });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

/** Opens the note form of paragraph n: in its row, or in the notes sheet of a tablet or phone. */
async function openNoteForm(page: Page, n: number) {
  const row = page.getByRole('group', { name: `Paragraph ${n}`, exact: true });
  const count = row.getByRole('button', { name: new RegExp(`^Notes on paragraph ${n}\\b`) });
  if (await count.isVisible()) await count.click();
  const add = new RegExp(`^Add note( to paragraph ${n})?$`);
  const inRow = row.getByRole('button', { name: add });
  await ((await inRow.isVisible()) ? inRow : page.getByRole('button', { name: add })).click();
  await expect(page.getByRole('form', { name: `New note on paragraph ${n}` })).toBeVisible();
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('signed-out screens', async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await check(page, 'sign-in');
      await page.goto('/sign-up');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check(page, 'sign-up');
      await page.goto('/reset-password');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check(page, 'reset password');
    });

    const signedIn = async (signInAs: (role: DemoRole) => Promise<SignedIn>, role: DemoRole) => {
      const { page } = await signInAs(role);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      return page;
    };

    test('owner: library, members, glossary, import, my work, not found', async ({ signInAs }) => {
      const page = await signedIn(signInAs, 'owner');
      await page.goto('/');
      const demo = page.getByRole('region', { name: 'Demo', exact: true });
      await expect(demo.getByRole('link', { name: DEMO_TITLE })).toBeVisible();
      await demo.getByText('Members and roles').click();
      await expect(demo.getByText('reviewer@example.com')).toBeVisible();
      await demo.getByText('Translation memory').click();
      await check(page, 'library with members and translation memory');

      const menu = page.getByRole('button', { name: 'Menu', exact: true });
      if (await menu.isVisible()) {
        await menu.click();
        await check(page, 'header menu');
      }
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await check(page, 'notifications');
      await page.keyboard.press('Escape');

      await page.goto(`/projects/${DEMO_PROJECT_ID}/glossary`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check(page, 'glossary');

      await page.goto(`/projects/${DEMO_PROJECT_ID}/import`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check(page, 'import');

      await page.goto('/my-work');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check(page, 'my work');

      await page.goto('/no-such-screen');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check(page, 'not found');
    });

    test('translator: workspace, its panels and dialogs', async ({ signInAs }) => {
      // A dozen scans of the biggest screen.
      test.slow();
      const page = await signedIn(signInAs, 'translator');
      await page.goto('/');
      await page.getByRole('link', { name: DEMO_TITLE }).first().click();
      await expect(page.getByRole('heading', { name: DEMO_TITLE, level: 1 })).toBeVisible();
      const row1 = page.getByRole('group', { name: 'Paragraph 1', exact: true });
      await expect(row1).toBeVisible();
      await check(page, 'workspace');

      // The document header unfolded with every keyword, then folded to one line.
      await unfoldDocumentHeader(page);
      const moreKeywords = page.getByRole('button', { name: /^Show \d+ more keywords$/ });
      if (await moreKeywords.isVisible()) await moreKeywords.click();
      const details = page.getByRole('button', { name: 'Document details' });
      if (await details.isVisible()) {
        await check(page, 'workspace, header unfolded with every keyword');
        await details.click();
        await expect(details).toHaveAttribute('aria-expanded', 'false');
        await check(page, 'workspace, header folded');
      }

      await page.getByRole('button', { name: 'Shortcuts' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check(page, 'shortcuts panel');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await unfoldDocumentHeader(page);
      await page.getByRole('button', { name: 'Export' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check(page, 'export dialog');
      await page.keyboard.press('Escape');

      await unfoldDocumentHeader(page);
      await page.getByRole('button', { name: 'Import translations' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check(page, 'import translations dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Find' }).click();
      await expect(page.getByRole('textbox', { name: 'Find in document' })).toBeVisible();
      await page.getByRole('textbox', { name: 'Find in document' }).fill('合作');
      await check(page, 'find bar');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'QA' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check(page, 'QA panel');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // A row in the editor, with its similar-paragraph panel.
      const box = page.getByRole('textbox', { name: 'Translation of paragraph 1', exact: true });
      await box.click();
      await expect(box).toHaveAttribute('contenteditable', 'true');
      await check(page, 'workspace, editing a row');
      await page.keyboard.press('Escape');

    });

    test('translator: align', async ({ signInAs }) => {
      const page = await signedIn(signInAs, 'translator');
      await page.goto('/');
      await page.getByRole('link', { name: DEMO_TITLE }).first().click();
      await expect(page.getByRole('heading', { name: DEMO_TITLE, level: 1 })).toBeVisible();
      await unfoldDocumentHeader(page);
      await page.getByRole('link', { name: 'Align translation' }).click();
      // A phone is told that aligning needs a wider screen.
      await expect(page.getByRole('heading', { name: /^(Align translation|Aligning needs a wider screen)$/, level: 1 })).toBeVisible();
      await check(page, 'align, choosing the English');
      const file = page.getByLabel('English file');
      if (await file.isVisible()) {
        await file.setInputFiles({ name: 'declaration.en.txt', mimeType: 'text/plain', buffer: Buffer.from(ENGLISH, 'utf8') });
        await page.getByRole('button', { name: 'Align', exact: true }).click();
        await expect(page.getByRole('toolbar', { name: 'Alignment tools' })).toBeVisible();
        await check(page, 'align grid');
      }
    });

    test('researcher: notes, the note form, search', async ({ signInAs }) => {
      const page = await signedIn(signInAs, 'researcher');
      await page.goto('/');
      await page.getByRole('link', { name: DEMO_TITLE }).first().click();
      const row5 = page.getByRole('group', { name: 'Paragraph 5', exact: true });
      await expect(page.getByRole('group', { name: 'Paragraph 1', exact: true })).toBeVisible();
      await page.getByLabel('Go to paragraph').fill('5');
      await page.getByRole('button', { name: 'Go', exact: true }).click();
      await expect(row5).toBeVisible();

      // Selecting a phrase from the keyboard: Alt+C puts a caret in the row's Chinese.
      const chinese = page.getByRole('textbox', { name: 'Chinese of paragraph 5, read-only: select a phrase' });
      await page.keyboard.press('Alt+c');
      if (await chinese.isVisible()) {
        await expect(chinese).toBeFocused();
        for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
        await check(page, 'workspace, a phrase selected from the keyboard');
        await page.keyboard.press('Escape');
      }

      const filters = page.getByRole('button', { name: /^Filter notes/ });
      if (await filters.isVisible()) {
        await filters.click();
        await expect(page.getByRole('checkbox', { name: 'Only rows with notes' })).toBeVisible();
        await check(page, 'note filters');
        await page.keyboard.press('Escape');
      }

      await openNoteForm(page, 5);
      await check(page, 'workspace, writing a note');
      await page.getByRole('form', { name: 'New note on paragraph 5' }).getByRole('button', { name: 'Cancel' }).click();

      await page.goto('/search?q=%E5%90%88%E4%BD%9C');
      await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible();
      await expect(page.getByRole('article').first()).toBeVisible();
      await check(page, 'search results');
    });

    test('reviewer: review queue, account panel, the Chinese interface', async ({ signInAs }) => {
      // Something to review: a note of this run's own, taken away again at the end.
      const researcher = await apiAs('researcher');
      const token = runToken('a11y');
      const { id: paragraphId } = await demoParagraph(researcher, 5);
      const text = `Is this a standing mechanism? ${token}`;
      const [note] = await researcher.call<{ id: string }[]>('annotations?select=id', {
        method: 'POST',
        prefer: 'return=representation',
        body: { paragraph_id: paragraphId, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, body_text: text, kind: 'question', status: 'submitted' },
      });
      try {
        const page = await signedIn(signInAs, 'reviewer');
        await page.goto('/review');
        await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
        await expect(page.getByRole('article').filter({ hasText: token })).toBeVisible();
        await check(page, 'review queue');

        await openHeaderMenu(page);
        const account = page.getByRole('button', { name: /reviewer@example\.com/ });
        if (await account.isVisible()) {
          await account.click();
          await expect(page.getByRole('region', { name: 'Account' })).toBeVisible();
          await check(page, 'account panel');
          await page.keyboard.press('Escape');
        }

        // The Chinese interface: its own words and lengths, the same rules.
        await openHeaderMenu(page);
        await page.getByRole('combobox', { name: /^Language/ }).selectOption('zh');
        await expect(page.getByRole('heading', { name: '审校', level: 1 })).toBeVisible();
        await check(page, 'review queue in Chinese');
        await page.goto('/');
        await page.getByRole('link', { name: DEMO_TITLE }).first().click();
        await expect(page.getByRole('group', { name: '第 1 段', exact: true })).toBeVisible();
        await check(page, 'workspace in Chinese');
      } finally {
        await researcher.call(`annotations?id=eq.${note!.id}`, { method: 'DELETE' });
      }
    });
  });
}
