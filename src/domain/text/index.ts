// Text helpers shared by the importer, the aligner and the screens: Chinese and English numerals,
// dates, full-width forms, and code point offsets (what the W3C selectors count).
export * from './code-points.ts';
export * from './dates.ts';
export * from './full-width.ts';
export * from './message-format.ts';
export * from './numerals.ts';
export * from './words.ts';
