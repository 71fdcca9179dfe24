import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, signInTeam, type Team } from './app-helpers.ts';
import { apiUrl, serviceRoleKey } from './env.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'scripts/import.ts', ...args],
      { cwd: ROOT, env: { ...process.env, SUPABASE_URL: apiUrl(), SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

function exportFile(title: string, date: string, paragraphs: string[]): string {
  return ['关键词：', '双方 合作 ', '', '习近平系列重要讲话数据库', '', title, '', `发布时间：${date}`, '', paragraphs.map((p) => `\u3000\u3000${p}`).join('\n\n'), ''].join('\n');
}

const labels = (result: { hits: { document_title: string; position: number; kind: string }[] }) =>
  result.hits.map((h) => `${h.document_title}#${h.position}${h.kind === 'note' ? ':note' : ''}`);

// Search, concordance, translation memory and the library list through supabase-js, and the CLI
// importing a folder into a project, as a member, an outsider and anon see them.
describe('search and translation memory through the API', { timeout: 120_000 }, () => {
  let team: Team;
  let project: Awaited<ReturnType<typeof createProject>>;
  let projectName: string;
  let dir: string;

  beforeAll(async () => {
    team = await signInTeam();
    projectName = `Search ${Date.now()}`;
    project = await createProject(team, projectName);
    dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-search-contract-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the CLI imports a folder file by file: a bad file is reported, the rest go in, a rerun skips what is there', async () => {
    await writeFile(path.join(dir, '1.txt'), exportFile('２０１４年Ｃ线通车公告', '2014-06-01', ['２０１４年，Ｃ线正式通车。', '亚信峰会期间，Ｃ线运营正常。']));
    await writeFile(path.join(dir, '2.txt'), exportFile('线路规划', '2015-03-02', ['2014年建成C线和D线。', '双方对会谈成果表示满意。']));
    await writeFile(path.join(dir, '3.txt'), exportFile('会谈纪要', '2016-09-03', ['双方对会谈成果表示满意。', '双方签署了睦邻友好合作条约。']));
    await writeFile(path.join(dir, '4.txt'), '');

    const first = await cli(['--project', projectName, dir]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/import: .*4\.txt: The file is empty \(0 bytes\)\./);
    expect(first.stdout).toMatch(/Imported 3 of 4 files into "Search \d+" in [\d.]+ s \([\d.]+ files\/s\): 6 paragraphs \(6 body, 0 headings, 0 closing; \d+ paragraphs\/s\); 1 failed, 0 skipped\./);
    expect(first.stdout).toMatch(/Failed:\n {2}.*4\.txt: The file is empty/);
    const { data: titles } = await team.owner.from('documents').select('title').eq('project_id', project.projectId).order('title');
    // code point order, the same on PGlite ("C") and PostgreSQL (C.UTF-8)
    expect(titles!.map((d) => d.title)).toEqual(['会谈纪要', '线路规划', '联合宣言', '２０１４年Ｃ线通车公告']);

    const again = await cli(['--project', projectName, '--skip-existing', dir]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/Imported 0 of 4 files .* 1 failed, 3 skipped\./);
    const { count } = await team.owner.from('documents').select('id', { count: 'exact', head: true }).eq('project_id', project.projectId);
    expect(count).toBe(4);
  });

  it('search_project finds Chinese substrings full-width or not, English stems and notes, for members only', async () => {
    const search = (query: string, fields = ['source', 'translation', 'notes']) =>
      team.researcher.rpc('search_project', { p_project_id: project.projectId, p_query: query, p_fields: fields });

    const cLine = await search('C线', ['source']);
    expect(cLine.error).toBeNull();
    expect(labels(cLine.data as never)).toEqual(['线路规划#1', '２０１４年Ｃ线通车公告#1', '２０１４年Ｃ线通车公告#2']);
    expect((cLine.data as { total: number }).total).toBe(3);
    expect(labels((await search('２０１４年', ['source'])).data as never)).toEqual(['线路规划#1', '２０１４年Ｃ线通车公告#1']);
    expect(labels((await search('满意', ['source'])).data as never)).toEqual(['会谈纪要#1', '线路规划#2']);

    // English, stemmed, once the translator has written some.
    // This project's paragraph: the translator is in the projects of earlier runs too, on a kept database.
    const { data: talks } = await team.owner.from('documents').select('id').eq('project_id', project.projectId).eq('title', '会谈纪要').single();
    const { data: row } = await team.owner.from('paragraphs').select('id').eq('document_id', talks!.id).eq('position', 2).single();
    const saved = await team.translator.rpc('save_translation', {
      p_paragraph_id: row!.id, p_expected_version: 0, p_body: null, p_text: 'The two sides signed the Treaty of Good-Neighbourliness.', p_status: 'translated',
    });
    expect(saved.error).toBeNull();
    const treaties = await search('treaties', ['translation']);
    expect(labels(treaties.data as never)).toEqual(['会谈纪要#2']);
    expect((treaties.data as { hits: { translation: string }[] }).hits[0]!.translation).toBe('The two sides signed the \uE000Treaty\uE001 of Good-Neighbourliness.');

    // A note: the researcher's draft is theirs alone until submitted.
    const note = await team.researcher.from('annotations').insert({ paragraph_id: row!.id, body_text: '条约全称待核', tags: ['treaty'] }).select('id').single();
    expect(note.error).toBeNull();
    expect(labels((await search('条约', ['notes'])).data as never)).toEqual(['会谈纪要#2:note']);
    const asTranslator = await team.translator.rpc('search_project', { p_project_id: project.projectId, p_query: '条约', p_fields: ['notes'] });
    expect(labels(asTranslator.data as never)).toEqual([]);

    const outsider = await team.outsider.rpc('search_project', { p_project_id: project.projectId, p_query: '条约' });
    expect(outsider.status).toBe(404);
    expect(outsider.error?.message).toBe('project not found');
    const anon = await team.anon.rpc('search_project', { p_project_id: project.projectId, p_query: '条约' });
    expect(anon.status).toBe(401);
    const empty = await search('  ');
    expect(empty.status).toBe(400);
    expect(empty.error?.message).toBe('type something to search for');
  });

  it('concordance lists the rows holding a phrase with their aligned text', async () => {
    const { data, error } = await team.researcher.rpc('concordance', { p_project_id: project.projectId, p_text: '条约' });
    expect(error).toBeNull();
    expect(data).toMatchObject({
      total: 1,
      hits: [{ document_title: '会谈纪要', position: 2, text: '双方签署了睦邻友好合作\uE000条约\uE001。', aligned: 'The two sides signed the Treaty of Good-Neighbourliness.' }],
    });
    const outsider = await team.outsider.rpc('concordance', { p_project_id: project.projectId, p_text: '条约' });
    expect(outsider.status).toBe(404);
  });

  it("tm_suggestions offers identical Chinese first, from the caller's projects", async () => {
    const { data: docs } = await team.owner.from('documents').select('id, title').eq('project_id', project.projectId).in('title', ['会谈纪要', '线路规划']).order('title');
    const { data: a } = await team.owner.from('paragraphs').select('id').eq('document_id', docs![0]!.id).eq('position', 1).single();
    const { data: b } = await team.owner.from('paragraphs').select('id').eq('document_id', docs![1]!.id).eq('position', 2).single();
    await team.translator.rpc('save_translation', {
      p_paragraph_id: a!.id, p_expected_version: 0, p_body: null, p_text: 'The two sides expressed satisfaction with the talks.', p_status: 'translated',
    });
    const { data, error } = await team.translator.rpc('tm_suggestions', { p_paragraph_id: b!.id });
    expect(error).toBeNull();
    const result = data as { source: string; suggestions: { project_id: string; exact: boolean }[] };
    expect(result.source).toBe('双方对会谈成果表示满意。');
    // Identical Chinese first; the translator's other projects (earlier runs on a kept database) may offer it too.
    expect(result.suggestions[0]).toMatchObject({ exact: true, target: 'The two sides expressed satisfaction with the talks.' });
    expect(result.suggestions.filter((s) => s.project_id === project.projectId)).toMatchObject([
      { target: 'The two sides expressed satisfaction with the talks.', exact: true, status: 'translated', author_name: 'Demo Translator', origin: 'project' },
    ]);
    const outsider = await team.outsider.rpc('tm_suggestions', { p_paragraph_id: b!.id });
    expect(outsider.status).toBe(404);

    const imported = await team.translator.rpc('import_translation_memory', {
      p_project_id: project.projectId, p_name: 'Boilerplate.tmx', p_source_language: 'zh-CN', p_target_language: 'en',
      p_units: [{ source: '双方签署了睦邻友好合作条约。', target: 'Both sides signed the treaty.', author: 'TMX author' }],
    });
    expect(imported.error).toBeNull();
    expect(imported.data).toMatchObject({ name: 'Boilerplate.tmx', units: 1 });
    const denied = await team.researcher.rpc('import_translation_memory', {
      p_project_id: project.projectId, p_name: 'x', p_source_language: 'zh', p_target_language: 'en', p_units: [{ source: 'a', target: 'b' }],
    });
    expect(denied.status).toBe(403);
  });

  it('library_documents pages, sorts and filters with exact counts, members only', async () => {
    const page = await team.researcher
      .from('library_documents')
      .select('title, paragraphs, translated, progress', { count: 'exact' })
      .eq('project_id', project.projectId)
      .order('progress', { ascending: false })
      .order('title')
      .range(0, 1);
    expect(page.error).toBeNull();
    expect(page.count).toBe(4);
    expect(page.data).toEqual([
      { title: '会谈纪要', paragraphs: 2, translated: 2, progress: 1 },
      { title: '线路规划', paragraphs: 2, translated: 0, progress: 0 },
    ]);
    const byKeyword = await team.researcher.from('library_documents').select('title').eq('project_id', project.projectId)
      .gte('published_on', '2015-01-01').lte('published_on', '2015-12-31');
    expect(byKeyword.data).toEqual([{ title: '线路规划' }]);
    const outsider = await team.outsider.from('library_documents').select('id').eq('project_id', project.projectId);
    expect(outsider.data).toEqual([]);
  });

  it('library_documents_containing filters the list by the Chinese of the paragraphs, paged and counted like the view', async () => {
    const containing = (text: string) =>
      team.researcher.rpc('library_documents_containing', { p_project_id: project.projectId, p_text: text }, { count: 'exact' });
    const cLine = await containing('C线').select('title, paragraphs').order('published_on').range(0, 0);
    expect(cLine.error).toBeNull();
    expect(cLine.count).toBe(2);
    expect(cLine.data).toEqual([{ title: '２０１４年Ｃ线通车公告', paragraphs: 2 }]);
    const satisfied = await containing('会谈成果').select('title').gte('published_on', '2016-01-01');
    expect(satisfied.data).toEqual([{ title: '会谈纪要' }]);
    const outsider = await team.outsider.rpc('library_documents_containing', { p_project_id: project.projectId, p_text: 'C线' });
    expect(outsider.error?.code).toBe('PT404');
  });
});
