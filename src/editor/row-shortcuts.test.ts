// @vitest-environment jsdom
// The row shortcuts of the translation editor, on a headless tiptap editor: Ctrl/Cmd+Enter marks
// the row done, Alt+Up/Down move between rows, and other keys keep their editing meaning.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '@tiptap/core';
import { baseExtensions } from './extensions.ts';
import { RowShortcuts } from './row-shortcuts.ts';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function setup(options: { onMarkDone?: () => void; onMove?: (delta: 1 | -1) => void } = {}) {
  editor = new Editor({
    extensions: [...baseExtensions(), RowShortcuts.configure({ onMarkDone: options.onMarkDone ?? null, onMove: options.onMove ?? null })],
    content: '<p>The two sides</p>',
  });
  editor.commands.focus('end');
  return editor;
}

/** Sends a key press through ProseMirror's key handling, as a real keydown would; true when something handled it. */
function press(e: Editor, key: string, modifiers: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>> = {}): boolean {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers });
  return e.view.someProp('handleKeyDown', (handle) => handle(e.view, event)) ?? false;
}

describe('RowShortcuts', () => {
  it('Ctrl+Enter marks the row done instead of starting a new paragraph', () => {
    const onMarkDone = vi.fn();
    const e = setup({ onMarkDone });
    expect(press(e, 'Enter', { ctrlKey: true })).toBe(true);
    expect(onMarkDone).toHaveBeenCalledTimes(1);
    expect(e.getJSON().content).toHaveLength(1);
  });

  it('Alt+ArrowDown and Alt+ArrowUp move to the next and previous row', () => {
    const onMove = vi.fn();
    const e = setup({ onMove });
    expect(press(e, 'ArrowDown', { altKey: true })).toBe(true);
    expect(press(e, 'ArrowUp', { altKey: true })).toBe(true);
    expect(onMove.mock.calls).toEqual([[1], [-1]]);
  });

  it('leaves Enter, plain arrows and typing to the editor', () => {
    const onMarkDone = vi.fn();
    const onMove = vi.fn();
    const e = setup({ onMarkDone, onMove });
    press(e, 'Enter');
    press(e, 'ArrowDown');
    expect(onMarkDone).not.toHaveBeenCalled();
    expect(onMove).not.toHaveBeenCalled();
    expect(e.getJSON().content).toHaveLength(2);
  });

  it('does nothing without callbacks, so an editor outside a row (a note) keeps the keys', () => {
    const e = setup();
    expect(press(e, 'ArrowDown', { altKey: true })).toBe(false);
    expect(e.getText()).toBe('The two sides');
  });
});
