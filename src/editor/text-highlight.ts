// Highlights given by plain-text offsets (a QA finding's spans in the English) shown inside the
// open editor, as ProseMirror decorations: the document is not changed, the highlight follows the
// text while it is edited, and is replaced when new offsets arrive.
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface TextRange {
  /** UTF-16 offsets in the document's plain text (docToPlainText of the saved document). */
  start: number;
  end: number;
}

/** A run of text in the document: plain-text offsets [start, end) at document position `pos`. */
interface Run {
  start: number;
  end: number;
  pos: number;
}

const isBlankLine = (node: PmNode) => (node.type.name === 'paragraph' || node.type.name === 'heading') && node.textContent.trim() === '';

/**
 * Where the plain text's characters sit in the document, line by line as docToPlainText writes it:
 * every textblock (and leaf block) is a line, lines are joined by "\n", a hard break inside a line
 * is "\n" too; blank lines before the first line of text are left out, as the saved text leaves them.
 */
function plainTextRuns(doc: PmNode): Run[] {
  const lines: PmNode[] = [];
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isBlock) return false;
    if (node.isTextblock || node.isLeaf) {
      lines.push(node);
      positions.push(pos);
      return false;
    }
    return true;
  });
  let first = 0;
  while (first < lines.length && isBlankLine(lines[first]!)) first++;
  const runs: Run[] = [];
  let offset = 0;
  for (let i = first; i < lines.length; i++) {
    if (i > first) offset += 1;
    const line = lines[i]!;
    if (!line.isTextblock) continue;
    line.forEach((child, childOffset) => {
      if (child.isText) {
        const length = child.text!.length;
        runs.push({ start: offset, end: offset + length, pos: positions[i]! + 1 + childOffset });
        offset += length;
      } else offset += 1;
    });
  }
  return runs;
}

/** The document ranges covering plain-text ranges (one per text run a range touches). */
export function documentRanges(doc: PmNode, ranges: readonly TextRange[]): Array<{ from: number; to: number }> {
  if (ranges.length === 0) return [];
  const runs = plainTextRuns(doc);
  const out: Array<{ from: number; to: number }> = [];
  for (const range of ranges) {
    for (const run of runs) {
      const start = Math.max(range.start, run.start);
      const end = Math.min(range.end, run.end);
      if (start < end) out.push({ from: run.pos + start - run.start, to: run.pos + end - run.start });
    }
  }
  return out;
}

export const textHighlightKey = new PluginKey<DecorationSet>('textHighlight');

function decorate(doc: PmNode, ranges: readonly TextRange[], className: string): DecorationSet {
  const found = documentRanges(doc, ranges);
  if (found.length === 0) return DecorationSet.empty;
  return DecorationSet.create(
    doc,
    found.map(({ from, to }) => Decoration.inline(from, to, { nodeName: 'mark', class: className })),
  );
}

/** Sets the highlighted ranges (plain-text offsets) of an editor. */
export function setTextHighlights(state: EditorState, ranges: readonly TextRange[]) {
  return state.tr.setMeta(textHighlightKey, ranges).setMeta('addToHistory', false);
}

export const TextHighlight = Extension.create<{ className: string }>({
  name: 'textHighlight',
  addOptions() {
    return { className: 'qa-hit' };
  },
  addProseMirrorPlugins() {
    const { className } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: textHighlightKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const ranges = tr.getMeta(textHighlightKey) as readonly TextRange[] | undefined;
            if (ranges) return decorate(tr.doc, ranges, className);
            // Typing moves the highlight with its text until the new offsets arrive.
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => textHighlightKey.getState(state),
        },
      }),
    ];
  },
});
