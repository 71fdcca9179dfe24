import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'duizhao-demo';

export class SignInPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/sign-in');
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async signInAndWait(email: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.signIn(email, password);
    await expect(this.page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  }
}
