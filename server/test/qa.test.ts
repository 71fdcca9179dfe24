import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, importDocument, signInTeam, type AppClient, type Team } from './app-helpers.ts';

type OtherRenderings = Array<{
  paragraph_id: string;
  renderings: Array<{ text: string; occurrences: number; status: string; places: Array<{ document_id: string; document_title: string; position: number }> }>;
}>;

/** A document of body paragraphs, with its id and its paragraphs' ids in order. */
async function importTexts(owner: AppClient, projectId: string, title: string, texts: string[]): Promise<{ documentId: string; paragraphIds: string[] }> {
  return importDocument(owner, projectId, {
    title,
    published_on: null,
    keywords: [],
    collection: null,
    source_line: null,
    metadata: {},
    paragraphs: texts.map((text, i) => ({ position: i + 1, kind: 'body', text })),
  });
}

// QA consistency across a project through supabase-js: the renderings other documents give the
// same Chinese, as members, an outsider and anon see them.
describe('QA: other renderings of the same Chinese in the project', { timeout: 120_000 }, () => {
  let team: Team;
  let project: Awaited<ReturnType<typeof createProject>>;
  let a: { documentId: string; paragraphIds: string[] };
  let b: { documentId: string; paragraphIds: string[] };

  beforeAll(async () => {
    team = await signInTeam();
    project = await createProject(team, `QA ${Date.now()}`);
    a = await importTexts(team.owner, project.projectId, '甲', ['双方对会谈成果表示满意。', '完全无关的一句话。']);
    b = await importTexts(team.owner, project.projectId, '乙', ['双方对会谈成果 表示满意。', '双方同意加强合作。']);
    const saved = await team.translator.rpc('save_translation', {
      p_paragraph_id: b.paragraphIds[0]!, p_expected_version: 0, p_body: null, p_text: 'The two sides expressed satisfaction with the talks.', p_status: 'translated',
    });
    expect(saved.error).toBeNull();
    const draft = await team.translator.rpc('save_translation', {
      p_paragraph_id: b.paragraphIds[1]!, p_expected_version: 0, p_body: null, p_text: 'A draft.', p_status: 'draft',
    });
    expect(draft.error).toBeNull();
  });

  it('a member gets, for each row, the English other documents give the same Chinese', async () => {
    const { data, error } = await team.researcher.rpc('qa_other_renderings', { p_document_id: a.documentId });
    expect(error).toBeNull();
    expect(data as OtherRenderings).toEqual([
      {
        paragraph_id: a.paragraphIds[0],
        renderings: [
          {
            text: 'The two sides expressed satisfaction with the talks.',
            occurrences: 1,
            status: 'translated',
            places: [{ document_id: b.documentId, document_title: '乙', position: 1 }],
          },
        ],
      },
    ]);
    // Its own rows are not compared server-side, drafts never.
    const own = await team.translator.rpc('qa_other_renderings', { p_document_id: b.documentId });
    expect(own.data).toEqual([]);
  });

  it('an outsider and anon get nothing', async () => {
    const outsider = await team.outsider.rpc('qa_other_renderings', { p_document_id: a.documentId });
    expect(outsider.error).toBeNull();
    expect(outsider.data).toEqual([]);
    const anon = await team.anon.rpc('qa_other_renderings', { p_document_id: a.documentId });
    expect(anon.error).not.toBeNull();
  });
});
