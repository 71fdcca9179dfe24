// Keyboard shortcuts of a workspace row: Esc leaves the editor, Ctrl/Cmd+Enter marks it done, Alt+Up/Down move between rows,
// Ctrl+1…3 insert the translation memory's first three suggestions, Ctrl+G a glossary term's rendering.
import { Extension } from '@tiptap/core';

export interface RowShortcutsOptions {
  onMarkDone: (() => void) | null;
  onMove: ((delta: 1 | -1) => void) | null;
  /** Esc: leave the editor back to the row. */
  onLeave: (() => void) | null;
  /** Inserts suggestion n (1-based); returns false when there is none, so the key does what it would. */
  onSuggestion: ((n: number) => boolean) | null;
  /** The glossary rendering Ctrl+G inserts at the cursor, or null when the row has none. */
  onGlossary: (() => string | null) | null;
}

/** Text to insert after `before`: a space between two words. */
export function spacedInsert(before: string, text: string): string {
  return /[\p{L}\p{N})\]”’]$/u.test(before) && /^[\p{L}\p{N}(“‘]/u.test(text) ? ` ${text}` : text;
}

export const RowShortcuts = Extension.create<RowShortcutsOptions>({
  name: 'rowShortcuts',
  addOptions() {
    return { onMarkDone: null, onMove: null, onLeave: null, onSuggestion: null, onGlossary: null };
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
    const glossary = () => {
      const text = this.options.onGlossary?.();
      if (!text) return false;
      const { from } = this.editor.state.selection;
      const before = this.editor.state.doc.textBetween(Math.max(0, from - 1), from);
      this.editor.chain().insertContent(spacedInsert(before, text)).run();
      return true;
    };
    const leave = () => {
      if (!this.options.onLeave) return false;
      this.options.onLeave();
      return true;
    };
    return {
      Escape: leave,
      'Mod-Enter': done,
      'Ctrl-Enter': done,
      'Alt-ArrowDown': move(1),
      'Alt-ArrowUp': move(-1),
      'Ctrl-1': suggestion(1),
      'Ctrl-2': suggestion(2),
      'Ctrl-3': suggestion(3),
      'Mod-g': glossary,
      'Ctrl-g': glossary,
    };
  },
});
