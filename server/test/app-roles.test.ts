import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOCUMENT_ID, DEMO_PROJECT_ID, createProject, signInTeam, type Team } from './app-helpers.ts';

// The role matrix of the product handbook as a client sees it through supabase-js: the seeded
// accounts, a project of this file's own, and a user who belongs to no project.
describe('roles, as seen through the API', () => {
  let team: Team;
  let project: Awaited<ReturnType<typeof createProject>>;

  beforeAll(async () => {
    team = await signInTeam();
    project = await createProject(team, 'Roles');
  });

  it('lets every seeded role read the Demo document, and nobody else', async () => {
    for (const c of [team.owner, team.translator, team.researcher, team.reviewer]) {
      const { data, error } = await c.from('paragraphs').select('id, position, kind, translations(status, version)').eq('document_id', DEMO_DOCUMENT_ID).order('position');
      expect(error).toBeNull();
      expect(data).toHaveLength(53);
      expect(data![0]!.translations).toMatchObject({ status: 'empty', version: 0 });
    }
    for (const c of [team.outsider, team.anon]) {
      const { data, error } = await c.from('paragraphs').select('id').eq('document_id', DEMO_DOCUMENT_ID);
      expect(error).toBeNull();
      expect(data).toEqual([]);
    }
    const members = await team.researcher.from('project_members').select('role').eq('project_id', DEMO_PROJECT_ID);
    expect(members.data!.map((m) => m.role).sort()).toEqual(['owner', 'researcher', 'reviewer', 'translator']);
  });

  it('makes the creator of a project its owner', async () => {
    const { data } = await team.owner.from('project_members').select('user_id, role').eq('project_id', project.projectId).eq('role', 'owner');
    expect(data).toEqual([{ user_id: team.ids.owner, role: 'owner' }]);
    const created = await team.outsider.from('projects').insert({ name: 'Mine' }).select('id, created_by').single();
    expect(created.error).toBeNull();
    expect(created.data!.created_by).toBe(team.ids.outsider);
    const anon = await team.anon.from('projects').insert({ name: 'Nobody' });
    expect(anon.status).toBe(401);
  });

  it('lets only owners import, edit and delete documents and manage members', async () => {
    for (const c of [team.translator, team.researcher, team.reviewer, team.outsider]) {
      const imported = await c.rpc('import_document', { p_project_id: project.projectId, p_document: { title: 'x', paragraphs: [{ position: 1, kind: 'body', text: '甲' }] } });
      expect(imported.error?.code).toBe('42501');
      expect(imported.status).toBe(403);
      const renamed = await c.from('documents').update({ title: 'Renamed' }).eq('id', project.documentId).select();
      expect(renamed.data).toEqual([]);
      const deleted = await c.from('paragraphs').delete().eq('id', project.paragraphIds[2]!).select();
      expect(deleted.data).toEqual([]);
      const joined = await c.from('project_members').insert({ project_id: project.projectId, user_id: team.ids.outsider, role: 'reviewer' });
      expect(joined.error?.code).toBe('42501');
    }
    const renamed = await team.owner.from('documents').update({ title: '中哈联合宣言' }).eq('id', project.documentId).select('title');
    expect(renamed.data).toEqual([{ title: '中哈联合宣言' }]);
  });

  it('lets nobody but an owner change their own role', async () => {
    const promote = await team.translator.from('project_members').insert({ project_id: project.projectId, user_id: team.ids.translator, role: 'owner' });
    expect(promote.status).toBe(403);
    const change = await team.researcher.from('project_members').update({ role: 'reviewer' }).eq('project_id', project.projectId).eq('user_id', team.ids.researcher).select();
    expect(change.data).toEqual([]);
    const leave = await team.owner.from('project_members').delete().eq('project_id', project.projectId).eq('user_id', team.ids.owner);
    expect(leave.error?.code).toBe('23514');
    expect(leave.error?.message).toMatch(/at least one owner/);
  });

  it('lets owners and translators edit translations, and others only read them', async () => {
    const p2 = project.paragraphIds[1]!;
    for (const c of [team.researcher, team.reviewer, team.outsider]) {
      const { data } = await c.from('translations').update({ text: 'hijacked' }).eq('paragraph_id', p2).select();
      expect(data).toEqual([]);
    }
    const edited = await team.translator.from('translations').update({ text: 'The two sides', version: 99 }).eq('paragraph_id', p2).select('status, version, updated_by').single();
    expect(edited.data).toEqual({ status: 'draft', version: 1, updated_by: team.ids.translator });
    const approve = await team.translator.from('translations').update({ status: 'approved' }).eq('paragraph_id', p2);
    expect(approve.error?.code).toBe('42501');
    const readBack = await team.researcher.from('translations').select('text').eq('paragraph_id', p2).single();
    expect(readBack.data?.text).toBe('The two sides');
  });

  it('keeps drafts private to their author and submitted notes visible to every member', async () => {
    const p2 = project.paragraphIds[1]!;
    const draft = await team.researcher
      .from('annotations')
      .insert({ paragraph_id: p2, body_text: '亚信 = CICA', kind: 'term', quote_exact: '双方', start_offset: 0, end_offset: 2 })
      .select()
      .single();
    expect(draft.error).toBeNull();
    expect(draft.data).toMatchObject({ author_id: team.ids.researcher, status: 'draft', version: 1 });
    for (const c of [team.owner, team.translator, team.reviewer, team.outsider, team.anon]) {
      const { data } = await c.from('annotations').select('id').eq('id', draft.data!.id);
      expect(data).toEqual([]);
    }
    const submitted = await team.researcher.rpc('save_annotation', { p_id: draft.data!.id, p_expected_version: 1, p_patch: { status: 'submitted' } });
    expect(submitted.data).toMatchObject({ status: 'submitted', version: 2 });
    for (const c of [team.owner, team.translator, team.reviewer]) {
      const { data } = await c.from('annotations').select('id, status').eq('id', draft.data!.id);
      expect(data).toEqual([{ id: draft.data!.id, status: 'submitted' }]);
    }
    const { data: outsiderView } = await team.outsider.from('annotations').select('id').eq('id', draft.data!.id);
    expect(outsiderView).toEqual([]);
  });

  it("lets nobody change an annotation's author or write in someone else's name", async () => {
    const p2 = project.paragraphIds[1]!;
    const forged = await team.researcher.from('annotations').insert({ paragraph_id: p2, author_id: team.ids.owner, body_text: 'forged' });
    expect(forged.error?.code).toBe('42501');
    const mine = await team.reviewer.from('annotations').insert({ paragraph_id: p2, body_text: 'mine' }).select('id').single();
    const handOver = await team.reviewer.from('annotations').update({ author_id: team.ids.researcher }).eq('id', mine.data!.id);
    expect(handOver.error?.code).toBe('42501');
    const takeOver = await team.owner.from('annotations').update({ author_id: team.ids.owner }).eq('id', mine.data!.id).select();
    expect(takeOver.data).toEqual([]);
    const outsider = await team.outsider.from('annotations').insert({ paragraph_id: p2, body_text: 'drive-by' });
    expect(outsider.error?.code).toBe('42501');
  });

  it('lets no client write the review history', async () => {
    for (const c of [team.owner, team.reviewer]) {
      const forged = await c.from('review_events').insert({ project_id: project.projectId, decision: 'approved', version: 1 });
      expect(forged.error?.code).toBe('42501');
    }
  });

  it('shows profiles to oneself and to co-members only', async () => {
    const own = await team.outsider.from('profiles').select('id');
    expect(own.data).toEqual([{ id: team.ids.outsider }]);
    const coMembers = await team.reviewer.from('profiles').select('display_name').eq('id', team.ids.owner).single();
    expect(coMembers.data?.display_name).toBe('Demo Owner');
    const rename = await team.reviewer.from('profiles').update({ display_name: 'R. Viewer' }).eq('id', team.ids.reviewer).select('display_name');
    expect(rename.data).toEqual([{ display_name: 'R. Viewer' }]);
    await team.reviewer.from('profiles').update({ display_name: 'Demo Reviewer' }).eq('id', team.ids.reviewer);
    const other = await team.reviewer.from('profiles').update({ display_name: 'x' }).eq('id', team.ids.owner).select();
    expect(other.data).toEqual([]);
  });
});
