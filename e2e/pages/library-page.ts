import { expect, type Page } from '@playwright/test';

export const DEMO_PROJECT = 'Demo';
export const DEMO_TITLE = '中华人民共和国和哈萨克斯坦共和国联合宣言';

export class LibraryPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Library', level: 1 });
  }

  /** The project's section, by its exact name (other specs create projects of their own). */
  project(name = DEMO_PROJECT) {
    return this.page.getByRole('region', { name, exact: true });
  }

  documentLink(title = DEMO_TITLE) {
    return this.project().getByRole('link', { name: title });
  }

  /** The document's row in the project's table; other specs add documents to the same project. */
  documentRow(title = DEMO_TITLE) {
    return this.project().getByRole('row').filter({ has: this.page.getByRole('link', { name: title }) });
  }

  async openDemoDocument() {
    await this.documentLink().click();
    await expect(this.page.getByRole('heading', { name: DEMO_TITLE, level: 1 })).toBeVisible();
  }
}
