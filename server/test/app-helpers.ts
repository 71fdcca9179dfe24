import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json } from '../../src/data/database.types.ts';
import { client } from './env.ts';

/** The accounts supabase/seed.sql creates, all with this password. */
export const DEMO_PASSWORD = 'duizhao-demo';
export const DEMO = {
  owner: 'owner@example.com',
  translator: 'translator@example.com',
  researcher: 'researcher@example.com',
  reviewer: 'reviewer@example.com',
} as const;
export const DEMO_PROJECT_ID = 'd0000000-0000-4000-8000-000000000100';
export const DEMO_DOCUMENT_ID = 'd0000000-0000-4000-8000-000000000200';

export type AppClient = SupabaseClient<Database>;

export async function signIn(email: string, password = DEMO_PASSWORD): Promise<AppClient> {
  const c = client<Database>();
  const { error } = await c.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  return c;
}

/** A fresh account in no project, through sign-up (email confirmation is off locally). */
export async function signUpStranger(tag: string): Promise<{ client: AppClient; email: string }> {
  const c = client<Database>();
  const email = `${tag}-${randomBytes(6).toString('hex')}@example.com`;
  const { error } = await c.auth.signUp({ email, password: `pw-${randomBytes(8).toString('hex')}` });
  expect(error).toBeNull();
  return { client: c, email };
}

export interface Team {
  owner: AppClient;
  translator: AppClient;
  researcher: AppClient;
  reviewer: AppClient;
  outsider: AppClient;
  anon: AppClient;
  ids: Record<'owner' | 'translator' | 'researcher' | 'reviewer' | 'outsider', string>;
}

export async function signInTeam(): Promise<Team> {
  const [owner, translator, researcher, reviewer] = await Promise.all([
    signIn(DEMO.owner),
    signIn(DEMO.translator),
    signIn(DEMO.researcher),
    signIn(DEMO.reviewer),
  ]);
  const outsider = (await signUpStranger('outsider')).client;
  const id = async (c: AppClient) => (await c.auth.getUser()).data.user!.id;
  return {
    owner,
    translator,
    researcher,
    reviewer,
    outsider,
    anon: client<Database>(),
    ids: {
      owner: await id(owner),
      translator: await id(translator),
      researcher: await id(researcher),
      reviewer: await id(reviewer),
      outsider: await id(outsider),
    },
  };
}

/**
 * A project of its own for a test file, so the seeded Demo project stays as seeded: created by the
 * demo owner, with the other demo accounts in their roles and a three-paragraph document.
 */
export async function createProject(team: Team, name: string): Promise<{ projectId: string; documentId: string; paragraphIds: string[] }> {
  const { data: project, error } = await team.owner.from('projects').insert({ name }).select().single();
  expect(error).toBeNull();
  for (const [email, role] of [
    [DEMO.translator, 'translator'],
    [DEMO.researcher, 'researcher'],
    [DEMO.reviewer, 'reviewer'],
  ] as const) {
    const added = await team.owner.rpc('add_project_member', { p_project_id: project!.id, p_email: email, p_role: role });
    expect(added.error).toBeNull();
  }
  const { documentId, paragraphIds } = await importDocument(team.owner, project!.id, {
    title: '联合宣言',
    published_on: '2014-05-20',
    keywords: ['双方', '合作'],
    collection: '习近平系列重要讲话数据库',
    source_line: null,
    metadata: {},
    paragraphs: [
      { position: 1, kind: 'heading', text: '一' },
      { position: 2, kind: 'body', text: '双方决定加强合作。' },
      { position: 3, kind: 'closing', text: '二〇一四年五月十九日于上海' },
    ],
  });
  return { projectId: project!.id, documentId, paragraphIds };
}

/** Imports a document into a project (as `client`) and returns its id and its paragraphs' ids in order. */
export async function importDocument(client: AppClient, projectId: string, document: Json): Promise<{ documentId: string; paragraphIds: string[] }> {
  const imported = await client.rpc('import_document', { p_project_id: projectId, p_document: document });
  expect(imported.error).toBeNull();
  const { data: paragraphs } = await client.from('paragraphs').select('id').eq('document_id', imported.data!).order('position');
  return { documentId: imported.data!, paragraphIds: paragraphs!.map((p) => p.id) };
}
