// What importing a translation file into a document would do, before anything is written: which
// rows change, which stay, which conflict with newer work, which units match nothing. XLIFF units
// match by id (the row's first paragraph id), TMX units by their Chinese text.
import { InteropError } from './errors.ts';
import type { ExportDocument } from './model.ts';
import { buildRows, positionsLabel, type ExportRow } from './rows.ts';
import type { TranslationFile, TranslationUnit } from './translation-file.ts';

export type ConflictReason =
  /** The row was saved in Duizhao after the file was exported (its version moved). */
  | 'changed-since-export'
  /** The row already holds other English and the file carries no version to tell which is newer. */
  | 'has-other-english'
  /** An earlier unit of the same file already gives this row a different English. */
  | 'repeated-in-file';

export interface PlannedRow {
  paragraphId: string;
  /** `5` or `5-6` for a row spanning paragraphs. */
  positions: string;
  source: string;
  before: string;
  after: string;
  /** The row's version now: the write happens only if it is still this one. */
  expectedVersion: number;
  /** The row is approved now and would go back to draft. */
  wasApproved: boolean;
  unit: number;
}

export interface PlannedConflict extends PlannedRow {
  reason: ConflictReason;
  /** For changed-since-export: the version the file was exported at. */
  exportedVersion: number | null;
}

export interface UnmatchedUnit {
  unit: number;
  id: string | null;
  source: string;
}

export interface ImportPlan {
  format: TranslationFile['format'];
  units: number;
  changes: PlannedRow[];
  conflicts: PlannedConflict[];
  /** Units whose English is what the row already holds. */
  unchanged: number;
  /** Units left as exported while the row was saved in Duizhao since: Duizhao's English is newer. */
  outdated: number;
  /** Matched units without English (left alone: an import never empties a row). */
  withoutTarget: number;
  unmatched: UnmatchedUnit[];
}

/** Whitespace differences (line ends, indentation, trailing spaces) are no change. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[ \t\u3000]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
  return norm(a) === norm(b);
}

/** Chinese compared without any whitespace (exports and TMs differ in spacing and line breaks). */
function sourceKey(text: string): string {
  return text.replace(/\s+/g, '');
}

function rowIndex(rows: ExportRow[], byId: boolean): Map<string, ExportRow[]> {
  const index = new Map<string, ExportRow[]>();
  const add = (key: string, row: ExportRow) => {
    const list = index.get(key);
    if (list) list.push(row);
    else index.set(key, [row]);
  };
  for (const row of rows) {
    if (byId) {
      // A unit named after a covered paragraph still finds the row that covers it.
      for (const p of row.paragraphs) add(p.id, row);
    } else {
      add(sourceKey(row.source), row);
    }
  }
  return index;
}

/** The English a row had at a version, from its revisions: `${paragraphId}@${version}` → text. */
export type ExportedTexts = ReadonlyMap<string, string>;

export const exportedTextKey = (paragraphId: string, version: number) => `${paragraphId}@${version}`;

/**
 * Plans the import. `exported` (optional) holds the English rows had at the version a file was
 * exported at: a unit still equal to it was not touched in the CAT tool, so a row saved since in
 * Duizhao is newer and no conflict.
 */
export function planImport(file: TranslationFile, doc: ExportDocument, exported: ExportedTexts = new Map()): ImportPlan {
  const rows = buildRows(doc, 'none');
  const byId = file.format !== 'tmx';
  const index = rowIndex(rows, byId);
  const plan: ImportPlan = { format: file.format, units: file.units.length, changes: [], conflicts: [], unchanged: 0, outdated: 0, withoutTarget: 0, unmatched: [] };
  const decided = new Map<string, string>();

  const matchUnit = (unit: TranslationUnit): ExportRow[] => {
    if (byId) return unit.id ? (index.get(unit.id) ?? []) : [];
    return index.get(sourceKey(unit.source)) ?? [];
  };

  for (const unit of file.units) {
    const matched = matchUnit(unit);
    if (matched.length === 0) {
      plan.unmatched.push({ unit: unit.n, id: unit.id, source: unit.source });
      continue;
    }
    for (const row of matched) {
      const target = unit.target.trim();
      if (target === '') {
        plan.withoutTarget++;
        continue;
      }
      const planned: PlannedRow = {
        paragraphId: row.head.id,
        positions: positionsLabel(row),
        source: row.source,
        before: row.target,
        after: target,
        expectedVersion: row.translation?.version ?? 0,
        wasApproved: row.status === 'approved',
        unit: unit.n,
      };
      const earlier = decided.get(row.head.id);
      if (earlier !== undefined) {
        if (!sameText(earlier, target)) plan.conflicts.push({ ...planned, reason: 'repeated-in-file', exportedVersion: null });
        continue;
      }
      decided.set(row.head.id, target);
      if (sameText(row.target, target)) {
        plan.unchanged++;
      } else if (row.target === '') {
        plan.changes.push(planned);
      } else if (unit.version !== null) {
        const before = unit.version === 0 ? '' : exported.get(exportedTextKey(row.head.id, unit.version));
        if (unit.version === planned.expectedVersion) plan.changes.push(planned);
        else if (before !== undefined && sameText(before, target)) plan.outdated++;
        else plan.conflicts.push({ ...planned, reason: 'changed-since-export', exportedVersion: unit.version });
      } else {
        plan.conflicts.push({ ...planned, reason: 'has-other-english', exportedVersion: null });
      }
    }
  }

  if (plan.unmatched.length === file.units.length) {
    throw new InteropError('no-match', byId ? 'noMatchById' : 'noMatchByText', { count: file.units.length });
  }
  return plan;
}

/** Rows whose exported English would tell an outdated unit from a conflict. */
export function exportedVersionsNeeded(plan: ImportPlan): { paragraphId: string; version: number }[] {
  return plan.conflicts.filter((c) => c.reason === 'changed-since-export' && c.exportedVersion !== null).map((c) => ({ paragraphId: c.paragraphId, version: c.exportedVersion! }));
}

/** The rows to send: every planned change, and the conflicts the user chose to overwrite. */
export function importRows(plan: ImportPlan, overwrite: ReadonlySet<string> = new Set()) {
  return [...plan.changes, ...plan.conflicts.filter((c) => c.reason !== 'repeated-in-file' && overwrite.has(c.paragraphId))]
    .map((r) => ({ paragraph_id: r.paragraphId, expected_version: r.expectedVersion, text: r.after }));
}
