// The README's screenshots (`npm run screenshots`): the demo project as a team would leave it after
// a morning's work (translations in every state, notes on phrases and paragraphs, a review), shown
// to each role. Runs on the e2e stack and seed (playwright.screenshots.config.ts); writes docs/screenshots/.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import UPNG from 'upng-js';
import type { Page } from '@playwright/test';
import { test, expect, apiAs, type ApiSession } from './fixtures.ts';
import { describe } from '../src/domain/anchor/index.ts';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');
const DEMO_TITLE = '中华人民共和国和哈萨克斯坦共和国联合宣言';

/** English drafts of the first paragraphs, and the state each is left in. */
const ENGLISH: Record<number, { text: string; status: 'draft' | 'translated'; approve?: boolean }> = {
  1: {
    text: 'At the invitation of President Xi Jinping of the People’s Republic of China, President Nursultan Nazarbayev of the Republic of Kazakhstan paid a state visit to the People’s Republic of China from 19 to 21 May 2014 and attended the Fourth Summit of the Conference on Interaction and Confidence-Building Measures in Asia (hereinafter CICA) held in Shanghai.',
    status: 'translated',
    approve: true,
  },
  2: {
    text: 'President Xi Jinping and President Nazarbayev held official talks in Shanghai. The two heads of state spoke highly of the remarkable achievements in cooperation in all fields since the People’s Republic of China and the Republic of Kazakhstan (hereinafter the two sides) established their comprehensive strategic partnership, and agreed that political mutual trust, strategic coordination, practical cooperation and people-to-people exchanges between the two countries are at their highest level in history. The two sides declare as follows:',
    status: 'translated',
    approve: true,
  },
  3: { text: 'I', status: 'translated', approve: true },
  4: {
    text: 'The two sides have decided, following the spirit and principles of the Treaty of Good-Neighbourliness, Friendship and Cooperation signed on 23 December 2002, the Joint Statement on Developing a Comprehensive Strategic Partnership signed on 13 June 2011 and the Joint Declaration on Further Deepening the Comprehensive Strategic Partnership signed on 7 September 2013, to further strengthen political mutual trust, promote mutually beneficial cooperation and consolidate good-neighbourly friendship, for common development and prosperity.',
    status: 'translated',
  },
  5: {
    text: 'The two sides will maintain close exchanges between the leaders of the two countries and regularly exchange views on bilateral relations and major international and regional issues.',
    status: 'translated',
  },
  6: {
    text: 'The two sides reaffirm that they will not engage in any activity that harms the other side’s sovereignty, security and territorial integrity;',
    status: 'draft',
  },
};

/** Notes by the researcher: on a phrase (quote) or on the whole paragraph. */
const NOTES: { position: number; quote?: string; english?: boolean; text: string; kind: string; tags: string[]; approve?: boolean }[] = [
  {
    position: 1,
    english: true,
    quote: 'state visit',
    text: 'The highest protocol level; the 2013 visit to Astana was also a state visit.',
    kind: 'note',
    tags: ['protocol'],
  },
  {
    position: 1,
    quote: '亚洲相互协作与信任措施会议',
    text: 'CICA: founded on Kazakhstan’s initiative in 1992; China chaired it 2014–2016.',
    kind: 'organisation',
    tags: ['CICA', 'multilateral'],
    approve: true,
  },
  { position: 1, quote: '努尔苏丹·纳扎尔巴耶夫', text: 'Nursultan Nazarbayev, President of Kazakhstan 1990–2019.', kind: 'person', tags: ['leaders'] },
  {
    position: 2,
    quote: '全面战略伙伴关系',
    text: 'Term of art: “comprehensive strategic partnership” (全面战略伙伴关系), upgraded from “strategic partnership” in 2011.',
    kind: 'term',
    tags: ['partnership'],
    approve: true,
  },
  {
    position: 4,
    quote: '睦邻友好合作条约',
    text: 'Treaty of Good-Neighbourliness, Friendship and Cooperation (2002): the legal basis the declaration builds on.',
    kind: 'treaty',
    tags: ['treaties'],
  },
  { position: 5, text: 'Does “close exchanges” (密切交往) imply regular summits? Compare the 2013 declaration.', kind: 'question', tags: ['leaders'] },
];

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

async function paragraphs(api: ApiSession) {
  const [d] = await api.call<{ id: string }[]>(`documents?select=id&title=eq.${encodeURIComponent(DEMO_TITLE)}&limit=1`);
  const rows = await api.call<{ id: string; position: number; text: string; translations: { id: string; version: number } | { id: string; version: number }[] }[]>(
    `paragraphs?select=id,position,text,translations(id,version)&document_id=eq.${d!.id}&position=lte.12&order=position`,
  );
  return new Map(rows.map((r) => [r.position, { ...r, translation: Array.isArray(r.translations) ? r.translations[0]! : r.translations }]));
}

/** Leaves the demo document as the screenshots show it; run once on the fresh e2e database. */
async function stageDemoWork() {
  const [translator, researcher, reviewer] = await Promise.all([apiAs('translator'), apiAs('researcher'), apiAs('reviewer')]);
  const rows = await paragraphs(translator);
  for (const [position, english] of Object.entries(ENGLISH)) {
    const row = rows.get(Number(position))!;
    const [saved] = await translator.call<{ id: string; version: number }[]>('rpc/save_translation', {
      method: 'POST',
      body: { p_paragraph_id: row.id, p_expected_version: row.translation.version, p_body: doc(english.text), p_text: english.text, p_status: english.status },
      prefer: 'return=representation',
    }).then((r) => (Array.isArray(r) ? r : [r]));
    if (english.approve) {
      await reviewer.call('rpc/review_translation', {
        method: 'POST',
        body: { p_translation_id: saved!.id, p_decision: 'approved', p_comment: '', p_version: saved!.version },
      });
    }
  }
  for (const note of NOTES) {
    const row = rows.get(note.position)!;
    // A note on the English is anchored in the translation's plain text, as the workspace does.
    const text = note.english ? ENGLISH[note.position]!.text : row.text;
    const start = note.quote ? Array.from(text.slice(0, text.indexOf(note.quote))).length : null;
    const selectors = note.quote && start !== null ? describe(text, { start, end: start + Array.from(note.quote).length }) : null;
    const [created] = await researcher.call<{ id: string; version: number }[]>('annotations?select=id,version', {
      method: 'POST',
      prefer: 'return=representation',
      body: {
        paragraph_id: row.id,
        target: note.english ? 'translation' : 'source',
        quote_exact: selectors?.quote.exact ?? null,
        quote_prefix: selectors?.quote.prefix ?? null,
        quote_suffix: selectors?.quote.suffix ?? null,
        start_offset: selectors?.position.start ?? null,
        end_offset: selectors?.position.end ?? null,
        body: doc(note.text),
        body_text: note.text,
        kind: note.kind,
        tags: note.tags,
        status: 'submitted',
      },
    });
    if (note.approve) {
      await reviewer.call('rpc/review_annotation', {
        method: 'POST',
        body: { p_annotation_id: created!.id, p_decision: 'approved', p_comment: '', p_version: created!.version },
      });
    }
  }
}

/** Writes the page as a palette PNG (256 colours: UI text and flat colours lose nothing visible). */
async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  // No blinking caret or hover state in the picture.
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  const png = await page.screenshot({ caret: 'hide', animations: 'disabled', ...options });
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  const small = UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, 256);
  writeFileSync(path.join(OUT, `${name}.png`), Buffer.from(small));
  console.log(`docs/screenshots/${name}.png: ${Math.round(small.byteLength / 1024)} KB (Chromium's PNG: ${Math.round(png.byteLength / 1024)} KB)`);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await stageDemoWork();
});

test('workspace: the researcher reads the declaration with its notes', async ({ researcher }) => {
  const { page, workspace } = researcher;
  await page.setViewportSize({ width: 1440, height: 900 });
  await workspace.open();
  await expect(workspace.row(1).locator('mark').first()).toBeVisible();
  await shoot(page, 'workspace');
});

test('phone: the workspace on a phone', async ({ researcher }) => {
  const { page, workspace } = researcher;
  await page.setViewportSize({ width: 390, height: 844 });
  await workspace.open();
  await expect(workspace.row(1).locator('mark').first()).toBeVisible();
  await shoot(page, 'phone');
});

test('translator: editing a paragraph', async ({ translator }) => {
  const { page, workspace } = translator;
  await page.setViewportSize({ width: 1440, height: 900 });
  await workspace.open();
  await workspace.goTo(6);
  const box = workspace.translation(6);
  await box.click();
  await expect(box).toHaveAttribute('contenteditable', 'true');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' they will not conclude with any third country treaties');
  await workspace.waitUntilSaved();
  await shoot(page, 'translator');
});

test('researcher: a note on a selected phrase', async ({ researcher }) => {
  const { page, workspace } = researcher;
  await page.setViewportSize({ width: 1440, height: 900 });
  await workspace.open();
  await workspace.selectSourcePhrase(5, '定期交换意见');
  await workspace.row(5).getByRole('button', { name: 'Add note to selection' }).click();
  const form = workspace.row(5).getByRole('form', { name: 'New note on paragraph 5' });
  await form.getByRole('textbox', { name: 'Note', exact: true }).click();
  await page.keyboard.type('“Regularly exchange views”: annual meetings since 2013?');
  await form.getByLabel('Kind').selectOption({ label: 'Question' });
  await form.getByLabel('Tags').fill('leaders');
  // Row 5 at the top of the grid, its note form beside it.
  await workspace.row(5).evaluate((row) => row.scrollIntoView({ block: 'start' }));
  await shoot(page, 'researcher');
});

test('reviewer: the review queue', async ({ reviewer }) => {
  const { page, review, library } = reviewer;
  await page.setViewportSize({ width: 1440, height: 900 });
  await library.goto();
  await review.open();
  await expect(review.item(DEMO_TITLE).first()).toBeVisible();
  await shoot(page, 'reviewer');
});

test('owner: library and team', async ({ owner }) => {
  const { page, library } = owner;
  await page.setViewportSize({ width: 1440, height: 900 });
  await library.goto();
  await expect(library.documentLink()).toBeVisible();
  await library.project().getByText('Members and roles').click();
  await expect(library.project().getByText('reviewer@example.com')).toBeVisible();
  await shoot(page, 'owner', { fullPage: true });
});
