import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fixturePath } from '../src/domain/align/fixtures/dev-set.ts';
import type { Link, LinkSpec } from '../src/domain/align/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;

async function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string[] }> {
  const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile('npx', ['tsx', 'scripts/align.ts', ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
  // npm may print its own configuration warnings; they are not the CLI's.
  const stderr = child.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
  return { status: child.code, stdout: child.stdout, stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'duizhao-align-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe.concurrent('scripts/align.ts', { timeout: 60_000 }, () => {
  it('aligns the sentences inside the paragraph links with --sentences, listing them', async () => {
    const { status, stdout, stderr } = await run('--sentences', fixturePath('speech.zh.txt'), fixturePath('speech.en.txt'));
    expect(stderr).toEqual([]);
    expect(status).toBe(0);
    const { links, sentences } = JSON.parse(stdout) as { links: Link[]; sentences: { zh: string[]; en: string[] } };
    expect(sentences.zh.length).toBeGreaterThan(10);
    // Every sentence of both sides is in exactly one link, in order.
    expect(links.flatMap((l) => l.zh)).toEqual(sentences.zh.map((_, i) => i));
    expect(links.flatMap((l) => l.en)).toEqual(sentences.en.map((_, i) => i));
    expect(links.filter((l) => l.zh.length === 1 && l.en.length === 1).length).toBeGreaterThan(links.length / 2);
  });

  it('prints the links of a fixture as JSON with 0-based paragraph indices', async () => {
    const { status, stdout, stderr } = await run(fixturePath('speech.zh.txt'), fixturePath('speech.en.txt'));
    expect(stderr).toEqual([]);
    expect(status).toBe(0);
    const { links, ratio } = JSON.parse(stdout) as { links: Link[]; ratio: number };
    expect(ratio).toBeGreaterThan(3);
    expect(links.map((l) => ({ zh: l.zh, en: l.en })).slice(0, 3)).toEqual([
      { zh: [0], en: [0] },
      { zh: [1], en: [1, 2] },
      { zh: [2], en: [3] },
    ]);
    for (const l of links) {
      expect(l.confidence).toBeGreaterThanOrEqual(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
      expect(Array.isArray(l.reasons)).toBe(true);
    }
  });

  it('reads GB18030 and UTF-16 files, one paragraph per line with --lines', async () => {
    const zh = file('zh.txt', iconv.encode('一\n双方将继续合作。\n', 'gb18030'));
    const en = file('en.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('I\nThe two sides will continue to cooperate.\n', 'utf16le')]));
    const { status, stdout } = await run('--lines', zh, en);
    expect(status).toBe(0);
    const links = (JSON.parse(stdout) as { links: LinkSpec[] }).links.map((l) => [l.zh, l.en]);
    expect(links).toEqual([
      [[0], [0]],
      [[1], [1]],
    ]);
  });

  it.each([
    ['a missing file', () => [join(tmp, 'missing.txt'), fixturePath('speech.en.txt')], /no such file/, 1],
    ['an empty file', () => [file('empty.txt', ''), fixturePath('speech.en.txt')], /empty/, 1],
    ['white space only', () => [file('blank.txt', '\n \u3000\n'), fixturePath('speech.en.txt')], /no paragraphs/, 1],
    ['undecodable bytes', () => [file('bad.txt', Uint8Array.from([0x61, 0x80, 0x80, 0xff, 0xff])), fixturePath('speech.en.txt')], /neither UTF-8/, 1],
    ['one file only', () => [fixturePath('speech.zh.txt')], /expected two files/, 2],
    ['an unknown option', () => ['--words', fixturePath('speech.zh.txt'), fixturePath('speech.en.txt')], /unknown option/, 2],
  ] as const)('fails with one clear line on stderr for %s', async (_, args, message, code) => {
    const { status, stdout, stderr } = await run(...args());
    expect(status).toBe(code);
    expect(stdout).toBe('');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^align: /);
    expect(stderr[0]).toMatch(message);
  });
});
