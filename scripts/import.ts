/**
 * Imports exported or plain-text Chinese documents into a Duizhao project.
 *
 *   npm run import -- [--dry-run] [--project NAME] [--title T] [--no-title-line] [--max-mb N] FILE...
 *
 * --dry-run prints the parse result as JSON (one object, or an array for several files) and
 * touches no database. Otherwise each file is saved whole through the import_document RPC, on
 * SUPABASE_URL (or VITE_SUPABASE_URL) with SUPABASE_SERVICE_ROLE_KEY, defaulting to the local
 * stack. Any error prints one line on stderr and exits non-zero; nothing is imported after it.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import {
  DEFAULT_MAX_BYTES, ImportError, countParagraphs, parseDocument, toImportPayload, type ParseOptions, type ParsedDocument,
} from '../src/domain/import/index.ts';

const LOCAL_URL = 'http://127.0.0.1:54321';
// The Supabase CLI's well-known local service_role key (public, for local development only).
const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
const DEFAULT_PROJECT = 'Demo';

const USAGE = 'usage: npm run import -- [--dry-run] [--project NAME] [--title T] [--no-title-line] [--max-mb N] FILE...';

class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

interface Parsed {
  file: string;
  doc: ParsedDocument;
}

function readOptions(argv: string[]) {
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
  const parse: ParseOptions = { maxBytes };
  if (values.title !== undefined) parse.title = values.title;
  if (values['no-title-line']) parse.firstLineIsTitle = false;
  return { dryRun: values['dry-run'], project: values.project, files: positionals, parse };
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

function describeFailure(url: string, error: { message: string; code?: string; details?: string | null }): string {
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|network/i.test(`${error.message} ${error.details ?? ''}`)) {
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

async function importAll(parsed: Parsed[], projectName: string): Promise<void> {
  const url = process.env.SUPABASE_URL ?? process.env.VITE_SUPABASE_URL ?? LOCAL_URL;
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY ?? LOCAL_SERVICE_ROLE_KEY;
  const client = createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket, which realtime-js needs as soon as a client is created.
    realtime: { transport: WebSocket as never },
  });
  const projectId = await findProject(client, url, projectName);
  for (const { file, doc } of parsed) {
    const { data, error } = await client.rpc('import_document', { p_project_id: projectId, p_document: toImportPayload(doc) });
    if (error) throw new CliError(`${file}: import failed: ${describeFailure(url, error)}`);
    const counts = countParagraphs(doc);
    console.log(
      `${file}: imported as document ${String(data)} into "${projectName}": ${counts.total} paragraphs ` +
        `(${counts.body} body, ${counts.heading} headings, ${counts.closing} closing), ${doc.keywords.length} keywords`,
    );
    for (const warning of doc.warnings) console.log(`  note: ${warning}`);
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const parsed: Parsed[] = [];
  // Parse everything first: a bad file stops the run before anything is written.
  for (const file of options.files) parsed.push(await parseFile(file, options.parse));
  if (options.dryRun) {
    const json = parsed.length === 1 ? asJson(parsed[0]!) : parsed.map(asJson);
    console.log(JSON.stringify(json, null, 2));
    return;
  }
  await importAll(parsed, options.project);
}

main().catch((error: unknown) => {
  const cli = error instanceof CliError ? error : new CliError(error instanceof Error ? error.message : String(error));
  console.error(`import: ${cli.message.replace(/\s*\n\s*/g, ' ')}`);
  process.exitCode = cli.exitCode;
});
