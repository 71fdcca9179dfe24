import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, signInTeam, type Team } from './app-helpers.ts';

// Every RPC's business-rule refusals, as supabase-js sees them: a 4xx with the function's code and
// message, never a 5xx. The codes are listed in supabase/migrations/20261204100000_refusal_codes_and_read_only_views.sql.
describe('RPC refusals answer 4xx', () => {
  let team: Team;
  let project: Awaited<ReturnType<typeof createProject>>;

  beforeAll(async () => {
    team = await signInTeam();
    project = await createProject(team, 'Refusals');
  });

  const expectRefusal = (res: { status: number; error: { code: string; message: string } | null }, status: number, code: string, message?: RegExp) => {
    expect(res.error?.code).toBe(code);
    expect(res.status).toBe(status);
    if (message) expect(res.error?.message).toMatch(message);
  };

  it('review_translation on a row that is not translated: 409 PT409 with the current row', async () => {
    const p1 = project.paragraphIds[0]!;
    const draft = await team.translator.rpc('save_translation', { p_paragraph_id: p1, p_expected_version: 0, p_body: null, p_text: 'I' });
    expect(draft.data).toMatchObject({ status: 'draft', version: 1 });
    const res = await team.reviewer.rpc('review_translation', { p_translation_id: draft.data!.id, p_decision: 'approved', p_comment: '', p_version: 1 });
    expectRefusal(res, 409, 'PT409', /only translated rows are reviewed \(this one is draft\)/);
    expect(JSON.parse(res.error!.details)).toMatchObject({ id: draft.data!.id, status: 'draft', version: 1 });
    expect(res.error!.hint).toBe('the translation is draft at version 1');
  });

  it('review_annotation on an approved note: 409 PT409, and nothing is logged twice', async () => {
    const note = await team.researcher
      .from('annotations')
      .insert({ paragraph_id: project.paragraphIds[1]!, body_text: 'Treaty of 2002', kind: 'treaty', status: 'submitted' })
      .select()
      .single();
    const id = note.data!.id;
    const first = await team.reviewer.rpc('review_annotation', { p_annotation_id: id, p_decision: 'approved', p_comment: '', p_version: 1 });
    expect(first.data).toMatchObject({ status: 'approved', version: 2 });
    const again = await team.owner.rpc('review_annotation', { p_annotation_id: id, p_decision: 'approved', p_comment: '', p_version: 2 });
    expectRefusal(again, 409, 'PT409', /only submitted annotations are reviewed \(this one is approved\)/);
    expect(JSON.parse(again.error!.details)).toMatchObject({ id, status: 'approved', version: 2 });
    const events = await team.owner.from('review_events').select('decision').eq('annotation_id', id);
    expect(events.data).toEqual([{ decision: 'approved' }]);
  });

  it('every RPC refuses bad arguments, missing rows and missing rights with a 4xx', async () => {
    const missing = '00000000-0000-4000-8000-00000000dead';
    const cases = [
      [await team.owner.rpc('add_project_member', { p_project_id: project.projectId, p_email: 'nobody@example.com', p_role: 'translator' }), 404, 'PT404'],
      [await team.translator.rpc('add_project_member', { p_project_id: project.projectId, p_email: 'owner@example.com', p_role: 'owner' }), 403, '42501'],
      [await team.owner.rpc('import_document', { p_project_id: project.projectId, p_document: { title: 'x', paragraphs: [] } }), 400, '22023'],
      [await team.owner.rpc('import_document', { p_project_id: project.projectId, p_document: 'not an object' }), 400, '22023'],
      [await team.translator.rpc('import_document', { p_project_id: project.projectId, p_document: { title: 'x', paragraphs: [{ position: 1, kind: 'body', text: '一' }] } }), 403, '42501'],
      [await team.translator.rpc('save_translation', { p_paragraph_id: missing, p_expected_version: 0, p_body: null, p_text: 'x' }), 404, 'PT404'],
      [await team.translator.rpc('save_translation', { p_paragraph_id: project.paragraphIds[2]!, p_expected_version: 0, p_body: null, p_text: 'x', p_status: 'approved' }), 400, '22023'],
      [await team.researcher.rpc('save_annotation', { p_id: missing, p_expected_version: 1, p_patch: { author_id: missing } }), 400, '22023'],
      [await team.researcher.rpc('save_annotation', { p_id: missing, p_expected_version: 1, p_patch: [] }), 400, '22023'],
      [await team.researcher.rpc('save_annotation', { p_id: missing, p_expected_version: 1, p_patch: {} }), 404, 'PT404'],
      [await team.reviewer.rpc('review_annotation', { p_annotation_id: missing, p_decision: 'maybe', p_comment: '', p_version: 1 }), 400, '22023'],
      [await team.reviewer.rpc('review_translation', { p_translation_id: missing, p_decision: 'approved', p_comment: '', p_version: 1 }), 404, 'PT404'],
      [await team.anon.rpc('review_translation', { p_translation_id: missing, p_decision: 'approved', p_comment: '', p_version: 1 }), 401, '42501'],
      [await team.translator.rpc('apply_alignment', { p_document_id: project.documentId, p_rows: [] }), 400, '22023'],
      [await team.translator.rpc('apply_alignment', { p_document_id: missing, p_rows: [{ positions: [1], text: 'x' }] }), 404, 'PT404'],
      [await team.researcher.rpc('apply_alignment', { p_document_id: project.documentId, p_rows: [{ positions: [1], text: 'x' }] }), 403, '42501'],
      [await team.translator.rpc('save_translation', { p_paragraph_id: 'not-a-uuid', p_expected_version: 0, p_body: null, p_text: 'x' }), 400, '22P02'],
    ] as const;
    for (const [res, status, code] of cases) {
      expect({ status: res.status, code: res.error?.code }).toEqual({ status, code });
    }
  });
});
