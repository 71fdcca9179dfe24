// The signed-in user as an external store, so any component can read it without prop drilling;
// and the sign-out sequence.
import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { getSessionUser, onSessionChange, signOut, type SessionUser } from './auth.ts';
import type { TranslationOutbox } from './outbox.ts';
import { useOutbox } from './translation-outbox.ts';

export type SessionState = { status: 'loading'; user: null } | { status: 'signed-in'; user: SessionUser } | { status: 'signed-out'; user: null };

let state: SessionState = { status: 'loading', user: null };
const listeners = new Set<() => void>();
let started = false;

function set(user: SessionUser | null) {
  const next: SessionState = user ? { status: 'signed-in', user } : { status: 'signed-out', user: null };
  if (next.status === state.status && next.user?.id === state.user?.id && next.user?.email === state.user?.email) return;
  state = next;
  for (const l of listeners) l();
}

function start() {
  if (started) return;
  started = true;
  void getSessionUser().then(set, () => set(null));
  onSessionChange(set);
}

export function useSession(): SessionState {
  start();
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => state,
  );
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useCurrentUser(): SessionUser {
  const session = useSession();
  if (!session.user) throw new Error('useCurrentUser outside a signed-in route');
  return session.user;
}

/**
 * Signs out: sends what can be sent while the session is still valid (the rest waits in
 * IndexedDB for the same user), stops the outbox listening to the page, ends the session, and
 * drops every cached row so the next user starts empty.
 */
export async function endSession(queryClient: QueryClient, outbox: TranslationOutbox, scope: 'local' | 'global' = 'local'): Promise<void> {
  await outbox.flushAll();
  // Signing out everywhere may fail (offline): then nothing else has changed and the user stays signed in.
  if (scope === 'global') await signOut('global');
  outbox.disconnect();
  if (scope === 'local') await signOut('local');
  queryClient.clear();
}

/** Signs out this browser, or (`global`) every device the user is signed in on. */
export function useSignOut(): (scope?: 'local' | 'global') => Promise<void> {
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  return useCallback((scope: 'local' | 'global' = 'local') => endSession(queryClient, outbox, scope), [queryClient, outbox]);
}
