// W3C Web Annotation Data Model as JSON-LD: the document's notes as one AnnotationCollection whose
// first AnnotationPage holds every note; each targets its paragraph (or the paragraph's English)
// with a TextQuoteSelector and a TextPositionSelector counted in code points.
import { personName, type ExportDocument, type ExportFile, type ExportNote, type ExportOptions, type NoteKind } from './model.ts';
import { buildRows, selectRows } from './rows.ts';
import { fileStem, isoDate, richTextHtml } from './text-utils.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export type Motivation = 'commenting' | 'identifying' | 'questioning' | 'tagging';

const ENTITY_KINDS: readonly NoteKind[] = ['person', 'place', 'organisation', 'treaty', 'date'];

/** Entity kinds identify something, questions question, a note of tags alone tags, the rest comment. */
export function motivationOf(note: Pick<ExportNote, 'kind' | 'text' | 'tags'>): Motivation {
  if (ENTITY_KINDS.includes(note.kind)) return 'identifying';
  if (note.kind === 'question') return 'questioning';
  if (note.text.trim() === '' && note.tags.length > 0) return 'tagging';
  return 'commenting';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function paragraphIri(baseUrl: string, documentId: string, paragraphId: string): string {
  return `${trimSlash(baseUrl)}/documents/${documentId}/paragraphs/${paragraphId}`;
}

function agent(doc: ExportDocument, baseUrl: string, id: string) {
  return { id: `${trimSlash(baseUrl)}/users/${id}`, type: 'Person', name: personName(doc, id) };
}

function annotation(doc: ExportDocument, note: ExportNote, options: ExportOptions) {
  const source = paragraphIri(options.baseUrl, doc.id, note.paragraphId) + (note.target === 'translation' ? '/translation' : '');
  const selectors: object[] = [];
  if (note.exact !== null && note.start !== null && note.end !== null) {
    selectors.push(
      { type: 'TextQuoteSelector', exact: note.exact, prefix: note.prefix ?? '', suffix: note.suffix ?? '' },
      { type: 'TextPositionSelector', start: note.start, end: note.end },
    );
  }
  const target: Record<string, unknown> = { type: 'SpecificResource', source };
  if (selectors.length) target.selector = selectors;
  target.language = note.target === 'source' ? 'zh-CN' : 'en';
  const text = note.text.trim();
  const body: object[] = [];
  if (text !== '') {
    body.push(
      { type: 'TextualBody', value: richTextHtml(note.body, text), format: 'text/html', purpose: 'commenting' },
      { type: 'TextualBody', value: text, format: 'text/plain', purpose: 'commenting' },
    );
  }
  body.push(...note.tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })));
  if (note.kind !== 'note') body.push({ type: 'TextualBody', value: note.kind, purpose: motivationOf(note) === 'identifying' ? 'identifying' : 'classifying' });
  const replies = note.replies.map((r) => ({
    id: `urn:uuid:${r.id}`,
    type: 'Annotation',
    motivation: 'replying',
    creator: agent(doc, options.baseUrl, r.authorId),
    created: isoDate(r.createdAt),
    ...(r.updatedAt ? { modified: isoDate(r.updatedAt) } : {}),
    body: [
      { type: 'TextualBody', value: richTextHtml(r.body, r.text.trim()), format: 'text/html' },
      { type: 'TextualBody', value: r.text.trim(), format: 'text/plain' },
    ],
    target: `urn:uuid:${note.id}`,
  }));
  return {
    main: {
      id: `urn:uuid:${note.id}`,
      type: 'Annotation',
      motivation: motivationOf(note),
      creator: agent(doc, options.baseUrl, note.authorId),
      created: isoDate(note.createdAt),
      ...(note.updatedAt ? { modified: isoDate(note.updatedAt) } : {}),
      generator: { id: trimSlash(options.baseUrl), type: 'Software', name: 'Duizhao' },
      body,
      target,
    },
    replies,
  };
}

/** The collection as a plain object (what the .jsonld file holds). */
export function annotationCollection(doc: ExportDocument, options: ExportOptions) {
  const rows = selectRows(buildRows(doc, options.notes), options.rows);
  const items = rows.flatMap((row) =>
    row.notes.flatMap((note) => {
      const { main, replies } = annotation(doc, note, options);
      return [main, ...replies];
    }),
  );
  const collectionId = `${trimSlash(options.baseUrl)}/documents/${doc.id}/annotations`;
  return {
    '@context': ANNO_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: doc.title,
    ...(options.exportedBy ? { creator: { type: 'Person', name: options.exportedBy } } : {}),
    generated: isoDate(options.exportedAt),
    generator: { id: trimSlash(options.baseUrl), type: 'Software', name: 'Duizhao' },
    total: items.length,
    first: {
      id: `${collectionId}?page=0`,
      type: 'AnnotationPage',
      partOf: collectionId,
      startIndex: 0,
      items,
    },
  };
}

export function writeJsonLd(doc: ExportDocument, options: ExportOptions): ExportFile {
  return {
    name: `${fileStem(doc.title)}.annotations.jsonld`,
    mime: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    data: `${JSON.stringify(annotationCollection(doc, options), null, 2)}\n`,
  };
}
