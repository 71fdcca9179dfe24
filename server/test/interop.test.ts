// Exports and imports end to end through the command line and supabase-js: the round trip a
// translator makes through a CAT tool, played by Debian's translate-toolkit.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, serviceClient } from './env.ts';
import { DEMO, importDocument, signInTeam, type AppClient, type Team } from './app-helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = path.join(ROOT, 'src/domain/interop/fixtures');
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

interface Run {
  code: number;
  stdout: string;
  errors: string[];
}

function cli(script: 'export' | 'import-translations', args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', `scripts/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, SUPABASE_URL: apiUrl() }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, errors: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn')) });
    });
  });
}

async function translateToolkit(kind: 'tmx' | 'xliff', file: string) {
  const { stdout } = await run(PYTHON, [path.join(FIXTURES, 'translate_toolkit_read.py'), kind, file], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { units: { id: string; source: string; target: string | null }[] };
}

const TITLE = `互操作测试 ${Date.now()}`;
const PARAGRAPHS = ['一', '双方决定加强合作。', '双方同意扩大贸易。', '双方支持互联互通。', '双方将继续对话。', '二〇一四年五月十九日于上海'];

let team: Team;
let dir: string;
let documentId: string;
let ids: string[];

interface RowState {
  paragraph_id: string;
  text: string;
  status: string;
  version: number;
}

async function rows(client: AppClient = serviceClient()): Promise<RowState[]> {
  const { data, error } = await client
    .from('translations')
    .select('paragraph_id,text,status,version,paragraphs!inner(document_id,position)')
    .eq('paragraphs.document_id', documentId)
    .order('paragraphs(position)');
  expect(error).toBeNull();
  return (data ?? []).map(({ paragraph_id, text, status, version }) => ({ paragraph_id, text, status, version }));
}

async function revisionCount(): Promise<Map<string, number>> {
  const { data } = await serviceClient().from('translation_revisions').select('translation_id,translations!inner(paragraph_id)').in('translations.paragraph_id', ids);
  const counts = new Map<string, number>();
  for (const r of (data ?? []) as unknown as { translations: { paragraph_id: string } }[]) counts.set(r.translations.paragraph_id, (counts.get(r.translations.paragraph_id) ?? 0) + 1);
  return counts;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-interop-'));
  team = await signInTeam();
  const { data: project } = await team.owner.from('projects').insert({ name: `Interop ${Date.now()}` }).select().single();
  await team.owner.rpc('add_project_member', { p_project_id: project!.id, p_email: DEMO.translator, p_role: 'translator' });
  await team.owner.rpc('add_project_member', { p_project_id: project!.id, p_email: DEMO.reviewer, p_role: 'reviewer' });
  await team.owner.rpc('add_project_member', { p_project_id: project!.id, p_email: DEMO.researcher, p_role: 'researcher' });
  ({ documentId, paragraphIds: ids } = await importDocument(team.owner, project!.id, {
    title: TITLE,
    paragraphs: PARAGRAPHS.map((text, i) => ({ position: i + 1, kind: i === 0 ? 'heading' : i === 5 ? 'closing' : 'body', text })),
  }));
  // Three rows translated, one of them approved by the reviewer; a researcher's note, approved.
  for (const [k, text] of [[0, 'I'], [1, 'The two sides decide to strengthen cooperation.'], [2, 'The two sides agree to expand trade.']] as const) {
    const saved = await team.translator.rpc('save_translation', { p_paragraph_id: ids[k]!, p_expected_version: 0, p_body: null as never, p_text: text, p_status: 'translated' });
    expect(saved.error).toBeNull();
  }
  const { data: t1 } = await team.reviewer.from('translations').select('id,version').eq('paragraph_id', ids[1]!).single();
  expect((await team.reviewer.rpc('review_translation', { p_translation_id: t1!.id, p_decision: 'approved', p_comment: '', p_version: t1!.version })).error).toBeNull();
  const { data: note } = await team.researcher
    .from('annotations')
    .insert({ paragraph_id: ids[1]!, status: 'submitted', body_text: 'Cooperation: 合作', kind: 'term', quote_exact: '合作', start_offset: 6, end_offset: 8 })
    .select()
    .single();
  expect((await team.reviewer.rpc('review_annotation', { p_annotation_id: note!.id, p_decision: 'approved', p_comment: '', p_version: note!.version })).error).toBeNull();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run export', { timeout: 120_000 }, () => {
  it('writes a TMX that translate-toolkit reads with the translated rows', async () => {
    const file = path.join(dir, 'doc.tmx');
    const result = await cli('export', ['--format', 'tmx', '--document', TITLE, '-o', file]);
    expect(result.errors).toEqual([]);
    expect(result.stdout).toMatch(/^wrote .*doc\.tmx \(tmx, \d+ bytes\): ".*": 3 rows, 1 notes\n$/);
    const tmx = await translateToolkit('tmx', file);
    expect(tmx.units.map((u) => [u.id, u.source, u.target])).toEqual([
      [ids[0], '一', 'I'],
      [ids[1], '双方决定加强合作。', 'The two sides decide to strengthen cooperation.'],
      [ids[2], '双方同意扩大贸易。', 'The two sides agree to expand trade.'],
    ]);
    const xml = await readFile(file, 'utf8');
    expect(xml).toContain('<prop type="x-reviewer">Demo Reviewer</prop>');
    expect(xml).toContain('creationid="Demo Translator"');
    expect(xml).toContain('Cooperation: 合作');
  });

  it('exports a whole project as one zip and refuses bad arguments in one line', async () => {
    const bad = await cli('export', ['--format', 'pdf', '--document', TITLE, '-o', path.join(dir, 'x')]);
    expect([bad.code, bad.errors]).toEqual([2, ['export: --format must be one of tmx, xliff12, xliff21, docx, jsonld, csv, txt, md, intertext, not "pdf"']]);
    const missing = await cli('export', ['--format', 'csv', '--document', 'no such document', '-o', path.join(dir, 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.errors).toEqual([expect.stringMatching(/^export: document "no such document" not found/)]);
  });
});

describe('the round trip through a CAT tool', { timeout: 180_000 }, () => {
  it('export XLIFF, change two units with translate-toolkit, import: exactly those two rows change, as drafts, with revisions', async () => {
    const file = path.join(dir, 'round-trip.xlf');
    expect((await cli('export', ['--format', 'xliff12', '--document', TITLE, '-o', file])).code).toBe(0);
    const before = await rows();
    const revisionsBefore = await revisionCount();

    await run(PYTHON, [path.join(FIXTURES, 'translate_toolkit_edit.py'), file, `${ids[2]}=The two sides agree to widen trade.`, `${ids[3]}=The two sides support connectivity.`]);
    const result = await cli('import-translations', ['--document', documentId, '--as', DEMO.translator, file]);
    expect(result.errors).toEqual([]);
    expect(result.stdout).toContain('6 units: 2 rows to change, 2 unchanged, 0 older than Duizhao\'s, 2 without English, 0 conflicts');
    expect(result.stdout).toContain('imported: 2 rows written as drafts');

    const after = await rows();
    const changed = after.filter((row, k) => JSON.stringify(row) !== JSON.stringify(before[k]));
    expect(changed).toEqual([
      { paragraph_id: ids[2], text: 'The two sides agree to widen trade.', status: 'draft', version: before[2]!.version + 1 },
      { paragraph_id: ids[3], text: 'The two sides support connectivity.', status: 'draft', version: before[3]!.version + 1 },
    ]);
    const revisionsAfter = await revisionCount();
    for (const [k, id] of ids.entries()) expect(revisionsAfter.get(id) ?? 0).toBe((revisionsBefore.get(id) ?? 0) + (k === 2 || k === 3 ? 1 : 0));
    const { data: revision } = await serviceClient()
      .from('translation_revisions')
      .select('author_id,status,translations!inner(paragraph_id)')
      .eq('translations.paragraph_id', ids[3]!)
      .single();
    expect(revision).toMatchObject({ author_id: team.ids.translator, status: 'draft' });

    // The same file again: those rows now hold its English, nothing to write.
    const again = await cli('import-translations', ['--document', documentId, file]);
    expect(again.stdout).toContain('nothing to write');
  });

  it('never overwrites newer work: a row saved after the export is listed as a conflict and left alone', async () => {
    const file = path.join(dir, 'conflict.xlf');
    expect((await cli('export', ['--format', 'xliff21', '--document', TITLE, '-o', file])).code).toBe(0);
    const current = (await rows())[4]!;
    expect((await team.translator.rpc('save_translation', { p_paragraph_id: ids[4]!, p_expected_version: current.version, p_body: null as never, p_text: 'Dialogue continues.', p_status: 'draft' })).error).toBeNull();
    const xml = (await readFile(file, 'utf8')).replace(
      new RegExp(`(<unit id="${ids[4]}"[^]*?</source>)`),
      '$1\n          <target xml:space="preserve">The two sides will keep talking.</target>',
    );
    await writeFile(file, xml);
    const before = await rows();
    const result = await cli('import-translations', ['--document', documentId, file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/conflict ¶5 \(saved in Duizhao since the export, left alone\): Duizhao "Dialogue continues\.", file "The two sides will keep talking\."/);
    expect(await rows()).toEqual(before);
  });

  it('a TMX written by translate-toolkit fills rows matched by their Chinese text', async () => {
    const file = path.join(dir, 'memory.tmx');
    await run(PYTHON, [
      path.join(FIXTURES, 'translate_toolkit_write_tmx.py'),
      file,
      `${PARAGRAPHS[5]}=Shanghai, 19 May 2014`,
      // The same Chinese spaced differently, with the English the row already has: nothing to do.
      `双方决定 加强合作。=The two sides decide to strengthen cooperation.`,
      '别的文件里的句子。=A sentence of another file.',
    ]);
    const before = await rows();
    const result = await cli('import-translations', ['--document', TITLE, '--as', DEMO.translator, file]);
    expect(result.errors).toEqual([]);
    expect(result.stdout).toContain('3 units: 1 row to change, 1 unchanged');
    expect(result.stdout).toContain('imported: 1 row written as drafts');
    const after = await rows();
    expect(after.filter((row, k) => JSON.stringify(row) !== JSON.stringify(before[k]))).toEqual([
      { paragraph_id: ids[5], text: 'Shanghai, 19 May 2014', status: 'draft', version: before[5]!.version + 1 },
    ]);
  });

  it('a bad file is one clear error and changes nothing', async () => {
    const before = await rows();
    const notXml = path.join(dir, 'bad.xlf');
    await writeFile(notXml, 'this is not XML');
    const result = await cli('import-translations', ['--document', documentId, notXml]);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/^import-translations: .*bad\.xlf: The file is not XML/)]);
    const foreign = path.join(dir, 'foreign.xlf');
    await writeFile(
      foreign,
      '<xliff version="1.2"><file source-language="zh-CN" target-language="en" original="x" datatype="plaintext"><body><trans-unit id="x1"><source>别的文件。</source><target>Another file.</target></trans-unit></body></file></xliff>',
    );
    const unmatched = await cli('import-translations', ['--document', documentId, foreign]);
    expect(unmatched.code).toBe(1);
    expect(unmatched.errors).toEqual([expect.stringMatching(/The file's one unit matches no row of this document by id/)]);
    expect(await rows()).toEqual(before);
  });
});
