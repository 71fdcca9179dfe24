// Keyboard shortcuts of a workspace row: Ctrl/Cmd+Enter marks it done, Alt+Up/Down move between rows.
import { Extension } from '@tiptap/core';

export interface RowShortcutsOptions {
  onMarkDone: (() => void) | null;
  onMove: ((delta: 1 | -1) => void) | null;
}

export const RowShortcuts = Extension.create<RowShortcutsOptions>({
  name: 'rowShortcuts',
  addOptions() {
    return { onMarkDone: null, onMove: null };
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
    return { 'Mod-Enter': done, 'Ctrl-Enter': done, 'Alt-ArrowDown': move(1), 'Alt-ArrowUp': move(-1) };
  },
});
