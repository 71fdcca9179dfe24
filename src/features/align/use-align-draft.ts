// Keeping the editor's work as a draft: saved on this device shortly after every change (and at
// once when the tab is hidden), removed once everything is applied; leaving the page or closing
// the tab with unapplied work asks first.
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import type { AlignState } from './commands.ts';
import { draftKey, draftStorage, encodeDraft } from './draft.ts';
import type { History } from './history.ts';

const SAVE_DELAY_MS = 250;

interface Options {
  userId: string;
  documentId: string;
  zhIds: readonly string[];
  history: History<AlignState>;
  /** Nothing changed since the rows were applied: there is no work to keep. */
  applied: boolean;
  onSaveError: (error: unknown) => void;
}

export function useAlignDraft({ userId, documentId, zhIds, history, applied, onSaveError }: Options) {
  const pending = useRef<(() => Promise<void>) | null>(null);
  const key = draftKey(userId, documentId);

  useEffect(() => {
    const storage = draftStorage();
    const write = applied
      ? () => storage.del(key)
      : () => storage.set(key, encodeDraft(history, { userId, documentId, zhIds }));
    const run = () => {
      if (pending.current !== job) return Promise.resolve();
      pending.current = null;
      return write().catch(onSaveError);
    };
    const job = run;
    pending.current = job;
    const timer = setTimeout(() => void run(), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [applied, documentId, history, key, onSaveError, userId, zhIds]);

  // What is still waiting is written when the tab is hidden or the editor goes away.
  useEffect(() => {
    const flush = () => void pending.current?.();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  useEffect(() => {
    if (applied) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      void pending.current?.();
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [applied]);

  // Leaving for another page of the app asks while the work is not applied.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => !applied && currentLocation.pathname !== nextLocation.pathname);
  return {
    blocker,
    /** Writes what is waiting now. */
    flush: () => pending.current?.() ?? Promise.resolve(),
    /** Forgets what is waiting (the draft is being discarded). */
    cancel: () => {
      pending.current = null;
    },
  };
}

/** Deletes the user's draft of a document. */
export function discardDraft(userId: string, documentId: string): Promise<void> {
  return draftStorage().del(draftKey(userId, documentId));
}
