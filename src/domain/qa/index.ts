// The public surface of src/domain/qa: QA checks of translations, pure functions usable in a Worker.
export * from './checks.ts';
export * from './document.ts';
export * from './types.ts';
