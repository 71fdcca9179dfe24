// The tiptap editor used for translations and notes. Loaded lazily (see lazy.tsx): it is the
// largest dependency of the app. Uncontrolled: content is set once, changes leave through onChange.
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import type { JSONContent } from '@tiptap/core';
import { baseExtensions } from './extensions.ts';
import { RowShortcuts, spacedInsert } from './row-shortcuts.ts';
import { sanitizePastedHtml } from './sanitize-paste.ts';
import { parseRichDoc, type RichDoc } from './rich-text-schema.ts';
import { docToPlainText } from './rich-text.ts';
import { setTextHighlights, TextHighlight, type TextRange } from './text-highlight.ts';

export interface RichTextEditorProps {
  initialContent: RichDoc | null;
  /** Accessible name of the editable area. */
  label: string;
  lang?: string;
  className?: string;
  autoFocus?: boolean;
  /** Text typed before the editor was ready, appended once it is. */
  pendingText?: string;
  onChange: (doc: RichDoc, text: string) => void;
  onMarkDone?: () => void;
  onMove?: (delta: 1 | -1) => void;
  /** Esc: leave the editor. */
  onLeave?: () => void;
  /** Ctrl+1…3: insert the memory's suggestion n; false when there is none. */
  onSuggestion?: (n: number) => boolean;
  /** Ctrl+G: the glossary rendering to insert at the cursor, or null. */
  onGlossary?: () => string | null;
  /** Set to a function inserting text at the cursor while the editor is mounted (buttons under it use it). */
  insertRef?: RefObject<((text: string) => void) | null>;
  onBlur?: () => void;
  /** Ranges of the plain text to highlight (a QA finding's spans), while the editor is open. */
  highlights?: readonly TextRange[] | undefined;
  /** Formatting buttons above the text, with these accessible names. */
  toolbar?: { bold: string; italic: string; bulletList: string; label: string } | undefined;
}

function Toolbar({ editor, names }: { editor: NonNullable<ReturnType<typeof useEditor>>; names: NonNullable<RichTextEditorProps['toolbar']> }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
    }),
  });
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={names.label}>
      <button type="button" aria-pressed={state.bold} aria-label={names.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
        <strong aria-hidden="true">B</strong>
      </button>
      <button type="button" aria-pressed={state.italic} aria-label={names.italic} onClick={() => editor.chain().focus().toggleItalic().run()}>
        <em aria-hidden="true">I</em>
      </button>
      <button
        type="button"
        aria-pressed={state.bulletList}
        aria-label={names.bulletList}
        onClick={() => editor.chain().focus().toggleBulletList().run()}
      >
        <span aria-hidden="true">•≡</span>
      </button>
    </div>
  );
}

/** The contenteditable's attributes: a named multi-line textbox in the row's language. */
function editorAttributes(props: Pick<RichTextEditorProps, 'label' | 'lang' | 'className'>): Record<string, string> {
  return {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': props.label,
    ...(props.lang ? { lang: props.lang } : {}),
    class: props.className ?? 'rich-text',
    spellcheck: 'true',
  };
}

export default function RichTextEditor(props: RichTextEditorProps) {
  // Callbacks change on every render of the parent; the editor reads them through a ref.
  const latest = useRef(props);
  latest.current = props;

  const editor = useEditor({
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    extensions: [
      ...baseExtensions(),
      RowShortcuts.configure({
        onMarkDone: () => latest.current.onMarkDone?.(),
        onMove: (delta) => latest.current.onMove?.(delta),
        onLeave: latest.current.onLeave ? () => latest.current.onLeave?.() : null,
        onSuggestion: (n) => latest.current.onSuggestion?.(n) ?? false,
        onGlossary: () => latest.current.onGlossary?.() ?? null,
      }),
      TextHighlight,
    ],
    content: (props.initialContent ?? '') as JSONContent | string,
    // Focus is set in a layout effect below, not by tiptap's own (deferred) autofocus.
    autofocus: false,
    editorProps: {
      attributes: editorAttributes(props),
      transformPastedHTML: sanitizePastedHtml,
    },
    onUpdate: ({ editor: e }) => {
      const doc = parseRichDoc(e.getJSON());
      if (doc) latest.current.onChange(doc, docToPlainText(doc));
    },
    onBlur: () => latest.current.onBlur?.(),
  });

  // EditorContent attaches the view in its own mount (a child's layout phase runs first), so the
  // editor can take focus in the same commit that replaced the read-only view: no keystroke lands
  // on a detached element in between.
  const focusedOnce = useRef(false);
  useLayoutEffect(() => {
    if (!editor || focusedOnce.current || !props.autoFocus) return;
    focusedOnce.current = true;
    editor.commands.focus('end');
  }, [editor, props.autoFocus]);

  const { insertRef } = props;
  useEffect(() => {
    if (!editor || !insertRef) return;
    insertRef.current = (text) => {
      const { from } = editor.state.selection;
      editor.chain().focus().insertContent(spacedInsert(editor.state.doc.textBetween(Math.max(0, from - 1), from), text)).run();
    };
    return () => {
      insertRef.current = null;
    };
  }, [editor, insertRef]);

  // New ranges replace the highlight; the same ranges again (a parent's re-render) change nothing.
  const highlightKey = JSON.stringify(props.highlights ?? []);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(setTextHighlights(editor.state, JSON.parse(highlightKey) as TextRange[]));
  }, [editor, highlightKey]);

  const pendingApplied = useRef(false);
  useEffect(() => {
    if (!editor || pendingApplied.current) return;
    pendingApplied.current = true;
    if (props.pendingText) editor.chain().focus('end').insertContent(props.pendingText).run();
  }, [editor, props.pendingText]);

  useEffect(() => {
    editor?.setOptions({
      editorProps: {
        ...editor.options.editorProps,
        attributes: editorAttributes({ label: props.label, lang: props.lang, className: props.className }),
      },
    });
  }, [editor, props.label, props.lang, props.className]);

  if (!editor) return null;
  return (
    <>
      {props.toolbar ? <Toolbar editor={editor} names={props.toolbar} /> : null}
      <EditorContent editor={editor} />
    </>
  );
}
