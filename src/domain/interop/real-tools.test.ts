// Every export read back by software written elsewhere: Debian's translate-toolkit (TMX, XLIFF 1.2
// and its xliff2po converter), the xliff package (XLIFF 2.x), LibreOffice headless (DOCX → text,
// and DOCX → OpenDocument for the comments, footnotes, headings and fonts it understood), Python's
// csv and ElementTree modules (notes CSV, InterText), and the W3C Web Annotation model's required
// shape (JSON-LD).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import xliff2js from 'xliff/xliff2js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderExport, type ExportFormat } from './export.ts';
import { personName } from './model.ts';
import { buildRows, selectNotes, selectRows } from './rows.ts';
import { NOTE_CSV_COLUMNS } from './csv.ts';
import { attr, findAll, localName, parseXml, textContent, type XmlElement } from './xml.ts';
import type { TextLayout } from './text.ts';
import { OPTIONS, sampleExport } from './fixtures/sample-export.ts';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const READER = fileURLToPath(new URL('./fixtures/translate_toolkit_read.py', import.meta.url));
const PYTHON_READER = fileURLToPath(new URL('./fixtures/python_read.py', import.meta.url));
const doc = sampleExport();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-interop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportTo(format: ExportFormat, options: { rows?: 'approved' | 'translated' | 'all'; layout?: TextLayout } = {}): Promise<string> {
  return (await exportFiles(format, options))[0]!;
}

/** Every file of an export, written to the scratch folder; their paths in order. */
async function exportFiles(format: ExportFormat, options: { rows?: 'approved' | 'translated' | 'all'; layout?: TextLayout } = {}): Promise<string[]> {
  const files = await renderExport(doc, { ...OPTIONS, rows: options.rows ?? 'all', format, layout: options.layout });
  return Promise.all(
    files.map(async (file) => {
      const target = path.join(dir, `${format}-${options.layout ?? ''}-${options.rows ?? 'all'}-${file.name}`);
      await writeFile(target, file.data);
      return target;
    }),
  );
}

/** Converts files with LibreOffice headless (a profile of its own, so a LibreOffice running elsewhere does not take the job). */
async function libreOffice(to: string, files: string[]): Promise<Record<string, string>> {
  const out = path.join(dir, `lo-${to.split(':')[0]}`);
  await run('/usr/bin/soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', to, '--outdir', out, ...files], { timeout: 120_000 });
  return Object.fromEntries(await Promise.all((await readdir(out)).map(async (f) => [f, await readFile(path.join(out, f), 'utf8')] as const)));
}

interface ToolkitUnit {
  id: string;
  source: string;
  target: string | null;
  notes: string;
  approved?: boolean;
  state?: string | null;
  languages?: string[];
}

async function translateToolkit(kind: 'tmx' | 'xliff', file: string): Promise<{ source_language?: string; target_language?: string; units: ToolkitUnit[] }> {
  const { stdout } = await run(PYTHON, [READER, kind, file], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

const expectedRows = (rows: 'approved' | 'translated' | 'all') => selectRows(buildRows(doc, OPTIONS.notes), rows);

describe('translate-toolkit reads the TMX', () => {
  it.each(['approved', 'translated', 'all'] as const)('rows: %s', async (rows) => {
    const tmx = await translateToolkit('tmx', await exportTo('tmx', { rows }));
    const expected = expectedRows(rows);
    expect(tmx.units.map((u) => u.id)).toEqual(expected.map((r) => r.head.id));
    expect(tmx.units.map((u) => u.source)).toEqual(expected.map((r) => r.source));
    expect(tmx.units.map((u) => u.target ?? '')).toEqual(expected.map((r) => r.target));
    expect(tmx.units.every((u) => u.languages![0] === 'zh-CN' && (u.languages!.length === 1 || u.languages![1] === 'en'))).toBe(true);
  });
});

describe('translate-toolkit reads the XLIFF 1.2', () => {
  it('finds every unit with its id, text, language pair, approval and notes', async () => {
    const file = await exportTo('xliff12');
    const xlf = await translateToolkit('xliff', file);
    const expected = expectedRows('all');
    expect([xlf.source_language, xlf.target_language]).toEqual(['zh-CN', 'en']);
    expect(xlf.units.map((u) => u.id)).toEqual(expected.map((r) => r.head.id));
    expect(xlf.units.map((u) => u.source)).toEqual(expected.map((r) => r.source));
    expect(xlf.units.map((u) => u.target ?? '')).toEqual(expected.map((r) => r.target));
    expect(xlf.units.map((u) => u.approved)).toEqual(expected.map((r) => r.status === 'approved'));
    expect(xlf.units.map((u) => u.state ?? null)).toEqual(
      expected.map((r) => ({ empty: null, draft: 'needs-review-translation', translated: 'translated', approved: 'signed-off' })[r.status]),
    );
    expect(xlf.units[0]!.notes).toContain('亚洲相互协作与信任措施会议');
  });

  it('xliff2po converts it to a PO catalogue with every translated unit', async () => {
    const po = path.join(dir, 'out.po');
    await run('/usr/bin/xliff2po', ['--progress=none', await exportTo('xliff12', { rows: 'translated' }), po]);
    // PO wraps long strings over several quoted lines; join them back.
    const catalogue = (await readFile(po, 'utf8')).replace(/"\n"/g, '');
    for (const row of expectedRows('translated')) {
      expect(catalogue).toContain(`msgstr "${row.target.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`);
    }
  });
});

describe('the xliff package reads the XLIFF 2.1', () => {
  it('finds every unit by id with its source and target', async () => {
    const js = (await xliff2js(await readFile(await exportTo('xliff21'), 'utf8'))) as {
      sourceLanguage: string;
      targetLanguage: string;
      resources: Record<string, Record<string, any>>;
    };
    expect([js.sourceLanguage, js.targetLanguage]).toEqual(['zh-CN', 'en']);
    // Groups come back as nested objects with their own units.
    const units: [string, { source: string; target?: string }][] = [];
    const walk = (entries: Record<string, any>) => {
      for (const [id, value] of Object.entries(entries)) {
        if (value && typeof value === 'object' && 'source' in value) units.push([id, value]);
        else if (value && typeof value === 'object' && value.groupUnits) walk(value.groupUnits);
      }
    };
    walk(js.resources.f1!);
    const expected = expectedRows('all');
    expect(units.map(([id]) => id).sort()).toEqual(expected.map((r) => r.head.id).sort());
    const byId = new Map(units);
    for (const row of expected) {
      expect(byId.get(row.head.id)!.source).toBe(row.source);
      expect(byId.get(row.head.id)!.target ?? '').toBe(row.target);
    }
  });
});

describe('LibreOffice opens the Word documents', () => {
  it('both layouts read back as text with every row, Chinese and English', async () => {
    const bilingual = await exportTo('docx', { layout: 'bilingual' });
    const english = await exportTo('docx', { layout: 'english' });
    const texts = await libreOffice('txt:Text (encoded):UTF8', [bilingual, english]);
    const read = (file: string) => texts[path.basename(file).replace(/\.docx$/, '.txt')]!;
    const rows = expectedRows('all');
    const zhEn = read(bilingual);
    expect(zhEn).toContain(doc.title);
    for (const row of rows) {
      for (const p of row.paragraphs) expect(zhEn).toContain(p.text.split('\u3000')[0]);
      for (const line of row.target.split('\n')) expect(zhEn).toContain(line.split('\t')[0]);
    }
    // Footnote numbers stand in the English text after the phrases notes are about: digits aside.
    const en = read(english);
    const bare = (text: string) => text.replace(/\d+/g, '');
    for (const row of rows) {
      if (row.target) for (const line of row.target.split('\n')) expect(bare(en)).toContain(bare(line.split('\t')[0]!));
      else expect(en).toContain(`[¶${row.head.position}`);
    }
    expect(en).not.toContain(rows[0]!.source);
  }, 180_000);

  it('finds the notes as comments on their phrases (bilingual) and footnotes after them (English), headings as headings, the Chinese in its CJK font', async () => {
    const bilingual = await exportTo('docx', { layout: 'bilingual' });
    const english = await exportTo('docx', { layout: 'english' });
    const odt = await libreOffice('fodt', [bilingual, english]);
    const zhEn = parseXml(odt[path.basename(bilingual).replace(/\.docx$/, '.fodt')]!);
    const en = parseXml(odt[path.basename(english).replace(/\.docx$/, '.fodt')]!);
    const rows = expectedRows('all');
    const notes = selectNotes(doc.notes, OPTIONS.notes);

    // Each comment: its author, and the text its range covers — the phrase quoted, or the whole paragraph.
    const wholeText = (id: string, target: 'source' | 'translation') => {
      const row = rows.find((r) => r.paragraphs.some((p) => p.id === id))!;
      return target === 'source' ? row.paragraphs.find((p) => p.id === id)!.text : row.target;
    };
    const expected = notes.map((n) => [personName(doc, n.authorId), (n.exact ?? wholeText(n.paragraphId, n.target)).replace(/\u3000/g, '\t')]);
    const comments = loComments(zhEn);
    expect(comments.map((c) => [c.creator, c.range]).sort()).toEqual(expected.sort());
    const cica = comments.find((c) => c.range === '亚洲相互协作与信任措施会议')!;
    expect(cica.body).toContain('Conference on Interaction and Confidence-Building Measures in Asia (CICA), founded 1992.');
    expect(cica.body).toContain('Use the official English name throughout.');

    // Headings: one level-1 heading per heading row, in both layouts.
    const headings = rows.filter((r) => r.head.kind === 'heading');
    for (const root of [zhEn, en]) {
      const found = findAll(root, 'h');
      expect(found.map((h) => attr(h, 'outline-level'))).toEqual(headings.map(() => '1'));
    }
    expect(findAll(en, 'h').map((h) => textContent(h).replace(/\d+$/, ''))).toEqual(headings.map((r) => r.target || `[¶${r.head.position} not translated]`));

    // The paragraph style of the Chinese: Noto Serif CJK SC, Chinese (China).
    const style = findAll(zhEn, 'style').find((s) => attr(s, 'display-name') === 'Chinese source')!;
    const props = findAll(style, 'text-properties')[0]!;
    expect([attr(props, 'font-name-asian'), attr(props, 'language-asian'), attr(props, 'country-asian')]).toEqual(['Noto Serif CJK SC', 'zh', 'CN']);

    // English only: one footnote per note; a note on the English stands right after its phrase.
    const footnotes = loFootnotes(en);
    expect(footnotes).toHaveLength(notes.length);
    const onEnglish = notes.find((n) => n.target === 'translation')!;
    const placed = footnotes.find((f) => f.body.includes(onEnglish.text))!;
    expect(placed.before).toMatch(new RegExp(`${onEnglish.exact!}$`));
  }, 180_000);
});

/** LibreOffice's comments: author, body, and the text between the comment and its end mark. */
function loComments(root: XmlElement): { creator: string; body: string; range: string }[] {
  const found = new Map<string, { creator: string; body: string; range: string }>();
  const open = new Set<string>();
  const walk = (el: XmlElement, inText: boolean) => {
    for (const c of el.children) {
      if (typeof c === 'string') {
        if (inText) for (const name of open) found.get(name)!.range += c;
        continue;
      }
      const name = localName(c.name);
      if (name === 'annotation') {
        const id = attr(c, 'name')!;
        found.set(id, { creator: textContent(findAll(c, 'creator')[0]!), body: findAll(c, 'p').map(textContent).join('\n'), range: '' });
        open.add(id);
      } else if (name === 'annotation-end') {
        open.delete(attr(c, 'name')!);
      } else if (name === 'tab') {
        for (const n of open) found.get(n)!.range += '\t';
      } else if (name === 's') {
        for (const n of open) found.get(n)!.range += ' '.repeat(Number(attr(c, 'c') ?? 1));
      } else {
        walk(c, inText || name === 'p' || name === 'h' || name === 'span');
      }
    }
  };
  walk(root, false);
  return [...found.values()];
}

/** LibreOffice's footnotes: the body, and the paragraph's text before the reference. */
function loFootnotes(root: XmlElement): { before: string; body: string }[] {
  const out: { before: string; body: string }[] = [];
  for (const p of [...findAll(root, 'p'), ...findAll(root, 'h')]) {
    let before = '';
    const walk = (el: XmlElement) => {
      for (const c of el.children) {
        if (typeof c === 'string') before += c;
        else if (localName(c.name) === 'note') out.push({ before, body: textContent(findAll(c, 'note-body')[0]!) });
        else walk(c);
      }
    };
    walk(p);
  }
  return out;
}

describe("Python's csv module reads the notes CSV", () => {
  it('one record per note and reply, every column, formula starts made inert', async () => {
    const { stdout } = await run(PYTHON, [PYTHON_READER, 'csv', await exportTo('csv')]);
    const records = JSON.parse(stdout) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([...NOTE_CSV_COLUMNS]);
    const notes = selectNotes(doc.notes, OPTIONS.notes);
    expect(records.filter((r) => r.type === 'note').map((r) => r.id).sort()).toEqual(notes.map((n) => n.id).sort());
    expect(records.filter((r) => r.type === 'reply').map((r) => r.reply_to)).toEqual(notes.flatMap((n) => n.replies.map(() => n.id)));
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const n of notes) {
      const text = n.text.trim();
      expect(byId.get(n.id)!.text).toBe(/^[=+\-@]/.test(text) ? `'${text}` : text);
      expect(byId.get(n.id)!.quote).toBe(n.exact ?? '');
    }
    // Spreadsheets would run these as formulas: each starts with an apostrophe instead.
    expect(records.every((r) => Object.values(r).every((v) => !/^[=+\-@\t\r]/.test(v)))).toBe(true);
  });
});

describe("Python's ElementTree reads the InterText files", () => {
  it('every link joins the Chinese of a row to its English, by the ids InterText uses', async () => {
    const [zh, en, alignment] = await exportFiles('intertext');
    const { stdout } = await run(PYTHON, [PYTHON_READER, 'intertext', zh!, en!, alignment!]);
    const read = JSON.parse(stdout) as { root: string; fromDoc: string; toDoc: string; links: { zh: string[]; en: string[]; type: string }[] };
    expect([read.root, read.fromDoc, read.toDoc]).toEqual(['linkGrp', path.basename(zh!).replace(/^intertext-+all-/, ''), path.basename(en!).replace(/^intertext-+all-/, '')]);
    const rows = expectedRows('all');
    expect(read.links.map((l) => l.zh.join('\n'))).toEqual(rows.map((r) => r.source));
    expect(read.links.map((l) => l.en.join('\n'))).toEqual(rows.map((r) => r.target.split('\n').map((line) => line.trim()).filter(Boolean).join('\n')));
    expect(read.links.every((l) => l.type === `${l.en.length}-${l.zh.length}`)).toBe(true);
  });
});

// The W3C Web Annotation Data Model's requirements, as a schema: context, types, ids, targets, selectors.
const iri = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i);
const textQuote = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string().optional(), suffix: z.string().optional() });
const textPosition = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).refine((s) => s.start <= s.end);
const specificResource = z.object({ type: z.literal('SpecificResource'), source: iri, selector: z.array(z.union([textQuote, textPosition])).optional() });
const textualBody = z.object({ type: z.literal('TextualBody'), value: z.string(), format: z.string().optional(), purpose: z.string().optional() });
const motivation = z.enum(['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging']);
const agent = z.object({ id: iri.optional(), type: z.enum(['Person', 'Organization', 'Software']), name: z.string().optional() });
const annotationSchema = z.object({
  id: iri,
  type: z.literal('Annotation'),
  motivation,
  creator: agent,
  created: z.iso.datetime(),
  modified: z.iso.datetime().optional(),
  body: z.array(textualBody).min(1),
  target: z.union([specificResource, iri]),
});
const collectionSchema = z.object({
  '@context': z.literal('http://www.w3.org/ns/anno.jsonld'),
  id: iri,
  type: z.literal('AnnotationCollection'),
  label: z.string(),
  total: z.number().int(),
  first: z.object({ id: iri, type: z.literal('AnnotationPage'), partOf: iri, startIndex: z.number().int(), items: z.array(annotationSchema) }),
});

describe('the JSON-LD validates against the Web Annotation model', () => {
  it.each(['approved', 'shared'] as const)('notes: %s', async (notes) => {
    const [file] = await renderExport(doc, { ...OPTIONS, notes, format: 'jsonld' });
    const json = JSON.parse(file!.data as string);
    const parsed = collectionSchema.parse(json);
    expect(parsed.total).toBe(parsed.first.items.length);
    for (const item of parsed.first.items) {
      if (typeof item.target === 'string') continue;
      const selectors = item.target.selector ?? [];
      const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
      const position = selectors.find((s) => s.type === 'TextPositionSelector');
      expect(!!quote).toBe(!!position);
    }
  });
});
