// The CC-CEDICT translation table inside a Worker: fetched as its own chunk the first time an
// alignment needs it, then kept for the Worker's life.
import { readTranslationTable, type TranslationTable } from '../domain/dictionary/index.ts';

let table: Promise<TranslationTable> | undefined;

export function loadTranslationTable(): Promise<TranslationTable> {
  // eslint-disable-next-line import-x/no-unresolved -- a module the build makes (scripts/lib/translation-table-plugin.ts)
  table ??= import('virtual:duizhao/translation-table').then((module) => readTranslationTable(module.default));
  // A failed load (a network error while fetching the chunk) is retried by the next alignment.
  table.catch(() => {
    table = undefined;
  });
  return table;
}
