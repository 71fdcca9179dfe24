import { test, expect, expectNoSeriousA11yViolations, demoEmail, emailedLink, runToken } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.ts';
import { DEMO_TITLE, LibraryPage } from './pages/library-page.ts';

test('signs in, sees the Demo document, and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  const signIn = new SignInPage(page);

  await signIn.signIn(demoEmail('translator'), 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText(/do not match an account/);

  await signIn.signIn(demoEmail('translator'));
  const library = new LibraryPage(page);
  await expect(library.heading).toBeVisible();
  await expect(library.project()).toBeVisible();
  await expect(library.documentLink(DEMO_TITLE)).toBeVisible();
  await expect(library.documentRow(DEMO_TITLE).getByText('2014-05-20')).toBeVisible();
  await expect(library.documentRow(DEMO_TITLE).getByRole('progressbar', { name: 'Translated' })).toBeVisible();
  // Only owners import documents.
  await expect(page.getByRole('link', { name: 'Import document' })).toHaveCount(0);

  await page.reload();
  await expect(library.heading).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
});

/** Creates an account through the sign-up screen, then signs out (back on the sign-in screen). */
async function signUpAndOut(page: Page, email: string, password: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
}

test('a forgotten password is replaced through the emailed link', async ({ page }) => {
  // An account of this test's own: the demo accounts' passwords must not change.
  const email = `forgetful-${runToken('reset')}@example.com`;
  await signUpAndOut(page, email, 'first-password-1');

  const signIn = new SignInPage(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('status')).toContainText(`If an account uses ${email}`);

  await page.goto(await emailedLink(email));
  await expect(page.getByText('You are in. Choose a new password.')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('second-password-2');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn.signIn(email, 'first-password-1');
  await expect(page.getByRole('alert')).toHaveText(/do not match an account/);
  await signIn.signIn(email, 'second-password-2');
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
});

test('signs in with an emailed link instead of the password', async ({ page }) => {
  const email = `linked-${runToken('link')}@example.com`;
  await signUpAndOut(page, email, 'some-password-1');

  // An address without an account gets no link.
  await page.getByLabel('Email').fill(`nobody-${runToken('link')}@example.com`);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('alert')).toHaveText('No account uses that address. Check it, or create an account.');

  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('status')).toHaveText(`A sign-in link is on its way to ${email}. It works once, within an hour.`);
  await page.goto(await emailedLink(email));
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
});

test('explains a missing password in words', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.getByLabel('Email').fill(demoEmail('owner'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter your email address and password.');
});

test('switches the interface to Chinese and back', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByLabel('电子邮箱')).toBeVisible();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByLabel('Email')).toBeVisible();
});

test('owners see the import entry point and the members of their project', async ({ owner }) => {
  const { page, library } = owner;
  await library.goto();
  await expect(library.project().getByRole('link', { name: 'Import document' })).toBeVisible();
  await library.project().getByText('Members and roles').click();
  const members = library.project().getByRole('table', { name: 'Members of Demo' });
  await expect(members.getByRole('cell', { name: 'researcher@example.com' })).toBeVisible();
  await expect(members.getByRole('combobox', { name: /^Role of / }).first()).toBeVisible();
  // An address without an account gets a pending invitation (it joins when it signs up). The address
  // is this run's own: other specs invite people to the same project.
  const email = `nobody-${runToken('auth')}@example.com`;
  await library.project().getByLabel('Invite by email').fill(email);
  await library.project().getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(library.project().getByRole('status').filter({ hasText: email })).toContainText('They join when they sign up');
  await expect(library.project().getByRole('region', { name: 'Pending invitations' }).getByRole('listitem').filter({ hasText: email })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the sign-in and library screens have no serious accessibility violations', async ({ page, translator }) => {
  await new SignInPage(page).goto();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await translator.library.goto();
  await expect(translator.library.documentLink()).toBeVisible();
  await expectNoSeriousA11yViolations(translator.page);
});
