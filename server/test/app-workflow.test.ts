import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, signInTeam, type Team } from './app-helpers.ts';

// Saves with versions, the review state machine and atomic import, through supabase-js.
describe('editing and review, as seen through the API', () => {
  let team: Team;
  let project: Awaited<ReturnType<typeof createProject>>;

  beforeAll(async () => {
    team = await signInTeam();
    project = await createProject(team, 'Workflow');
  });

  it('saves a translation against the version the client saw, and reports a conflict with the current row', async () => {
    const p2 = project.paragraphIds[1]!;
    const first = await team.translator.rpc('save_translation', { p_paragraph_id: p2, p_expected_version: 0, p_body: { type: 'doc' }, p_text: 'The two sides decide' });
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ status: 'draft', version: 1, text: 'The two sides decide' });

    const stale = await team.owner.rpc('save_translation', { p_paragraph_id: p2, p_expected_version: 0, p_body: null, p_text: 'An older edit' });
    expect(stale.status).toBe(409);
    expect(stale.error?.code).toBe('PT409');
    expect(stale.error?.message).toBe('stale version');
    expect(JSON.parse(stale.error!.details)).toMatchObject({ version: 1, text: 'The two sides decide', paragraph_id: p2 });

    const { data: unchanged } = await team.researcher.from('translations').select('text, version').eq('paragraph_id', p2).single();
    expect(unchanged).toEqual({ text: 'The two sides decide', version: 1 });

    const denied = await team.researcher.rpc('save_translation', { p_paragraph_id: p2, p_expected_version: 1, p_body: null, p_text: 'x' });
    expect(denied.status).toBe(403);
  });

  it('approves a translation only through review_translation, by someone other than its last editor', async () => {
    const p2 = project.paragraphIds[1]!;
    const marked = await team.translator.rpc('save_translation', { p_paragraph_id: p2, p_expected_version: 1, p_body: null, p_text: 'The two sides decide to cooperate.', p_status: 'translated' });
    expect(marked.data).toMatchObject({ status: 'translated', version: 2 });
    const id = marked.data!.id;

    const byTranslator = await team.translator.rpc('review_translation', { p_translation_id: id, p_decision: 'approved', p_comment: '', p_version: 2 });
    expect(byTranslator.status).toBe(403);
    const staleDecision = await team.reviewer.rpc('review_translation', { p_translation_id: id, p_decision: 'approved', p_comment: '', p_version: 1 });
    expect(staleDecision.error?.code).toBe('PT409');
    const rejectSilently = await team.reviewer.rpc('review_translation', { p_translation_id: id, p_decision: 'rejected', p_comment: ' ', p_version: 2 });
    expect(rejectSilently.status).toBe(400);
    expect(rejectSilently.error?.message).toMatch(/comment is required/);

    const rejected = await team.reviewer.rpc('review_translation', { p_translation_id: id, p_decision: 'rejected', p_comment: 'Keep "decide".', p_version: 2 });
    expect(rejected.data).toMatchObject({
      status: 'rejected',
      version: 3,
      updated_by: team.ids.translator,
      review_comment: 'Keep "decide".',
      reviewed_by: team.ids.reviewer,
    });

    await team.translator.rpc('save_translation', { p_paragraph_id: p2, p_expected_version: 3, p_body: null, p_text: 'The two sides decide to strengthen cooperation.', p_status: 'translated' });
    const approved = await team.reviewer.rpc('review_translation', { p_translation_id: id, p_decision: 'approved', p_comment: '', p_version: 4 });
    expect(approved.data).toMatchObject({ status: 'approved', version: 5 });

    const edited = await team.translator.rpc('save_translation', { p_paragraph_id: p2, p_expected_version: 5, p_body: null, p_text: 'The two sides have decided to strengthen cooperation.' });
    expect(edited.data).toMatchObject({ status: 'translated', version: 6 });

    const history = await team.researcher.from('review_events').select('decision, comment, version').eq('translation_id', id).order('id');
    expect(history.data).toEqual([
      { decision: 'rejected', comment: 'Keep "decide".', version: 2 },
      { decision: 'approved', comment: null, version: 4 },
    ]);
    const revisions = await team.researcher.from('translation_revisions').select('version, status').eq('translation_id', id).order('version');
    expect(revisions.data!.map((r) => `${r.version}:${r.status}`)).toEqual(['1:draft', '2:translated', '3:rejected', '4:translated', '5:approved', '6:translated']);
  });

  it('runs annotations through draft → submitted → rejected/approved, never by the author', async () => {
    const p2 = project.paragraphIds[1]!;
    const note = await team.researcher.from('annotations').insert({ paragraph_id: p2, body_text: 'Treaty of 2002', kind: 'treaty', status: 'submitted' }).select().single();
    expect(note.data).toMatchObject({ status: 'submitted', version: 1 });
    const id = note.data!.id;

    const byAuthor = await team.researcher.rpc('review_annotation', { p_annotation_id: id, p_decision: 'approved', p_comment: '', p_version: 1 });
    expect(byAuthor.status).toBe(403);
    const byPatch = await team.researcher.from('annotations').update({ status: 'approved' }).eq('id', id);
    expect(byPatch.error?.code).toBe('42501');
    const byTranslator = await team.translator.rpc('review_annotation', { p_annotation_id: id, p_decision: 'approved', p_comment: '', p_version: 1 });
    expect(byTranslator.status).toBe(403);

    const rejected = await team.reviewer.rpc('review_annotation', { p_annotation_id: id, p_decision: 'rejected', p_comment: 'Name the treaty.', p_version: 1 });
    expect(rejected.data).toMatchObject({ status: 'rejected', review_comment: 'Name the treaty.', reviewed_by: team.ids.reviewer, version: 2 });

    const revised = await team.researcher.rpc('save_annotation', { p_id: id, p_expected_version: 2, p_patch: { body_text: '中哈睦邻友好合作条约 (2002)', status: 'submitted' } });
    expect(revised.data).toMatchObject({ status: 'submitted', review_comment: null, version: 3 });
    const stale = await team.researcher.rpc('save_annotation', { p_id: id, p_expected_version: 2, p_patch: { body_text: 'lost' } });
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.error!.details)).toMatchObject({ version: 3, body_text: '中哈睦邻友好合作条约 (2002)' });

    const approved = await team.owner.rpc('review_annotation', { p_annotation_id: id, p_decision: 'approved', p_comment: '', p_version: 3 });
    expect(approved.data).toMatchObject({ status: 'approved', version: 4 });
    const reopened = await team.researcher.rpc('save_annotation', { p_id: id, p_expected_version: 4, p_patch: { body_text: 'Treaty of Good-Neighbourliness (2002)' } });
    expect(reopened.data).toMatchObject({ status: 'submitted', reviewed_by: null, version: 5 });
  });

  it('lists pending work in review_queue and progress in document_progress', async () => {
    const queue = await team.reviewer.from('review_queue').select('item_type, position').eq('project_id', project.projectId).order('item_type');
    expect(queue.data).toEqual([
      { item_type: 'annotation', position: 2 },
      { item_type: 'translation', position: 2 },
    ]);
    const ownQueue = await team.translator.from('review_queue').select('item_id').eq('project_id', project.projectId);
    expect(ownQueue.data).toEqual([]);
    const progress = await team.owner.from('document_progress').select('*').eq('document_id', project.documentId).single();
    expect(progress.data).toEqual({
      document_id: project.documentId,
      project_id: project.projectId,
      paragraphs: 3,
      translated: 1,
      approved: 0,
      notes_submitted: 1,
      notes_approved: 0,
    });
    const outsider = await team.outsider.from('document_progress').select('*').eq('document_id', project.documentId);
    expect(outsider.data).toEqual([]);
  });

  it('imports a document whole or not at all', async () => {
    const before = await team.owner.from('documents').select('id', { count: 'exact', head: true }).eq('project_id', project.projectId);
    const bad = await team.owner.rpc('import_document', {
      p_project_id: project.projectId,
      p_document: { title: 'Gappy', paragraphs: [{ position: 1, kind: 'body', text: '甲' }, { position: 3, kind: 'body', text: '丙' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe('22023');
    expect(bad.error?.message).toMatch(/positions must run 1\.\.2/);
    const noTitle = await team.owner.rpc('import_document', { p_project_id: project.projectId, p_document: { title: '', paragraphs: [{ position: 1, kind: 'body', text: '甲' }] } });
    expect(noTitle.error?.code).toBe('22023');
    const after = await team.owner.from('documents').select('id', { count: 'exact', head: true }).eq('project_id', project.projectId);
    expect(after.count).toBe(before.count);

    const good = await team.owner.rpc('import_document', {
      p_project_id: project.projectId,
      p_document: { title: 'Good', paragraphs: [{ position: 2, kind: 'body', text: '乙' }, { position: 1, kind: 'heading', text: '一' }] },
    });
    expect(good.error).toBeNull();
    const rows = await team.translator.from('paragraphs').select('position, kind, text, translations(status)').eq('document_id', good.data!).order('position');
    expect(rows.data).toEqual([
      { position: 1, kind: 'heading', text: '一', translations: { status: 'empty' } },
      { position: 2, kind: 'body', text: '乙', translations: { status: 'empty' } },
    ]);
  });
});
