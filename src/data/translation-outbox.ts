// The app's translation outbox: IndexedDB-backed, saving through save_translation, feeding
// acknowledged rows back into the paragraph cache. Created with the QueryClient and provided to
// the tree (no module-level instance), plus its React bindings.
import { createContext, createElement, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { TranslationOutbox, type OutboxSummary, type RowState } from './outbox.ts';
import { createIdbOutboxStorage, createMemoryOutboxStorage } from './outbox-storage.ts';
import { invalidate } from './keys.ts';
import { setTranslationInCache } from './paragraphs.ts';
import { saveTranslation } from './translations.ts';

export type { TranslationOutbox, RowState, OutboxSummary, TranslationDraft, EditTarget, ConflictResolution, PendingEdit } from './outbox.ts';

/** Sends waiting edits when the connection returns or the tab is hidden; asks before leaving with unsaved ones. */
function watchPage(outbox: TranslationOutbox): () => void {
  if (typeof window === 'undefined') return () => {};
  const onOnline = () => outbox.handleOnline();
  // Hidden tabs may be discarded: send what is waiting instead of waiting for the debounce.
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void outbox.flushAll();
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!outbox.hasUnsaved()) return;
    event.preventDefault();
    // Older browsers need returnValue set to show the prompt.
    event.returnValue = '';
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

export function createAppOutbox(queryClient: QueryClient): TranslationOutbox {
  const storage = typeof indexedDB === 'undefined' ? createMemoryOutboxStorage() : createIdbOutboxStorage();
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  return new TranslationOutbox({
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
    watch: watchPage,
  });
}

const OutboxContext = createContext<TranslationOutbox | null>(null);

export function OutboxProvider({ outbox, children }: { outbox: TranslationOutbox; children: ReactNode }) {
  return createElement(OutboxContext.Provider, { value: outbox }, children);
}

export function useOutbox(): TranslationOutbox {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error('useOutbox outside OutboxProvider');
  return outbox;
}

const EMPTY_ROW: RowState | undefined = undefined;

export function useOutboxRow(paragraphId: string): RowState | undefined {
  const outbox = useOutbox();
  return useSyncExternalStore(
    (cb) => outbox.subscribe(cb),
    () => outbox.getRow(paragraphId) ?? EMPTY_ROW,
  );
}

export function useOutboxSummary(): OutboxSummary {
  const outbox = useOutbox();
  return useSyncExternalStore(
    (cb) => outbox.subscribe(cb),
    () => outbox.getSummary(),
  );
}

/** Connects the outbox for the signed-in user (restores their unsent edits, listens to the page) until they leave. */
export function useOutboxLifecycle(userId: string): void {
  const outbox = useOutbox();
  useEffect(() => {
    void outbox.connect(userId);
    return () => outbox.disconnect();
  }, [outbox, userId]);
}
