/**
 * Brings translations done elsewhere back into a document: an XLIFF (1.2, 2.x) or TMX file, or an
 * InterText alignment (its two texts and linkGrp, three files).
 *
 *   npm run import-translations -- --document TITLE_OR_ID [--project NAME] [--dry-run]
 *     [--overwrite-conflicts] [--as EMAIL] FILE [FILE FILE]
 *
 * XLIFF units match rows by id, TMX units by their Chinese text. Changed rows are written as drafts
 * through import_translations (every row at the version previewed, all or none), never over newer
 * work: conflicts are listed and left alone unless --overwrite-conflicts. --as names the owner or
 * translator the revisions are recorded for (default: the project's first owner). Any error prints
 * one line on stderr and exits non-zero; nothing is written then.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { applyImportedTranslations, fetchExportDocument, fetchExportedTexts } from '../src/data/interop.ts';
import {
  MAX_IMPORT_BYTES, exportedVersionsNeeded, formatBytes, importRows, interTextRows, isInteropError, planImport, readInterTextFiles, readTranslationFile,
  type ImportPlan,
} from '../src/domain/interop/index.ts';
import { formatMessage } from '../src/domain/text/index.ts';
import { CliError, connect, describeFailure, findDocument, findProject, runCli, type Connection } from './lib/cli.ts';

const USAGE = 'usage: npm run import-translations -- --document TITLE_OR_ID [--project NAME] [--dry-run] [--overwrite-conflicts] [--as EMAIL] FILE [FILE FILE]';

function readOptions(argv: string[]) {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        document: { type: 'string' },
        project: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'overwrite-conflicts': { type: 'boolean', default: false },
        as: { type: 'string' },
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
  if (!values.document) throw new CliError(`no --document given; ${USAGE}`, 2);
  if (positionals.length !== 1 && positionals.length !== 3) throw new CliError(`give one XLIFF or TMX file, or the three files of an InterText alignment; ${USAGE}`, 2);
  return { document: values.document, project: values.project, dryRun: values['dry-run'], overwrite: values['overwrite-conflicts'], as: values.as, files: positionals };
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_IMPORT_BYTES) throw new CliError(`${file}: the file is ${formatBytes(size)}, over the ${formatBytes(MAX_IMPORT_BYTES)} limit.`);
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory`);
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}

async function authorId(connection: Connection, projectId: string, email: string | undefined): Promise<string> {
  const { client, url } = connection;
  const { data, error } = await client.from('project_members').select('user_id, role, created_at').eq('project_id', projectId).in('role', ['owner', 'translator']).order('created_at');
  if (error) throw new CliError(`looking up the project's translators: ${describeFailure(url, error)}`);
  const members = data ?? [];
  if (email === undefined) {
    const owner = members.find((m) => m.role === 'owner');
    if (!owner) throw new CliError('the project has no owner to record the import for; give --as EMAIL');
    return owner.user_id;
  }
  const { data: profiles, error: profileError } = await client.from('profiles').select('id').ilike('email', email.replace(/[%_\\]/g, '\\$&'));
  if (profileError) throw new CliError(`looking up ${email}: ${describeFailure(url, profileError)}`);
  const match = members.find((m) => (profiles ?? []).some((p) => p.id === m.user_id));
  if (!match) throw new CliError(`${email} is not an owner or translator of the project`);
  return match.user_id;
}

function short(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function printPlan(plan: ImportPlan, overwrite: boolean): void {
  console.log(
    formatMessage(
      "{units, plural, one {# unit} other {# units}}: {changes, plural, one {# row} other {# rows}} to change, {unchanged} unchanged, {outdated} older than Duizhao's, " +
        '{withoutTarget} without English, {conflicts, plural, one {# conflict} other {# conflicts}}, {unmatched} matching nothing',
      {
        units: plan.units,
        changes: plan.changes.length,
        unchanged: plan.unchanged,
        outdated: plan.outdated,
        withoutTarget: plan.withoutTarget,
        conflicts: plan.conflicts.length,
        unmatched: plan.unmatched.length,
      },
    ),
  );
  for (const c of plan.changes) console.log(`  change ¶${c.positions}: "${short(c.before)}" → "${short(c.after)}"${c.wasApproved ? ' (was approved)' : ''}`);
  for (const c of plan.conflicts) {
    const why = { 'changed-since-export': 'saved in Duizhao since the export', 'has-other-english': 'already has other English', 'repeated-in-file': 'given twice in the file' }[c.reason];
    const action = c.reason !== 'repeated-in-file' && overwrite ? 'overwritten' : 'left alone';
    console.log(`  conflict ¶${c.positions} (${why}, ${action}): Duizhao "${short(c.before)}", file "${short(c.after)}"`);
  }
  for (const u of plan.unmatched) console.log(`  no match: unit ${u.unit}${u.id ? ` (${u.id})` : ''}: "${short(u.source)}"`);
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const inputs = await Promise.all(options.files.map(readInput));
  // Read the files before connecting: a bad file stops the run without a request.
  let translationFile;
  let alignmentFiles;
  try {
    if (inputs.length === 1) translationFile = readTranslationFile(inputs[0]!);
    else alignmentFiles = readInterTextFiles(inputs.map((data, i) => ({ name: options.files[i], data })));
  } catch (error) {
    if (isInteropError(error)) throw new CliError(`${options.files.join(', ')}: ${error.message}`);
    throw error;
  }

  const connection = connect();
  const projectId = options.project ? await findProject(connection, options.project) : undefined;
  const target = await findDocument(connection, options.document, projectId);
  const doc = await fetchExportDocument(connection.client, target.id).catch((error: { message: string }) => {
    throw new CliError(`reading "${target.title}": ${describeFailure(connection.url, error)}`);
  });

  if (alignmentFiles) {
    let result;
    try {
      result = interTextRows(alignmentFiles, doc.paragraphs);
    } catch (error) {
      if (isInteropError(error)) throw new CliError(error.message);
      throw error;
    }
    console.log(`${result.rows.length} aligned rows for "${doc.title}"`);
    for (const w of result.warnings) console.log(`  note: ${w.message}`);
    if (options.dryRun) return;
    const { data, error } = await connection.client.rpc('apply_alignment', {
      p_document_id: doc.id,
      p_rows: result.rows as unknown as never,
      p_overwrite: options.overwrite,
    });
    if (error) throw new CliError(`aligning failed: ${describeFailure(connection.url, error)}`);
    const applied = data as { applied: boolean; conflicts: number[]; written: number };
    if (!applied.applied) throw new CliError(`paragraphs ${applied.conflicts.join(', ')} already hold English; nothing written (add --overwrite-conflicts to replace it)`);
    console.log(`aligned: ${applied.written} translations written as drafts`);
    return;
  }

  let plan: ImportPlan;
  try {
    plan = planImport(translationFile!, doc);
    const needed = exportedVersionsNeeded(plan);
    if (needed.length) plan = planImport(translationFile!, doc, await fetchExportedTexts(connection.client, doc, needed));
  } catch (error) {
    if (isInteropError(error)) throw new CliError(`${options.files[0]}: ${error.message}`);
    throw error;
  }
  printPlan(plan, options.overwrite);
  const rows = importRows(plan, options.overwrite ? new Set(plan.conflicts.map((c) => c.paragraphId)) : new Set());
  if (options.dryRun) return;
  if (rows.length === 0) {
    console.log('nothing to write');
    return;
  }
  const author = await authorId(connection, doc.projectId, options.as);
  try {
    const written = await applyImportedTranslations(connection.client, doc.id, rows, { author });
    console.log(`imported: ${formatMessage('{written, plural, one {# row} other {# rows}}', { written })} written as drafts into "${doc.title}"`);
  } catch (error) {
    const e = error as { message: string; code?: string; hint?: string };
    if (e.code === 'PT409') throw new CliError(`a row changed while importing (${e.hint ?? e.message}); nothing written, run it again`);
    throw new CliError(`import failed: ${describeFailure(connection.url, e)}`);
  }
}

runCli('import-translations', main);
