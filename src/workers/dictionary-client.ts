// CC-CEDICT for "Look up", loaded in shards the first time a look-up needs them (nothing of it is
// in the entry bundle), and OpenCC's traditional → simplified converter, loaded with the first look-up.
import { lookUp, readCedictShard, shardsFor, type CedictShard, type LookupResult } from '../domain/dictionary/index.ts';

/* eslint-disable import-x/no-unresolved -- modules the build makes (scripts/lib/translation-table-plugin.ts) */
const SHARDS: ReadonlyArray<() => Promise<{ default: string }>> = [
  () => import('virtual:duizhao/cedict-0'),
  () => import('virtual:duizhao/cedict-1'),
  () => import('virtual:duizhao/cedict-2'),
  () => import('virtual:duizhao/cedict-3'),
  () => import('virtual:duizhao/cedict-4'),
  () => import('virtual:duizhao/cedict-5'),
  () => import('virtual:duizhao/cedict-6'),
  () => import('virtual:duizhao/cedict-7'),
  () => import('virtual:duizhao/cedict-8'),
  () => import('virtual:duizhao/cedict-9'),
  () => import('virtual:duizhao/cedict-10'),
  () => import('virtual:duizhao/cedict-11'),
  () => import('virtual:duizhao/cedict-12'),
  () => import('virtual:duizhao/cedict-13'),
  () => import('virtual:duizhao/cedict-14'),
  () => import('virtual:duizhao/cedict-15'),
];
/* eslint-enable import-x/no-unresolved */

const loaded = new Map<number, CedictShard>();
const loading = new Map<number, Promise<CedictShard>>();

function loadShard(n: number): Promise<CedictShard> {
  const ready = loaded.get(n);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(n);
  if (!pending) {
    pending = SHARDS[n]!().then((m) => {
      const shard = readCedictShard(m.default);
      loaded.set(n, shard);
      return shard;
    });
    // A failed fetch is tried again by the next look-up.
    pending.catch(() => loading.delete(n));
    loading.set(n, pending);
  }
  return pending;
}

let toSimplified: Promise<(text: string) => string> | undefined;

function simplifier(): Promise<(text: string) => string> {
  toSimplified ??= import('opencc-js/t2cn').then((OpenCC) => OpenCC.Converter({ from: 't', to: 'cn' }));
  toSimplified.catch(() => {
    toSimplified = undefined;
  });
  return toSimplified;
}

const EMPTY: CedictShard = new Map();

/** Dictionary entries for a selection (and its simplified form, when the text is traditional). */
export async function lookUpSelection(selection: string): Promise<{ results: LookupResult[]; simplified: string }> {
  const simplified = (await simplifier())(selection);
  const variants = simplified !== selection ? [simplified] : [];
  await Promise.all(shardsFor(selection, variants).map(loadShard));
  return { results: lookUp(selection, (n) => loaded.get(n) ?? EMPTY, variants), simplified };
}

/** How many dictionary shards are loaded (0 until the first look-up). */
export function loadedShards(): number {
  return loaded.size;
}
