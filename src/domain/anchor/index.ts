export * from './selectors.ts';
export * from './match-quote.ts';
