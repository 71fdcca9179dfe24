// Interoperability: exports in the standard formats (TMX, XLIFF, DOCX, W3C annotations, CSV, text,
// InterText) and imports of work done elsewhere (XLIFF/TMX translations, InterText alignments, DOCX).
export * from './errors.ts';
export * from './model.ts';
export { buildRows, includesRow, positionsLabel, selectNotes, selectRows, type ExportRow } from './rows.ts';
export { EXPORT_FORMATS, LAYOUT_FORMATS, defaultLayout, isExportFormat, packDocument, renderExport, zipFiles, type ExportFormat, type RenderOptions, type ZipEntry } from './export.ts';
export type { TextLayout } from './text.ts';
export { fileStem } from './text-utils.ts';
export { readTranslationFile, type TranslationFile, type TranslationFileFormat, type TranslationUnit } from './translation-file.ts';
export {
  exportedTextKey, exportedVersionsNeeded, importRows, planImport, sameText,
  type ConflictReason, type ExportedTexts, type ImportPlan, type PlannedConflict, type PlannedRow, type UnmatchedUnit,
} from './import-plan.ts';
export {
  checkInterTextAlignment, readInterTextAlignment, readInterTextDocument, segmentsById, writeInterTextAlignment, writeInterTextDocument,
  type InterTextAlignment, type InterTextDocument, type InterTextLink, type InterTextLinkStatus, type InterTextParagraph, type InterTextSegment,
} from './intertext.ts';
export { interTextRows, readInterTextFiles, type AlignmentRow, type InterTextFiles, type InterTextImport, type NamedFile } from './intertext-import.ts';
export { looksLikeDocx, readDocxText, type DocxText } from './docx-read.ts';
export { MAX_IMPORT_BYTES, formatBytes } from './xml.ts';
export { parseDocxDocument } from './docx-source.ts';
