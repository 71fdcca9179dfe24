// Signed-in users for the specs: each role signs in once per worker through the sign-in screen,
// and its storage state (the supabase-js session) seeds the browser contexts of later tests.
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SignInPage } from './pages/sign-in-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ReviewPage } from './pages/review-page.ts';
import { LibraryPage } from './pages/library-page.ts';

export type DemoRole = 'owner' | 'translator' | 'researcher' | 'reviewer';
export const demoEmail = (role: DemoRole) => `${role}@example.com`;

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

async function signedInState(browser: Browser, baseURL: string, role: DemoRole): Promise<StorageState> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await new SignInPage(page).signInAndWait(demoEmail(role));
  const state = await context.storageState();
  await context.close();
  return state;
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
  workspace: WorkspacePage;
  review: ReviewPage;
  library: LibraryPage;
}

interface WorkerFixtures {
  sessions: Map<DemoRole, StorageState>;
}

interface TestFixtures {
  /** A fresh browser context signed in as `role` (several may be open at once). */
  signInAs: (role: DemoRole) => Promise<SignedIn>;
  translator: SignedIn;
  researcher: SignedIn;
  reviewer: SignedIn;
  owner: SignedIn;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sessions: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(new Map());
    },
    { scope: 'worker' },
  ],
  signInAs: async ({ browser, sessions, baseURL }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (role) => {
      let state = sessions.get(role);
      if (!state) {
        state = await signedInState(browser, baseURL!, role);
        sessions.set(role, state);
      }
      const context = await browser.newContext({ baseURL: baseURL!, storageState: state });
      opened.push(context);
      const page = await context.newPage();
      return { context, page, workspace: new WorkspacePage(page), review: new ReviewPage(page), library: new LibraryPage(page) };
    });
    for (const context of opened) await context.close();
  },
  translator: async ({ signInAs }, use) => use(await signInAs('translator')),
  researcher: async ({ signInAs }, use) => use(await signInAs('researcher')),
  reviewer: async ({ signInAs }, use) => use(await signInAs('reviewer')),
  owner: async ({ signInAs }, use) => use(await signInAs('owner')),
});

export { expect };

/** Fails on serious or critical accessibility violations of the current screen. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
  ).toEqual([]);
}

/** A token that makes this run's text distinguishable from earlier runs on the same database. */
export function runToken(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
