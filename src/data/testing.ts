// For the data-layer tests only (src/data/*.test.ts): the seeded demo project and a way to act as
// one of its members through the app's own sign-in.
import { signIn, signOut, type SessionUser } from './auth.ts';

export const DEMO_PROJECT_ID = 'd0000000-0000-4000-8000-000000000100';
export const DEMO_DOCUMENT_ID = 'd0000000-0000-4000-8000-000000000200';
export const DEMO_TITLE = '中华人民共和国和哈萨克斯坦共和国联合宣言';
/** The demo document's paragraph count (supabase/seed.sql). */
export const DEMO_PARAGRAPHS = 53;

export type DemoRole = 'owner' | 'translator' | 'researcher' | 'reviewer';

/** Signs the app's one client in as a demo member (after signing out whoever was signed in). */
export async function actAs(role: DemoRole): Promise<SessionUser> {
  await signOut();
  return signIn(`${role}@example.com`, 'duizhao-demo');
}
