// InterText's XML: a text document is paragraphs of alignable elements with ids (`<p id="1"><s
// id="1:1">…</s></p>`), and an alignment is a `linkGrp` of links between the two documents.
//
// In a link, InterText reads `xtargets="A;B"` as A = ids in `toDoc`, B = ids in `fromDoc`, and
// `type="a-b"` as the sizes of A and B (InterText Editor's own loader does so; its example
// alignments and the MAC corpus agree). An empty side is a 1-0 or 0-1 link.
import { InteropError } from './errors.ts';
import { attr, el, elements, localName, parseXml, textContent, writeXml, type XmlElement, type XmlSpec } from './xml.ts';

/** One alignable element (usually an `<s>`). */
export interface InterTextSegment {
  id: string;
  text: string;
}

/** A paragraph: the element with an id around alignable elements, or one alignable element standing alone. */
export interface InterTextParagraph {
  id: string;
  segments: InterTextSegment[];
}

export interface InterTextDocument {
  /** Name of the root element (`text`, `doc`, …) and its attributes (e.g. `language`). */
  root: string;
  attrs: Record<string, string>;
  paragraphs: InterTextParagraph[];
}

/** InterText's link statuses: confirmed by hand, made by an automatic aligner, or neither. */
export type InterTextLinkStatus = 'man' | 'auto' | 'plain';

export interface InterTextLink {
  /** Ids in the `fromDoc` document (the second part of xtargets). */
  from: string[];
  /** Ids in the `toDoc` document (the first part of xtargets). */
  to: string[];
  status: InterTextLinkStatus | null;
  /** InterText's numeric mark (a user's highlight), kept as written. */
  mark: string | null;
}

export interface InterTextAlignment {
  fromDoc: string;
  toDoc: string;
  links: InterTextLink[];
}

function hasIdDescendant(node: XmlElement): boolean {
  return elements(node).some((c) => attr(c, 'id') !== undefined || hasIdDescendant(c));
}

function collectSegments(node: XmlElement, paragraphId: string | null, out: InterTextParagraph[], seen: Set<string>): void {
  for (const child of elements(node)) {
    const id = attr(child, 'id');
    if (id === undefined) {
      collectSegments(child, paragraphId, out, seen);
      continue;
    }
    if (seen.has(id)) throw new InteropError('invalid', 'interTextDuplicateId', { id });
    seen.add(id);
    if (hasIdDescendant(child)) {
      collectSegments(child, id, out, seen);
      continue;
    }
    const segment = { id, text: textContent(child).trim() };
    const last = out[out.length - 1];
    if (paragraphId !== null && last?.id === paragraphId) last.segments.push(segment);
    else out.push({ id: paragraphId ?? id, segments: [segment] });
  }
}

/**
 * Reads an InterText document. Alignable elements are the innermost elements with an id; each
 * belongs to the nearest enclosing element with an id (its paragraph), or stands as its own.
 */
export function readInterTextDocument(xml: string): InterTextDocument {
  const root = parseXml(xml, 'intertextDocument');
  if (localName(root.name) === 'linkGrp') {
    throw new InteropError('wrong-format', 'interTextIsAlignment');
  }
  const paragraphs: InterTextParagraph[] = [];
  collectSegments(root, null, paragraphs, new Set());
  if (paragraphs.length === 0) throw new InteropError('invalid', 'interTextNoIds');
  return { root: root.name, attrs: { ...root.attrs }, paragraphs };
}

/** Every alignable element of a document by id, in reading order. */
export function segmentsById(doc: InterTextDocument): Map<string, InterTextSegment> {
  const map = new Map<string, InterTextSegment>();
  for (const p of doc.paragraphs) for (const s of p.segments) map.set(s.id, s);
  return map;
}

function splitIds(side: string): string[] {
  return side.split(/\s+/).filter((id) => id !== '');
}

const STATUSES: readonly InterTextLinkStatus[] = ['man', 'auto', 'plain'];

/** Reads an InterText alignment (`linkGrp`). */
export function readInterTextAlignment(xml: string): InterTextAlignment {
  const root = parseXml(xml, 'intertextAlignment');
  if (localName(root.name) !== 'linkGrp') {
    throw new InteropError('wrong-format', 'interTextNotAlignment', { root: root.name });
  }
  const links = elements(root, 'link').map((link, index): InterTextLink => {
    const n = index + 1;
    const xtargets = attr(link, 'xtargets');
    if (xtargets === undefined) throw new InteropError('invalid', 'interTextNoTargets', { link: n });
    const parts = xtargets.split(';');
    if (parts.length !== 2) throw new InteropError('invalid', 'interTextBadTargets', { link: n, targets: xtargets });
    const to = splitIds(parts[0]!);
    const from = splitIds(parts[1]!);
    if (to.length === 0 && from.length === 0) throw new InteropError('invalid', 'interTextEmptyLink', { link: n });
    const type = attr(link, 'type');
    if (type !== undefined && type !== `${to.length}-${from.length}`) {
      throw new InteropError('invalid', 'interTextBadType', { link: n, type, targets: xtargets, counted: `${to.length}-${from.length}` });
    }
    const status = attr(link, 'status') ?? null;
    return {
      from,
      to,
      status: status !== null && (STATUSES as readonly string[]).includes(status) ? (status as InterTextLinkStatus) : null,
      mark: attr(link, 'mark') ?? null,
    };
  });
  return { fromDoc: attr(root, 'fromDoc') ?? '', toDoc: attr(root, 'toDoc') ?? '', links };
}

export interface CheckOptions {
  /**
   * Also require links to follow both documents' reading order (no crossing links), as rows of a
   * side-by-side document do. Hand alignments may cross: MAC-Dev has two such links.
   */
  ordered?: boolean;
}

/**
 * Checks an alignment against its two documents: every id exists and is linked at most once (and,
 * when asked, links keep both documents' order). Raises an InteropError naming the first problem.
 */
export function checkInterTextAlignment(alignment: InterTextAlignment, from: InterTextDocument, to: InterTextDocument, options: CheckOptions = {}): void {
  const sides = [
    { name: 'fromDoc', index: orderIndex(from), ids: (l: InterTextLink) => l.from },
    { name: 'toDoc', index: orderIndex(to), ids: (l: InterTextLink) => l.to },
  ];
  for (const side of sides) {
    const used = new Set<string>();
    let last = -1;
    alignment.links.forEach((link, k) => {
      for (const id of side.ids(link)) {
        const at = side.index.get(id);
        if (at === undefined) throw new InteropError('no-match', 'interTextUnknownId', { link: k + 1, id, side: side.name });
        if (used.has(id)) throw new InteropError('invalid', 'interTextLinkedTwice', { link: k + 1, id, side: side.name });
        if (options.ordered && at < last) throw new InteropError('invalid', 'interTextOutOfOrder', { link: k + 1, id, side: side.name });
        used.add(id);
        last = at;
      }
    });
  }
}

function orderIndex(doc: InterTextDocument): Map<string, number> {
  const index = new Map<string, number>();
  for (const p of doc.paragraphs) for (const s of p.segments) index.set(s.id, index.size);
  return index;
}

// ─── writing ────────────────────────────────────────────────────────────────────────────────────

/**
 * Writes a document. A paragraph whose one segment carries the paragraph's own id is written as a
 * bare `<p id>`; otherwise as `<p id>` around `<s id>` elements.
 */
export function writeInterTextDocument(doc: InterTextDocument): string {
  const paragraphs: XmlSpec[] = doc.paragraphs.map((p) => {
    const only = p.segments.length === 1 ? p.segments[0]! : null;
    if (only && only.id === p.id) return el('p', { id: p.id }, [only.text]);
    return el('p', { id: p.id }, p.segments.map((s) => el('s', { id: s.id }, [s.text])));
  });
  return writeXml(el(doc.root || 'text', doc.attrs, paragraphs));
}

export function writeInterTextAlignment(alignment: InterTextAlignment): string {
  const links = alignment.links.map((l) =>
    el('link', {
      type: `${l.to.length}-${l.from.length}`,
      xtargets: `${l.to.join(' ')};${l.from.join(' ')}`,
      status: l.status ?? undefined,
      mark: l.mark ?? undefined,
    }),
  );
  return writeXml(el('linkGrp', { toDoc: alignment.toDoc, fromDoc: alignment.fromDoc }, links));
}
