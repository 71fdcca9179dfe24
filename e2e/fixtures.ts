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

// ─── direct API access, for writing data the UI would never produce ───────────────────────────

/** The API the app under test talks to (the e2e stack's, unless told otherwise). */
export const API_URL = process.env.E2E_API_URL ?? `http://127.0.0.1:${process.env.E2E_API_PORT ?? 54331}`;
/** The e2e stack's mail catcher (Mailpit API), on the port playwright.config.ts gives it. */
export const MAIL_URL = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? Number(process.env.E2E_API_PORT ?? 54331) + 1000}`;

/** The first link in the newest email to `address`, waiting for it to arrive. */
export async function emailedLink(address: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = (await (await fetch(`${MAIL_URL}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`)).json()) as { messages: { ID: string }[] };
    const newest = found.messages[0];
    if (newest) {
      const message = (await (await fetch(`${MAIL_URL}/api/v1/message/${newest.ID}`)).json()) as { HTML: string };
      const href = /href="([^"]+)"/.exec(message.HTML)?.[1];
      if (href) return href.replace(/&amp;/g, '&').replace(/&#38;/g, '&');
    }
    if (Date.now() > deadline) throw new Error(`no email to ${address}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
export const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export interface ApiSession {
  token: string;
  call: <T = unknown>(path: string, init?: { method?: string; body?: unknown; prefer?: string }) => Promise<T>;
}

/** Signs a demo user in against the API and returns a caller for /rest/v1 with their token. */
export async function apiAs(role: DemoRole): Promise<ApiSession> {
  const res = await fetch(`${API_URL}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: ANON_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demoEmail(role), password: 'duizhao-demo' }),
  });
  if (!res.ok) throw new Error(`sign-in of ${role} failed: ${res.status} ${await res.text()}`);
  const { access_token: token } = (await res.json()) as { access_token: string };
  return {
    token,
    call: async (path, init = {}) => {
      const r = await fetch(`${API_URL}/rest/v1/${path}`, {
        method: init.method ?? 'GET',
        headers: {
          apikey: ANON_KEY,
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          ...(init.prefer ? { Prefer: init.prefer } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${text}`);
      return (text ? JSON.parse(text) : null) as never;
    },
  };
}

/** Id and translation version of paragraph `position` of the Demo document. */
export async function demoParagraph(api: ApiSession, position: number): Promise<{ id: string; translationVersion: number }> {
  const title = encodeURIComponent('中华人民共和国和哈萨克斯坦共和国联合宣言');
  const [doc] = await api.call<{ id: string }[]>(`documents?select=id&title=eq.${title}&limit=1`);
  const rows = await api.call<{ id: string; translations: { version: number } | { version: number }[] }[]>(
    `paragraphs?select=id,translations(version)&document_id=eq.${doc!.id}&position=eq.${position}`,
  );
  const row = rows[0]!;
  const t = Array.isArray(row.translations) ? row.translations[0]! : row.translations;
  return { id: row.id, translationVersion: t.version };
}

/** The seeded Demo project, where specs import documents of their own. */
export const DEMO_PROJECT_ID = 'd0000000-0000-4000-8000-000000000100';

export type ImportedParagraph = string | { kind: 'heading' | 'body'; text: string };

/** Imports a document of the test's own into the Demo project (as its owner); ids of its paragraphs in order. */
export async function importDocument(
  title: string,
  paragraphs: ImportedParagraph[],
  options: { publishedOn?: string; keywords?: string[] } = {},
): Promise<{ id: string; paragraphs: string[] }> {
  const owner = await apiAs('owner');
  const id = await owner.call<string>('rpc/import_document', {
    method: 'POST',
    body: {
      p_project_id: DEMO_PROJECT_ID,
      p_document: {
        title,
        published_on: options.publishedOn ?? '2031-03-03',
        ...(options.keywords ? { keywords: options.keywords } : {}),
        paragraphs: paragraphs.map((p, i) => ({ position: i + 1, ...(typeof p === 'string' ? { kind: 'body', text: p } : p) })),
      },
    },
  });
  const rows = await owner.call<{ id: string }[]>(`paragraphs?select=id&document_id=eq.${id}&order=position`);
  return { id, paragraphs: rows.map((r) => r.id) };
}

/** The stored translation of a paragraph. */
export async function translationOf(api: ApiSession, paragraphId: string) {
  const [row] = await api.call<{ id: string; version: number; status: string; text: string; body: { content: unknown[] } | null }[]>(
    `translations?select=id,version,status,text,body&paragraph_id=eq.${paragraphId}`,
  );
  return row!;
}

/** Saves a one-paragraph English for a paragraph through save_translation (at its current version). */
export async function saveEnglish(api: ApiSession, paragraphId: string, text: string, status: 'draft' | 'translated' | null = null) {
  const { version } = await translationOf(api, paragraphId);
  await api.call('rpc/save_translation', {
    method: 'POST',
    body: { p_paragraph_id: paragraphId, p_expected_version: version, p_body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, p_text: text, p_status: status },
  });
}
