// The editor's keyboard shortcuts: on the editor itself, and on the page when the focus is left on
// its body (a click on empty space, a row removed under it), both acting on the selected row.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { commandForKey, type Command } from './commands.ts';

function isTextInput(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Returns the editor's keydown handler. */
export function useAlignmentKeys(run: (command: Command) => void) {
  const runRef = useRef<(command: Command) => void>(run);
  runRef.current = run;
  useEffect(() => {
    const onDocumentKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || document.activeElement !== document.body) return;
      if (document.querySelector('dialog[open]')) return;
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      runRef.current(command);
    };
    document.addEventListener('keydown', onDocumentKey);
    return () => document.removeEventListener('keydown', onDocumentKey);
  }, []);

  return function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (isTextInput(event.target)) return;
    const command = commandForKey(event);
    if (!command) return;
    // A focused button's own Enter and Space stay its own.
    if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    event.preventDefault();
    run(command);
  };
}
