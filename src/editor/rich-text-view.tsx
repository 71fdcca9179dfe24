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

function renderInline(nodes: readonly RichInline[] | undefined): ReactNode[] {
  return (nodes ?? []).map((n, i) => (n.type === 'text' ? withMarks(n.text, n.marks, i) : <br key={i} />));
}

function renderBlock(block: RichBlock, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInline(block.content)}</p>;
    case 'heading': {
      const Tag = `h${block.attrs.level}` as const;
      return <Tag key={key}>{renderInline(block.content)}</Tag>;
    }
    case 'blockquote':
      return <blockquote key={key}>{(block.content ?? []).map(renderBlock)}</blockquote>;
    case 'bulletList':
      return (
        <ul key={key}>
          {(block.content ?? []).map((item, i) => (
            <li key={i}>{(item.content ?? []).map(renderBlock)}</li>
          ))}
        </ul>
      );
    case 'orderedList':
      return (
        <ol key={key} start={block.attrs?.start ?? 1}>
          {(block.content ?? []).map((item, i) => (
            <li key={i}>{(item.content ?? []).map(renderBlock)}</li>
          ))}
        </ol>
      );
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{(block.content ?? []).map((t) => t.text).join('')}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr key={key} />;
  }
}

export function renderRichDoc(doc: RichDoc): ReactNode {
  return (doc.content ?? []).map(renderBlock);
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
  return (
    <>
      {fallbackText.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
});
