import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = 'supabase/seed-data/000_6c702e8dc57f7cba.txt';
const FIXTURES = 'src/domain/import/fixtures';

interface Run {
  code: number;
  stdout: string;
  /** stderr without npm's own notices about its configuration. */
  errors: string[];
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/import.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, errors: stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn')) });
    });
  });
}

describe('scripts/import.ts', { timeout: 60_000 }, () => {
  it('--dry-run prints the sample as JSON and touches no database', async () => {
    // An unreachable server proves that a dry run never connects.
    const run = await cli(['--dry-run', SAMPLE], { SUPABASE_URL: 'http://127.0.0.1:9' });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      file: SAMPLE,
      title: '中华人民共和国和哈萨克斯坦共和国联合宣言',
      published_on: '2014-05-20',
      collection: '习近平系列重要讲话数据库',
      source_line: '（新华社上海5月19日电）',
      metadata: { 发布时间: '2014-05-20' },
      encoding: 'UTF-8',
    });
    expect(json.keywords).toHaveLength(20);
    expect(json.warnings).toContain('The export repeated the text: the copy of 53 paragraphs, lines 116–168, was removed.');
    const kinds = (json.paragraphs as { kind: string }[]).map((p) => p.kind);
    expect([kinds.filter((k) => k === 'body').length, kinds.filter((k) => k === 'heading').length, kinds.filter((k) => k === 'closing').length]).toEqual([41, 6, 6]);
    expect(json.paragraphs[0]).toMatchObject({ position: 1, kind: 'body' });
  });

  it('prints an array for several files and applies --title to one', async () => {
    const several = await cli(['--dry-run', `${FIXTURES}/plain-text.txt`, `${FIXTURES}/legit-repeat.txt`]);
    expect(several.code).toBe(0);
    expect((JSON.parse(several.stdout) as { title: string }[]).map((d) => d.title)).toEqual(['乡村振兴调研笔记', '在区域合作论坛开幕式上的致辞']);
    const titled = await cli(['--dry-run', '--title', '调研笔记', `${FIXTURES}/plain-text.txt`]);
    expect(JSON.parse(titled.stdout)).toMatchObject({ title: '调研笔记', paragraphs: [{ text: '乡村振兴调研笔记' }, {}, {}, {}] });
  });

  it.each([
    [[`${FIXTURES}/cut-mid-utf8.txt`], 1, /^import: .*cut-mid-utf8\.txt: Invalid UTF-8 at byte offset 237: /],
    [[`${FIXTURES}/empty.txt`], 1, /^import: .*empty\.txt: The file is empty \(0 bytes\)\.$/],
    [[`${FIXTURES}/binary-junk.bin`], 1, /^import: .*binary-junk\.bin: The file is binary/],
    [['--max-mb', '0.01', SAMPLE], 1, /^import: .*: The file is 22\.0 KB, over the 10\.2 KB limit\.$/],
    [['missing-file.txt'], 1, /^import: missing-file\.txt: no such file$/],
    [[], 2, /^import: no FILE given; usage: /],
    [['--title', 'T', SAMPLE, SAMPLE], 2, /^import: --title applies to a single FILE$/],
    [['--jobs', '0', SAMPLE], 2, /^import: --jobs must be a whole number from 1 to 64, not "0"$/],
  ] as const)('%j exits %i with one line on stderr', async (args, code, message) => {
    const run = await cli(['--dry-run', ...args]);
    expect(run.code).toBe(code);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('a dry run stops at the first bad file', async () => {
    const run = await cli(['--dry-run', SAMPLE, `${FIXTURES}/empty.txt`, SAMPLE]);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/empty\.txt: The file is empty/)]);
    expect(run.stdout).toBe('');
  });

  it('a directory stands for its files: subdirectories included, hidden files skipped, in name order', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-import-cli-'));
    try {
      const sample = await readFile(path.join(ROOT, SAMPLE));
      await mkdir(path.join(dir, 'b'));
      await writeFile(path.join(dir, 'b', '10.txt'), sample);
      await writeFile(path.join(dir, 'b', '9.txt'), sample);
      await writeFile(path.join(dir, 'a.txt'), await readFile(path.join(ROOT, FIXTURES, 'plain-text.txt')));
      await writeFile(path.join(dir, '.hidden.txt'), 'not an export');
      const run = await cli(['--dry-run', dir]);
      expect(run.errors).toEqual([]);
      expect((JSON.parse(run.stdout) as { file: string }[]).map((d) => path.relative(dir, d.file))).toEqual(['a.txt', 'b/9.txt', 'b/10.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an empty directory is one clear error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-import-cli-'));
    try {
      const run = await cli([dir]);
      expect(run.code).toBe(1);
      expect(run.errors).toEqual([`import: no files in ${dir}`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an unreachable server is one clear error', async () => {
    const run = await cli([SAMPLE], { SUPABASE_URL: 'http://127.0.0.1:9' });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual(['import: looking up project "Demo": cannot reach the server at http://127.0.0.1:9 (fetch failed); is it running (npm start)?']);
  });
});
