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
import {
  DEFAULT_MAX_BYTES, ImportError, countParagraphs, parseDocument, toImportPayload, type ParseOptions, type ParsedDocument,
} from '../src/domain/import/index.ts';
import type { Json } from '../src/data/database.types.ts';
import { CliError, connect, describeFailure, findProject, runCli } from './lib/cli.ts';

const DEFAULT_PROJECT = 'Demo';

const USAGE = 'usage: npm run import -- [--dry-run] [--project NAME] [--title T] [--no-title-line] [--max-mb N] FILE...';

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

async function importAll(parsed: Parsed[], projectName: string): Promise<void> {
  const connection = connect();
  const { client, url } = connection;
  const projectId = await findProject(connection, projectName);
  for (const { file, doc } of parsed) {
    const { data, error } = await client.rpc('import_document', { p_project_id: projectId, p_document: toImportPayload(doc) as unknown as Json });
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

runCli('import', main);
