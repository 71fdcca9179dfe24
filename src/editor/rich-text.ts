// Conversions between stored tiptap JSON and plain text, without loading tiptap.
import type { RichBlock, RichDoc, RichInline } from './rich-text-schema.ts';

export const EMPTY_DOC: RichDoc = { type: 'doc', content: [{ type: 'paragraph' }] };

/** A document holding `text`, one paragraph per line. */
export function plainTextToDoc(text: string): RichDoc {
  if (text === '') return EMPTY_DOC;
  return {
    type: 'doc',
    content: text.split('\n').map((line) => (line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

function inlineText(nodes: readonly RichInline[] | undefined): string {
  return (nodes ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

function blockText(block: RichBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'codeBlock':
      return (block.content ?? []).map((t) => t.text).join('');
    case 'blockquote':
      return (block.content ?? []).map(blockText).join('\n');
    case 'bulletList':
    case 'orderedList':
      return (block.content ?? []).map((item) => (item.content ?? []).map(blockText).join('\n')).join('\n');
    case 'horizontalRule':
      return '';
  }
}

/** The plain text of a document (blocks separated by newlines), as stored next to the JSON for search. */
export function docToPlainText(doc: RichDoc | null | undefined): string {
  if (!doc) return '';
  return (doc.content ?? []).map(blockText).join('\n').replace(/\n+$/, '');
}

export function isDocEmpty(doc: RichDoc | null | undefined): boolean {
  return docToPlainText(doc).trim() === '';
}

function isBlankBlock(block: RichBlock): boolean {
  return (block.type === 'paragraph' || block.type === 'heading') && inlineText(block.content).trim() === '';
}

/**
 * The document as it is saved: empty paragraphs before the first and after the last line of text
 * are dropped (an Enter pressed to start editing never becomes a blank line). Blank lines between
 * lines of text are kept; a document with no text at all is the empty document.
 */
export function normalizeDoc(doc: RichDoc): RichDoc {
  const blocks = doc.content ?? [];
  let start = 0;
  let end = blocks.length;
  while (start < end && isBlankBlock(blocks[start]!)) start++;
  while (end > start && isBlankBlock(blocks[end - 1]!)) end--;
  if (start === end) return EMPTY_DOC;
  if (start === 0 && end === blocks.length) return doc;
  return { ...doc, content: blocks.slice(start, end) };
}
