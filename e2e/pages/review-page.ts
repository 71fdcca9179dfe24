import { expect, type Locator, type Page } from '@playwright/test';

export class ReviewPage {
  constructor(readonly page: Page) {}

  get link() {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Review/ });
  }

  async open() {
    await this.link.click();
    await expect(this.page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
  }

  item(text: string | RegExp): Locator {
    return this.page.getByRole('article').filter({ hasText: text });
  }

  async approve(item: Locator) {
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(item).toHaveCount(0);
  }

  async reject(item: Locator, comment: string) {
    await item.getByLabel('Comment').fill(comment);
    await item.getByRole('button', { name: 'Reject' }).click();
    await expect(item).toHaveCount(0);
  }
}
