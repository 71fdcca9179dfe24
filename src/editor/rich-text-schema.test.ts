// Parity of the stored-document validator with the editor's real schema: every node and mark the
// editor can produce passes the validator (and stays a valid document after it), and nothing the
// editor cannot produce does.
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import type { Node as PmNode, NodeType } from '@tiptap/pm/model';
import { baseExtensions } from './extensions.ts';
import { parseRichDoc } from './rich-text-schema.ts';

const schema = getSchema(baseExtensions());
const NODE_NAMES = Object.keys(schema.nodes).sort();
const MARK_NAMES = Object.keys(schema.marks).sort();

/** Nodes and marks of other tiptap extensions, which the editor does not load and storage must refuse. */
const FOREIGN_NODES = ['image', 'table', 'tableRow', 'tableCell', 'taskList', 'taskItem', 'mention', 'details', 'youtube', 'mathematics', 'iframe'];
const FOREIGN_MARKS = ['highlight', 'subscript', 'superscript', 'textStyle', 'comment'];

/** A document holding `node` where the schema allows it (inline nodes in a paragraph, list items in a list). */
function docWith(node: PmNode): PmNode {
  const { nodes } = schema;
  if (node.type === nodes.doc) return node;
  if (node.isInline) return nodes.doc!.create(null, nodes.paragraph!.create(null, node));
  if (node.type === nodes.listItem) return nodes.doc!.create(null, nodes.bulletList!.create(null, node));
  return nodes.doc!.create(null, node);
}

function sample(type: NodeType): PmNode {
  if (type.name === 'text') return schema.text('字');
  return type.createAndFill()!;
}

/** What storage keeps of a document the editor produced, read back into the editor's schema. */
function storedAndReloaded(doc: PmNode): PmNode {
  const parsed = parseRichDoc(doc.toJSON());
  expect(parsed, JSON.stringify(doc.toJSON())).not.toBeNull();
  const reloaded = schema.nodeFromJSON(parsed);
  reloaded.check();
  return reloaded;
}

describe('rich-text schema parity with the editor', () => {
  it('the editor has the nodes and marks the validator was written for', () => {
    expect(NODE_NAMES).toEqual(['blockquote', 'bulletList', 'codeBlock', 'doc', 'hardBreak', 'heading', 'horizontalRule', 'listItem', 'orderedList', 'paragraph', 'text']);
    expect(MARK_NAMES).toEqual(['bold', 'code', 'italic', 'link', 'strike', 'underline']);
  });

  it.each(NODE_NAMES)('accepts a %s node as the editor writes it, and it reloads unchanged', (name) => {
    const doc = docWith(sample(schema.nodes[name]!));
    expect(storedAndReloaded(doc).eq(doc)).toBe(true);
  });

  it.each(MARK_NAMES)('accepts text with a %s mark as the editor writes it', (name) => {
    const attrs = name === 'link' ? { href: 'https://example.org/report' } : null;
    const doc = docWith(schema.text('联合声明', [schema.marks[name]!.create(attrs)]));
    const reloaded = storedAndReloaded(doc);
    expect(reloaded.textContent).toBe('联合声明');
    expect(reloaded.firstChild!.firstChild!.marks.map((m) => m.type.name)).toEqual([name]);
  });

  it('accepts every heading level the editor offers and the attributes it stores', () => {
    for (const level of [1, 2, 3, 4, 5, 6]) {
      const doc = docWith(schema.nodes.heading!.create({ level }, schema.text('标题')));
      expect(storedAndReloaded(doc).eq(doc)).toBe(true);
    }
    const list = docWith(schema.nodes.orderedList!.create({ start: 4 }, schema.nodes.listItem!.createAndFill()!));
    expect(storedAndReloaded(list).firstChild!.attrs.start).toBe(4);
    const code = docWith(schema.nodes.codeBlock!.create({ language: 'sql' }, schema.text('select 1')));
    expect(storedAndReloaded(code).firstChild!.attrs.language).toBe('sql');
  });

  it.each(FOREIGN_NODES)('refuses a %s node, which the editor cannot hold', (name) => {
    expect(schema.nodes[name]).toBeUndefined();
    expect(parseRichDoc({ type: 'doc', content: [{ type: name, content: [] }] })).toBeNull();
    expect(parseRichDoc({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: name }] }] })).toBeNull();
  });

  it.each(FOREIGN_MARKS)('refuses a %s mark', (name) => {
    expect(schema.marks[name]).toBeUndefined();
    expect(parseRichDoc({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: name }] }] }] })).toBeNull();
  });

  it('refuses a heading level the editor has no button or shortcut for', () => {
    expect(parseRichDoc({ type: 'doc', content: [{ type: 'heading', attrs: { level: 7 }, content: [] }] })).toBeNull();
  });
});
