// Looking words up in CC-CEDICT from the browser: the dictionary is split into shards by the first
// character of each headword (simplified and traditional), so that a look-up loads only the shards
// of the characters it needs. A shard is text, one entry a line: simplified, traditional (empty when
// the same), numbered pinyin and the definitions separated by "/", tab-separated.
import type { CedictEntry } from './cedict.ts';

export const CEDICT_SHARDS = 16;

/** The shard holding the headwords that start with `word`'s first character. */
export function shardOf(word: string): number {
  return (word.codePointAt(0) ?? 0) % CEDICT_SHARDS;
}

/** The shards' texts, from every entry (an entry whose forms start with different characters is in both shards). */
export function compileCedictShards(entries: readonly CedictEntry[]): string[] {
  const shards: string[][] = Array.from({ length: CEDICT_SHARDS }, () => []);
  for (const e of entries) {
    const line = `${e.simplified}\t${e.traditional === e.simplified ? '' : e.traditional}\t${e.pinyin}\t${e.definitions.join('/')}`;
    const a = shardOf(e.simplified);
    const b = shardOf(e.traditional);
    shards[a]!.push(line);
    if (b !== a) shards[b]!.push(line);
  }
  return shards.map((lines) => lines.join('\n'));
}

export type CedictShard = ReadonlyMap<string, CedictEntry[]>;

/** A shard's text as headword → entries (both forms index the entry). */
export function readCedictShard(text: string): CedictShard {
  const map = new Map<string, CedictEntry[]>();
  const add = (key: string, entry: CedictEntry) => {
    const list = map.get(key);
    if (!list) map.set(key, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  };
  for (const line of text.split('\n')) {
    const [simplified = '', traditional = '', pinyin = '', definitions = ''] = line.split('\t');
    if (!simplified) continue;
    const entry: CedictEntry = { simplified, traditional: traditional || simplified, pinyin, definitions: definitions.split('/') };
    add(simplified, entry);
    if (traditional) add(traditional, entry);
  }
  return map;
}

export interface LookupResult {
  /** The word as looked up (a selection, a part of it, or its simplified form). */
  word: string;
  entries: CedictEntry[];
}

/** The longest headwords covering `text` from left to right (single characters where nothing longer is found). */
function longestWords(text: string, has: (word: string) => boolean, maxLength = 8): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    let length = Math.min(maxLength, chars.length - i);
    while (length > 1 && !has(chars.slice(i, i + length).join(''))) length--;
    out.push(chars.slice(i, i + length).join(''));
    i += length;
  }
  return out;
}

/**
 * Entries for a selection: the selection itself (and its simplified form when it differs), then —
 * for a selection that is no headword or is several — the words it is made of, longest first.
 * `shard(n)` gives a loaded shard; `variants` are other forms of the selection (from OpenCC).
 */
export function lookUp(selection: string, shard: (n: number) => CedictShard, variants: readonly string[] = []): LookupResult[] {
  const text = selection.replace(/[\s\u3000]+/g, '');
  if (!text) return [];
  const find = (word: string) => shard(shardOf(word)).get(word) ?? [];
  const out: LookupResult[] = [];
  const seen = new Set<string>();
  for (const word of [text, ...variants]) {
    if (seen.has(word)) continue;
    seen.add(word);
    const entries = find(word);
    if (entries.length) out.push({ word, entries });
  }
  if (Array.from(text).length > 1) {
    const base = out.length ? text : (variants.find((v) => find(v).length) ?? variants[0] ?? text);
    for (const word of longestWords(base, (w) => find(w).length > 0)) {
      if (seen.has(word)) continue;
      seen.add(word);
      const entries = find(word);
      if (entries.length) out.push({ word, entries });
    }
  }
  return out;
}

/** The shards a look-up of `selection` (and its variants) may need. */
export function shardsFor(selection: string, variants: readonly string[] = []): number[] {
  const need = new Set<number>();
  for (const word of [selection, ...variants]) for (const ch of word.replace(/[\s\u3000]+/g, '')) need.add(shardOf(ch));
  return [...need].sort((a, b) => a - b);
}
