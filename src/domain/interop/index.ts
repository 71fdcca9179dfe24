// The public surface of src/domain/interop: exports in the standard formats (TMX, XLIFF, DOCX, W3C
// annotations, CSV, text, InterText) and imports of work done elsewhere (XLIFF/TMX translations,
// InterText alignments, Word documents). Code outside this folder imports from here.
export * from './csv.ts';
export * from './docx.ts';
export * from './docx-read.ts';
export * from './docx-source.ts';
export * from './errors.ts';
export * from './export.ts';
export * from './import-plan.ts';
export * from './intertext-export.ts';
export * from './intertext-import.ts';
export * from './intertext.ts';
export * from './jsonld.ts';
export * from './model.ts';
export * from './rows.ts';
export * from './text-utils.ts';
export * from './text.ts';
export * from './tmx.ts';
export * from './translation-file.ts';
export * from './xliff.ts';
export * from './xml.ts';
