import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_TITLE, LibraryPage } from './library-page.ts';

export class WorkspacePage {
  constructor(readonly page: Page) {}

  /** Opens the Demo document from the library. */
  async open() {
    const library = new LibraryPage(this.page);
    await library.goto();
    await library.openDemoDocument();
    await expect(this.row(1)).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: DEMO_TITLE, level: 1 });
  }

  get saveStatus() {
    return this.page.getByRole('status').filter({ hasText: /saved|Saving|Offline|conflict|unsaved/i });
  }

  row(n: number): Locator {
    return this.page.getByRole('group', { name: `Paragraph ${n}`, exact: true });
  }

  /** Scrolls the virtualised grid so that row n is rendered (rows far from view are not in the DOM). */
  async goTo(n: number) {
    if (await this.row(n).isVisible()) return;
    await this.page.getByLabel('Go to paragraph').fill(String(n));
    await this.page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(this.row(n)).toBeVisible();
  }

  /** "Go to paragraph" n, which focuses the row (one already in view too). */
  async focusRow(n: number) {
    await this.page.getByLabel('Go to paragraph').fill(String(n));
    await this.page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(this.row(n)).toBeFocused();
  }

  /** Row n's Chinese or English as the read-only field with a caret that Alt+C / Alt+T make of it. */
  caretField(n: number, side: 'zh' | 'en'): Locator {
    return this.page.getByRole('textbox', { name: `${side === 'zh' ? 'Chinese' : 'English'} of paragraph ${n}, read-only: select a phrase` });
  }

  /** Focuses row n's read-only translation and presses Enter: it becomes editable and keeps the focus. */
  async editWithEnter(n: number): Promise<Locator> {
    const box = this.translation(n);
    await box.focus();
    await expect(box).not.toHaveAttribute('contenteditable', 'true');
    await this.page.keyboard.press('Enter');
    await expect(box).toHaveAttribute('contenteditable', 'true');
    await expect(box).toBeFocused();
    return box;
  }

  translation(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Translation of paragraph ${n}`, exact: true });
  }

  /** Turns row n into the editor and replaces its text with `text`. */
  async replaceTranslation(n: number, text: string) {
    await this.goTo(n);
    const box = this.translation(n);
    await box.click();
    await expect(box).toHaveAttribute('contenteditable', 'true');
    await expect(box).toBeFocused();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(text);
  }

  async waitUntilSaved() {
    await expect(this.page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  }

  /** Selects `phrase` inside the Chinese source of row n, as a reader dragging over it would. */
  async selectSourcePhrase(n: number, phrase: string) {
    await this.goTo(n);
    await selectText(this.row(n).getByText(phrase, { exact: false }).first(), phrase);
  }

  /** Selects `phrase` inside the read-only English of row n, as a reader dragging over it would. */
  async selectEnglishPhrase(n: number, phrase: string) {
    await this.goTo(n);
    await selectText(this.translation(n), phrase);
  }

  /** The highlighted note spans of row n, in its Chinese or its English. */
  noteHighlights(n: number, side: 'source' | 'translation'): Locator {
    return this.row(n).locator(side === 'source' ? '.source mark.note-span' : '.translation-view mark.note-span');
  }

  /** Sets note filters (labels of the options) in the "Filter notes" panel, then closes it. */
  async filterNotes(filters: { status?: string; kind?: string; tag?: string; author?: string; onlyRows?: boolean; clear?: boolean }) {
    const button = this.page.getByRole('button', { name: /^Filter notes/ });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    const panel = this.page.getByRole('group', { name: 'Note filters' });
    await expect(panel).toBeVisible();
    if (filters.clear) await panel.getByRole('button', { name: 'Clear filters' }).click();
    if (filters.status) await panel.getByLabel('Status').selectOption({ label: filters.status });
    if (filters.kind) await panel.getByLabel('Kind').selectOption({ label: filters.kind });
    if (filters.tag) await panel.getByLabel('Tag').selectOption({ label: filters.tag });
    if (filters.author) await panel.getByLabel('Author').selectOption({ label: filters.author });
    if (filters.onlyRows !== undefined) await panel.getByLabel('Only rows with notes').setChecked(filters.onlyRows);
    await panel.getByRole('button', { name: 'Done' }).click();
    await expect(panel).toBeHidden();
  }

  note(n: number, text: string | RegExp): Locator {
    return this.row(n).getByRole('article').filter({ hasText: text });
  }

  /** Where row n's notes show: its notes column, else the tablet's side sheet or the phone's sheet once open. */
  notesOf(n: number, where: 'column' | 'side-sheet' | 'phone-sheet' = 'column'): Locator {
    if (where === 'column') return this.row(n);
    return this.page.getByRole(where === 'side-sheet' ? 'complementary' : 'dialog', { name: `Notes on paragraph ${n}`, exact: true });
  }

  /** Fills and sends the open note form of row n (in its notes column, or in the sheet given by `within`). */
  async writeNote(n: number, body: string, options: { kind?: string; tags?: string; submit?: boolean; within?: Locator } = {}) {
    const form = (options.within ?? this.row(n)).getByRole('form', { name: new RegExp(`note on paragraph ${n}$`) });
    const editor = form.getByRole('textbox', { name: 'Note', exact: true });
    await expect(editor).toBeVisible();
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(body);
    if (options.kind) await form.getByLabel('Kind').selectOption({ label: options.kind });
    if (options.tags !== undefined) await form.getByRole('combobox', { name: 'Tags' }).fill(options.tags);
    await form.getByRole('button', { name: options.submit === false ? 'Save draft' : 'Submit for review' }).click();
    await expect(form).toHaveCount(0);
  }
}

/** Selects the first occurrence of `phrase` within one text node under `element`, as a mouse drag over it would. */
async function selectText(element: Locator, phrase: string) {
  await element.evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(text);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`"${text}" not found in one text node`);
  }, phrase);
}
