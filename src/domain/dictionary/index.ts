// The public surface of src/domain/dictionary: code outside this folder imports from here.
export * from './cedict.ts';
export * from './english.ts';
export * from './translation-table.ts';
export * from './lookup.ts';
