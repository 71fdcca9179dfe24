// The public surface of src/domain/interop: code outside this folder imports from here.
export * from './csv.ts';
export * from './docx.ts';
export * from './errors.ts';
export * from './export.ts';
export * from './intertext-export.ts';
export * from './intertext.ts';
export * from './jsonld.ts';
export * from './model.ts';
export * from './rows.ts';
export * from './text-utils.ts';
export * from './text.ts';
export * from './tmx.ts';
export * from './xliff.ts';
export * from './xml.ts';
