// Search on the client: the database's fold, match marks and keyword-in-context lines, the memory's
// match percentage and differences, and a concordance's renderings.
export * from './fold.ts';
export * from './marks.ts';
export * from './renderings.ts';
export * from './similarity.ts';
export * from './tmx-memory.ts';
