// Keyboard shortcuts of a workspace row: Ctrl/Cmd+Enter marks it done, Alt+Up/Down move between rows,
// Ctrl+1…3 insert the translation memory's first three suggestions.
import { Extension } from '@tiptap/core';

export interface RowShortcutsOptions {
  onMarkDone: (() => void) | null;
  onMove: ((delta: 1 | -1) => void) | null;
  /** Inserts suggestion n (1-based); returns false when there is none, so the key does what it would. */
  onSuggestion: ((n: number) => boolean) | null;
}

export const RowShortcuts = Extension.create<RowShortcutsOptions>({
  name: 'rowShortcuts',
  addOptions() {
    return { onMarkDone: null, onMove: null, onSuggestion: null };
  },
  addKeyboardShortcuts() {
    const done = () => {
      if (!this.options.onMarkDone) return false;
      this.options.onMarkDone();
      return true;
    };
    const move = (delta: 1 | -1) => () => {
      if (!this.options.onMove) return false;
      this.options.onMove(delta);
      return true;
    };
    const suggestion = (n: number) => () => this.options.onSuggestion?.(n) ?? false;
    return {
      'Mod-Enter': done,
      'Ctrl-Enter': done,
      'Alt-ArrowDown': move(1),
      'Alt-ArrowUp': move(-1),
      'Ctrl-1': suggestion(1),
      'Ctrl-2': suggestion(2),
      'Ctrl-3': suggestion(3),
    };
  },
});
