// The app's translation outbox: IndexedDB-backed, saving through save_translation, feeding
// acknowledged rows back into the paragraph cache; plus React bindings.
import { useEffect, useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { TranslationOutbox, type OutboxSummary, type RowState } from './outbox.ts';
import { createIdbOutboxStorage, createMemoryOutboxStorage } from './outbox-storage.ts';
import { setTranslationInCache } from './paragraphs.ts';
import { invalidate } from './keys.ts';
import { saveTranslation } from './translations.ts';

export type { RowState, OutboxSummary, TranslationDraft, EditTarget, ConflictResolution } from './outbox.ts';

let instance: TranslationOutbox | null = null;

export function createAppOutbox(queryClient: QueryClient): TranslationOutbox {
  const storage = typeof indexedDB === 'undefined' ? createMemoryOutboxStorage() : createIdbOutboxStorage();
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  const outbox = new TranslationOutbox({
    storage,
    save: (edit) =>
      saveTranslation({ paragraphId: edit.paragraphId, expectedVersion: edit.baseVersion, body: edit.body, text: edit.text, status: edit.status }),
    onSaved: (row, edit) => {
      setTranslationInCache(queryClient, edit.documentId, row);
      // Progress bars follow saves, but not one refetch per keystroke burst.
      clearTimeout(progressTimer);
      progressTimer = setTimeout(() => void invalidate(queryClient, { type: 'translation', documentId: edit.documentId }), 1500);
    },
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  });
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => outbox.handleOnline());
    // Hidden tabs may be discarded: send what is waiting instead of waiting for the debounce.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void outbox.flushAll();
    });
  }
  return outbox;
}

export function installOutbox(queryClient: QueryClient): TranslationOutbox {
  instance ??= createAppOutbox(queryClient);
  return instance;
}

export function getOutbox(): TranslationOutbox {
  if (!instance) throw new Error('The translation outbox is not installed');
  return instance;
}

const EMPTY_ROW: RowState | undefined = undefined;

export function useOutboxRow(paragraphId: string): RowState | undefined {
  const outbox = getOutbox();
  return useSyncExternalStore(
    (cb) => outbox.subscribe(cb),
    () => outbox.getRow(paragraphId) ?? EMPTY_ROW,
  );
}

export function useOutboxSummary(): OutboxSummary {
  const outbox = getOutbox();
  return useSyncExternalStore(
    (cb) => outbox.subscribe(cb),
    () => outbox.getSummary(),
  );
}

/** Restores the user's unsent edits once signed in, and asks before leaving with unsaved ones. */
export function useOutboxLifecycle(userId: string | null): void {
  useEffect(() => {
    if (userId) void getOutbox().restore(userId);
  }, [userId]);
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!getOutbox().hasUnsaved()) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
