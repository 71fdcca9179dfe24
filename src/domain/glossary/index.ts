// The public surface of src/domain/glossary: code outside this folder imports from here.
export * from './matcher.ts';
export * from './files.ts';
