// The signed-in user as an external store, so any component can read it without prop drilling.
import { useSyncExternalStore } from 'react';
import { getSessionUser, onSessionChange, type SessionUser } from './auth.ts';

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
