// Vite plugin: `import('virtual:duizhao/translation-table')` is the CC-CEDICT translation table,
// compiled when the app is built (or first served), as a module of its own: the bundler puts it in
// its own chunk, which the aligner's Worker loads the first time it aligns.
import type { Plugin } from 'vite';
import { compiledTranslationTable } from './dictionary.ts';

const ID = 'virtual:duizhao/translation-table';
const RESOLVED = '\0' + ID;

export function translationTablePlugin(): Plugin {
  return {
    name: 'duizhao-translation-table',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(compiledTranslationTable())};\n` : null),
  };
}
