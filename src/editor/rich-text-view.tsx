// Renders stored tiptap JSON as React elements without mounting an editor. Only the node and mark
// types of the schema are rendered; text is always a React text child, so nothing can execute.
import { Fragment, memo, type ReactNode } from 'react';
import { parseRichDoc, type RichBlock, type RichDoc, type RichInline, type RichMark } from './rich-text-schema.ts';
import { isSafeHref } from './safe-href.ts';

function withMarks(content: ReactNode, marks: readonly RichMark[] | undefined, key: number): ReactNode {
  let node = content;
  for (const mark of marks ?? []) {
    switch (mark.type) {
      case 'bold':
        node = <strong>{node}</strong>;
        break;
      case 'italic':
        node = <em>{node}</em>;
        break;
      case 'strike':
        node = <s>{node}</s>;
        break;
      case 'underline':
        node = <u>{node}</u>;
        break;
      case 'code':
        node = <code>{node}</code>;
        break;
      case 'link':
        if (isSafeHref(mark.attrs.href)) {
          node = (
            <a href={mark.attrs.href} target="_blank" rel="noopener noreferrer nofollow">
              {node}
            </a>
          );
        }
        break;
    }
  }
  return <Fragment key={key}>{node}</Fragment>;
}

/**
 * Renders text runs: as they are, or through `renderText`, which is told where each run starts in
 * the document's plain text (docToPlainText: blocks joined by "\n", a hard break is "\n"), so a
 * caller can mark spans of that text or map a DOM selection back to it.
 */
export type TextRenderer = (text: string, start: number, key: number) => ReactNode;

function renderer(renderText?: TextRenderer) {
  let at = 0;
  const run = (text: string, key: number): ReactNode => {
    const node = renderText ? renderText(text, at, key) : text;
    at += text.length;
    return node;
  };
  /** Children joined by one "\n" in the plain text. */
  function joined<T>(items: readonly T[], render: (item: T, key: number) => ReactNode): ReactNode[] {
    return items.map((item, i) => {
      if (i > 0) at += 1;
      return render(item, i);
    });
  }
  function inline(nodes: readonly RichInline[] | undefined): ReactNode[] {
    return (nodes ?? []).map((n, i) => {
      if (n.type === 'text') return withMarks(run(n.text, i), n.marks, i);
      at += 1;
      return <br key={i} />;
    });
  }
  function block(b: RichBlock, key: number): ReactNode {
    switch (b.type) {
      case 'paragraph':
        return <p key={key}>{inline(b.content)}</p>;
      case 'heading': {
        const Tag = `h${b.attrs.level}` as const;
        return <Tag key={key}>{inline(b.content)}</Tag>;
      }
      case 'blockquote':
        return <blockquote key={key}>{joined(b.content ?? [], block)}</blockquote>;
      case 'bulletList':
        return <ul key={key}>{joined(b.content ?? [], (item, i) => <li key={i}>{joined(item.content ?? [], block)}</li>)}</ul>;
      case 'orderedList':
        return (
          <ol key={key} start={b.attrs?.start ?? 1}>
            {joined(b.content ?? [], (item, i) => <li key={i}>{joined(item.content ?? [], block)}</li>)}
          </ol>
        );
      case 'codeBlock':
        return (
          <pre key={key}>
            <code>{run((b.content ?? []).map((t) => t.text).join(''), 0)}</code>
          </pre>
        );
      case 'horizontalRule':
        return <hr key={key} />;
    }
  }
  return (doc: RichDoc) => joined(doc.content ?? [], block);
}

export function renderRichDoc(doc: RichDoc, renderText?: TextRenderer): ReactNode {
  return renderer(renderText)(doc);
}

/** Plain text shown as one paragraph per line, runs told their offsets as in renderRichDoc. */
export function renderPlainLines(text: string, renderText?: TextRenderer): ReactNode {
  let at = 0;
  return text.split('\n').map((line, i) => {
    const start = at;
    at += line.length + 1;
    return <p key={i}>{renderText && line ? renderText(line, start, 0) : line}</p>;
  });
}

interface RichTextViewProps {
  /** Stored JSON, validated here. */
  value: unknown;
  /** Shown as plain paragraphs when the JSON is missing or invalid. */
  fallbackText?: string | null;
}

export const RichTextView = memo(function RichTextView({ value, fallbackText }: RichTextViewProps) {
  const doc = parseRichDoc(value);
  if (doc) return <>{renderRichDoc(doc)}</>;
  if (!fallbackText) return null;
  return <>{renderPlainLines(fallbackText)}</>;
});
