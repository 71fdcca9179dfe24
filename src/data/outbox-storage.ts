// IndexedDB storage of unsent translation edits (survives reloads, closed tabs and crashes).
import { createStore, del, get, set, values } from 'idb-keyval';
import type { OutboxStorage, PendingEdit } from './outbox.ts';

export function createIdbOutboxStorage(dbName = 'duizhao-outbox', storeName = 'translations'): OutboxStorage {
  const store = createStore(dbName, storeName);
  return {
    get: (key) => get<PendingEdit>(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    values: () => values<PendingEdit>(store),
  };
}

/** Storage for environments without IndexedDB: edits then live as long as the tab. */
export function createMemoryOutboxStorage(): OutboxStorage {
  const map = new Map<string, PendingEdit>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, structuredClone(value));
    },
    del: async (key) => {
      map.delete(key);
    },
    values: async () => [...map.values()].map((v) => structuredClone(v)),
  };
}
