// tiptap stays out of the entry bundle: the editor module loads on first use (or preloadEditor()).
// Once loaded it renders synchronously, so a row turns into an editor within the focus event.
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { RichTextEditorProps } from './rich-text-editor.tsx';

export type { RichTextEditorProps } from './rich-text-editor.tsx';

type EditorComponent = ComponentType<RichTextEditorProps>;

let loaded: EditorComponent | null = null;
let loading: Promise<EditorComponent> | null = null;

/** Starts fetching the editor chunk so the first click into a row does not wait for it. */
export function preloadEditor(): Promise<EditorComponent> {
  loading ??= import('./rich-text-editor.tsx').then((m) => {
    loaded = m.default;
    return m.default;
  });
  return loading;
}

export function isEditorLoaded(): boolean {
  return loaded !== null;
}

/** The editor component, or null while its chunk is loading. */
export function useRichTextEditorComponent(): EditorComponent | null {
  const [component, setComponent] = useState<EditorComponent | null>(() => loaded);
  useEffect(() => {
    if (component) return;
    let cancelled = false;
    void preloadEditor().then((c) => {
      if (!cancelled) setComponent(() => c);
    });
    return () => {
      cancelled = true;
    };
  }, [component]);
  return component;
}

/** Renders the tiptap editor once loaded, `fallback` until then. */
export function DeferredRichTextEditor({ fallback, ...props }: RichTextEditorProps & { fallback?: ReactNode }) {
  const Editor = useRichTextEditorComponent();
  return Editor ? <Editor {...props} /> : <>{fallback ?? null}</>;
}
