/**
 * Imports exported or plain-text Chinese documents into a Duizhao project.
 *
 *   npm run import -- [--dry-run] [--project NAME] [--jobs N] [--skip-existing] [--verbose]
 *                     [--title T] [--no-title-line] [--max-mb N] FILE|DIR...
 *
 * A directory stands for every file in it and its subdirectories (hidden ones skipped), in name
 * order. --dry-run prints the parse result as JSON (one object, or an array for several files),
 * touches no database and stops at the first bad file. Otherwise each file is saved whole through
 * the import_document RPC (one transaction per file), N at a time (default 4), on SUPABASE_URL (or
 * VITE_SUPABASE_URL) with SUPABASE_SERVICE_ROLE_KEY, defaulting to the local stack. A file that
 * cannot be read, parsed or saved is reported and the batch goes on; the run ends with a summary
 * and exits 1 if any file failed. On a terminal a progress bar shows how far it got; elsewhere each
 * file gets a line. --skip-existing leaves out files whose title and date the project already has
 * (so a run can be repeated after fixing the files that failed).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import {
  DEFAULT_MAX_BYTES, ImportError, countParagraphs, parseDocument, toImportPayload, type ParseOptions, type ParsedDocument,
} from '../src/domain/import/index.ts';
import { ProgressBar } from './lib/progress.ts';

const LOCAL_URL = 'http://127.0.0.1:54321';
// The Supabase CLI's well-known local service_role key (public, for local development only).
const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
const DEFAULT_PROJECT = 'Demo';
const DEFAULT_JOBS = 4;
/** Failed files listed again in the summary; the rest are counted. */
const SUMMARY_FAILURES = 20;

const USAGE =
  'usage: npm run import -- [--dry-run] [--project NAME] [--jobs N] [--skip-existing] [--verbose] [--title T] [--no-title-line] [--max-mb N] FILE|DIR...';

class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** The server cannot be reached: every later file would fail the same way, so the batch stops. */
class Unreachable extends CliError {}

interface Parsed {
  file: string;
  doc: ParsedDocument;
}

interface Options {
  dryRun: boolean;
  project: string;
  inputs: string[];
  parse: ParseOptions;
  jobs: number;
  skipExisting: boolean;
  verbose: boolean;
}

function readOptions(argv: string[]): Options {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        project: { type: 'string', default: DEFAULT_PROJECT },
        title: { type: 'string' },
        'no-title-line': { type: 'boolean', default: false },
        'max-mb': { type: 'string' },
        jobs: { type: 'string' },
        'skip-existing': { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}; ${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length === 0) throw new CliError(`no FILE given; ${USAGE}`, 2);
  if (values.title !== undefined && positionals.length > 1) throw new CliError('--title applies to a single FILE', 2);
  let maxBytes = DEFAULT_MAX_BYTES;
  if (values['max-mb'] !== undefined) {
    const mb = Number(values['max-mb']);
    if (!Number.isFinite(mb) || mb <= 0) throw new CliError(`--max-mb must be a positive number, not "${values['max-mb']}"`, 2);
    maxBytes = Math.floor(mb * 1024 * 1024);
  }
  let jobs = DEFAULT_JOBS;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new CliError(`--jobs must be a whole number from 1 to 64, not "${values.jobs}"`, 2);
  }
  const parse: ParseOptions = { maxBytes };
  if (values.title !== undefined) parse.title = values.title;
  if (values['no-title-line']) parse.firstLineIsTitle = false;
  return {
    dryRun: values['dry-run'],
    project: values.project,
    inputs: positionals,
    parse,
    jobs,
    skipExisting: values['skip-existing'],
    verbose: values.verbose,
  };
}

/** Files named on the command line, directories expanded (recursively, hidden entries skipped, in name order). */
async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  async function walk(dir: string): Promise<void> {
    const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
    entries.sort((a, b) => byName(a.name, b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  }
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    // A missing path stays in the list: reading it reports "no such file" for that entry.
    if (info?.isDirectory()) await walk(input);
    else files.push(input);
  }
  return files;
}

async function parseFile(file: string, options: ParseOptions): Promise<Parsed> {
  try {
    const size = (await stat(file)).size;
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    // Refuse before reading, so a huge file is never loaded.
    if (size > maxBytes) parseDocument(new Uint8Array(size), options);
    return { file, doc: parseDocument(new Uint8Array(await readFile(file)), options) };
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(`${file}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory`);
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}

function asJson({ file, doc }: Parsed) {
  return {
    file,
    title: doc.title,
    published_on: doc.published_on,
    keywords: doc.keywords,
    collection: doc.collection,
    source_line: doc.source_line,
    metadata: doc.metadata,
    encoding: doc.encoding,
    warnings: doc.warnings,
    paragraphs: doc.paragraphs,
  };
}

function isUnreachable(error: { message: string; details?: string | null }): boolean {
  return /fetch failed|ECONNREFUSED|ENOTFOUND|ECONNRESET|network/i.test(`${error.message} ${error.details ?? ''}`);
}

function describeFailure(url: string, error: { message: string; code?: string; details?: string | null }): string {
  if (isUnreachable(error)) {
    return `cannot reach the server at ${url} (${error.message.replace(/^TypeError: /, '')}); is it running (npm start)?`;
  }
  return error.code ? `${error.message} (${error.code})` : error.message;
}

async function findProject(client: SupabaseClient, url: string, name: string): Promise<string> {
  // The first request: fail at once when the server is down instead of retrying with back-off.
  const { data, error } = await client.from('projects').select('id, name').eq('name', name).limit(2).retry(false);
  if (error) throw new CliError(`looking up project "${name}": ${describeFailure(url, error)}`);
  if (!data || data.length === 0) throw new CliError(`project "${name}" not found on ${url}`);
  if (data.length > 1) throw new CliError(`more than one project is named "${name}"`);
  return (data[0] as { id: string }).id;
}

const documentKey = (title: string, publishedOn: string | null) => `${title}\u0000${publishedOn ?? ''}`;

/** Title and date of every document already in the project, a page at a time. */
async function existingDocuments(client: SupabaseClient, url: string, projectId: string): Promise<Set<string>> {
  const keys = new Set<string>();
  const page = 1000;
  for (let from = 0; ; from += page) {
    const { data, error } = await client
      .from('documents')
      .select('id, title, published_on')
      .eq('project_id', projectId)
      .order('id')
      .range(from, from + page - 1);
    if (error) throw new CliError(`listing the project's documents: ${describeFailure(url, error)}`);
    for (const d of data as { title: string; published_on: string | null }[]) keys.add(documentKey(d.title, d.published_on));
    if (data.length < page) return keys;
  }
}

const number = (n: number) => n.toLocaleString('en');

async function importAll(options: Options, files: readonly string[]): Promise<boolean> {
  const url = process.env.SUPABASE_URL ?? process.env.VITE_SUPABASE_URL ?? LOCAL_URL;
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY ?? LOCAL_SERVICE_ROLE_KEY;
  const client = createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket, which realtime-js needs as soon as a client is created.
    realtime: { transport: WebSocket as never },
  });
  const projectId = await findProject(client, url, options.project);
  const existing = options.skipExisting ? await existingDocuments(client, url, projectId) : undefined;

  const started = performance.now();
  const bar = new ProgressBar(files.length);
  const showEach = !bar.visible || options.verbose;
  const failures: string[] = [];
  const totals = { files: 0, skipped: 0, total: 0, body: 0, heading: 0, closing: 0 };
  let stopped: Unreachable | undefined;
  let next = 0;

  const progress = () =>
    bar.update({
      done: totals.files + totals.skipped,
      failed: failures.length,
      detail: `${number(totals.total)} paragraphs${totals.skipped ? `  ${totals.skipped} skipped` : ''}`,
    });

  async function importOne(file: string): Promise<void> {
    const { doc } = await parseFile(file, options.parse);
    const docKey = documentKey(doc.title, doc.published_on);
    if (existing?.has(docKey)) {
      totals.skipped++;
      if (showEach) bar.log(`${file}: skipped, "${doc.title}" (${doc.published_on ?? 'no date'}) is already in "${options.project}"`, process.stdout);
      return;
    }
    // Claimed before the request, so the same document twice in one batch is imported once.
    existing?.add(docKey);
    const { data, error } = await client.rpc('import_document', { p_project_id: projectId, p_document: toImportPayload(doc) });
    if (error) {
      existing?.delete(docKey);
      const message = `${file}: import failed: ${describeFailure(url, error)}`;
      throw isUnreachable(error) ? new Unreachable(message) : new CliError(message);
    }
    const counts = countParagraphs(doc);
    totals.files++;
    totals.total += counts.total;
    totals.body += counts.body;
    totals.heading += counts.heading;
    totals.closing += counts.closing;
    if (showEach) {
      bar.log(
        `${file}: imported as document ${String(data)} into "${options.project}": ${counts.total} paragraphs ` +
          `(${counts.body} body, ${counts.heading} headings, ${counts.closing} closing), ${doc.keywords.length} keywords`,
        process.stdout,
      );
      for (const warning of doc.warnings) bar.log(`  note: ${warning}`, process.stdout);
    }
  }

  async function worker(): Promise<void> {
    while (!stopped) {
      const i = next++;
      if (i >= files.length) return;
      try {
        await importOne(files[i]!);
      } catch (error) {
        const cli = error instanceof CliError ? error : new CliError(`${files[i]}: ${(error as Error).message}`);
        if (cli instanceof Unreachable) stopped ??= cli;
        failures.push(cli.message);
        bar.log(`import: ${cli.message}`, process.stderr);
      }
      progress();
    }
  }

  await Promise.all(Array.from({ length: Math.min(options.jobs, files.length) }, worker));
  bar.finish();

  const seconds = (performance.now() - started) / 1000;
  const attempted = totals.files + totals.skipped + failures.length;
  console.log(
    `Imported ${number(totals.files)} of ${number(files.length)} files into "${options.project}" in ${seconds.toFixed(1)} s ` +
      `(${(totals.files / seconds).toFixed(1)} files/s): ${number(totals.total)} paragraphs ` +
      `(${number(totals.body)} body, ${number(totals.heading)} headings, ${number(totals.closing)} closing; ` +
      `${number(Math.round(totals.total / seconds))} paragraphs/s); ${failures.length} failed, ${totals.skipped} skipped.`,
  );
  if (failures.length) {
    console.log('Failed:');
    for (const f of failures.slice(0, SUMMARY_FAILURES)) console.log(`  ${f}`);
    if (failures.length > SUMMARY_FAILURES) console.log(`  … and ${failures.length - SUMMARY_FAILURES} more (listed above)`);
  }
  if (stopped) console.log(`Stopped: the server stopped answering; ${number(files.length - attempted)} files were not attempted.`);
  return failures.length === 0;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const files = await expandInputs(options.inputs);
  if (files.length === 0) throw new CliError(`no files in ${options.inputs.join(', ')}`);
  if (options.parse.title !== undefined && files.length > 1) throw new CliError('--title applies to a single FILE', 2);
  if (options.dryRun) {
    const parsed: Parsed[] = [];
    // A parse check: the first bad file stops it.
    for (const file of files) parsed.push(await parseFile(file, options.parse));
    const json = parsed.length === 1 ? asJson(parsed[0]!) : parsed.map(asJson);
    console.log(JSON.stringify(json, null, 2));
    return;
  }
  if (!(await importAll(options, files))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  const cli = error instanceof CliError ? error : new CliError(error instanceof Error ? error.message : String(error));
  console.error(`import: ${cli.message.replace(/\s*\n\s*/g, ' ')}`);
  process.exitCode = cli.exitCode;
});
