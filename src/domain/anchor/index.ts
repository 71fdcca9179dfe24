export * from './code-points.ts';
export * from './selectors.ts';
export * from './match-quote.ts';
