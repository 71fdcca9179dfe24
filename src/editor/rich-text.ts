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
