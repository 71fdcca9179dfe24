/**
 * Exports a document, or every document of a project as one zip, in a standard format.
 *
 *   npm run export -- --format tmx|xliff12|xliff21|docx|jsonld|csv|txt|md|intertext
 *     [--project NAME] [--document TITLE_OR_ID] [--rows approved|translated|all]
 *     [--notes none|approved|shared] [--layout bilingual|english] [--base-url URL] -o FILE
 *
 * Reads through SUPABASE_URL (or VITE_SUPABASE_URL) with SUPABASE_SERVICE_ROLE_KEY, defaulting to
 * the local stack. Notes are never exported as drafts. `-o -` writes to standard output. Any
 * error prints one line on stderr and exits non-zero; nothing is written then.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fetchExportDocument, fetchProjectDocuments } from '../src/data/interop.ts';
import {
  EXPORT_FORMATS, LAYOUT_FORMATS, buildRows, fileStem, isExportFormat, packDocument, renderExport, selectRows, zipFiles,
  type ExportFormat, type NoteSelection, type RenderOptions, type RowSelection, type TextLayout, type ZipEntry,
} from '../src/domain/interop/index.ts';
import { CliError, connect, describeFailure, findDocument, findProject, runCli, type Connection } from './lib/cli.ts';

const USAGE =
  'usage: npm run export -- --format tmx|xliff12|xliff21|docx|jsonld|csv|txt|md|intertext [--project NAME] [--document TITLE_OR_ID] ' +
  '[--rows approved|translated|all] [--notes none|approved|shared] [--layout bilingual|english] [--base-url URL] -o FILE';
const DEFAULT_BASE_URL = 'http://127.0.0.1:4173';

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`, 2);
  return value as T;
}

function readOptions(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        project: { type: 'string' },
        document: { type: 'string' },
        rows: { type: 'string' },
        notes: { type: 'string' },
        layout: { type: 'string' },
        'base-url': { type: 'string' },
        output: { type: 'string', short: 'o' },
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
  if (!values.format) throw new CliError(`no --format given; ${USAGE}`, 2);
  if (!isExportFormat(values.format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${values.format}"`, 2);
  const format: ExportFormat = values.format;
  if (!values.output) throw new CliError(`no -o FILE given; ${USAGE}`, 2);
  if (!values.document && !values.project) throw new CliError('name a --document, or a --project to export all its documents', 2);
  if (values.layout !== undefined && !LAYOUT_FORMATS.includes(format)) throw new CliError(`--layout applies to ${LAYOUT_FORMATS.join(', ')} only`, 2);
  const rows = oneOf<RowSelection>('rows', values.rows, ['approved', 'translated', 'all'], format === 'tmx' ? 'translated' : 'all');
  const notes = oneOf<NoteSelection>('notes', values.notes, ['none', 'approved', 'shared'], format === 'tmx' || format === 'docx' ? 'approved' : 'shared');
  const layout = values.layout === undefined ? undefined : oneOf<TextLayout>('layout', values.layout, ['bilingual', 'english'], 'bilingual');
  const baseUrl = values['base-url'] ?? process.env.DUIZHAO_APP_URL ?? DEFAULT_BASE_URL;
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new CliError(`--base-url must be an http(s) address, not "${baseUrl}"`, 2);
  return { format, rows, notes, layout, baseUrl, project: values.project, document: values.document, output: values.output };
}

async function exportDocument(connection: Connection, documentId: string, options: RenderOptions) {
  try {
    const doc = await fetchExportDocument(connection.client, documentId);
    const files = await renderExport(doc, options);
    const rows = selectRows(buildRows(doc, options.notes), options.rows);
    return { doc, files, rows: rows.length, notes: rows.reduce((n, r) => n + r.notes.length, 0) };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`exporting document ${documentId}: ${describeFailure(connection.url, error as { message: string })}`);
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const connection = connect();
  const projectId = options.project ? await findProject(connection, options.project) : undefined;
  const render: RenderOptions = {
    format: options.format,
    layout: options.layout,
    rows: options.rows,
    notes: options.notes,
    baseUrl: options.baseUrl,
    exportedAt: new Date().toISOString(),
    exportedBy: 'npm run export',
  };
  let data: string | Uint8Array;
  let summary: string;
  if (options.document) {
    const target = await findDocument(connection, options.document, projectId);
    const { doc, files, rows, notes } = await exportDocument(connection, target.id, render);
    const packed = await packDocument(doc, files, options.format);
    data = packed.data;
    summary = `"${doc.title}": ${rows} rows, ${notes} notes`;
  } else {
    const documents = await fetchProjectDocuments(connection.client, projectId!);
    if (documents.length === 0) throw new CliError(`project "${options.project}" has no documents`);
    const entries: ZipEntry[] = [];
    let rows = 0;
    for (const d of documents) {
      const result = await exportDocument(connection, d.id, render);
      rows += result.rows;
      for (const f of result.files) entries.push({ path: `${fileStem(options.project!)}/${f.name}`, data: f.data });
    }
    data = await zipFiles(entries);
    summary = `${documents.length} documents of "${options.project}": ${rows} rows`;
  }
  if (options.output === '-') {
    process.stdout.write(data);
    return;
  }
  try {
    await writeFile(options.output, data);
  } catch (error) {
    throw new CliError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  console.log(`wrote ${options.output} (${options.format}, ${bytes} bytes): ${summary}`);
}

runCli('export', main);
