// Vite plugin: `import('virtual:duizhao/translation-table')` is the CC-CEDICT translation table,
// compiled when the app is built (or first served), as a module of its own: the bundler puts it in
// its own chunk, which the aligner's Worker loads the first time it aligns.
// `import('virtual:duizhao/cedict-N')` (N = 0 … CEDICT_SHARDS − 1) is shard N of CC-CEDICT for
// "Look up": each its own chunk, fetched the first time a look-up needs it.
import type { Plugin } from 'vite';
import { compiledCedictShards, compiledTranslationTable } from './dictionary.ts';

const ID = 'virtual:duizhao/translation-table';
const RESOLVED = '\0' + ID;
const SHARD = /^virtual:duizhao\/cedict-(\d+)$/;

export function translationTablePlugin(): Plugin {
  return {
    name: 'duizhao-translation-table',
    resolveId: (id) => (id === ID || SHARD.test(id) ? '\0' + id : null),
    load: (id) => {
      if (id === RESOLVED) return `export default ${JSON.stringify(compiledTranslationTable())};\n`;
      const shard = SHARD.exec(id.slice(1));
      if (id.startsWith('\0') && shard) return `export default ${JSON.stringify(compiledCedictShards()[Number(shard[1])] ?? '')};\n`;
      return null;
    },
  };
}
