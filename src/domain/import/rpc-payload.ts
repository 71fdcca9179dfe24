import type { ParagraphKind, ParsedDocument } from './types.ts';

/** The `p_document` argument of the `import_document(p_project_id, p_document)` RPC. */
export interface ImportDocumentPayload {
  title: string;
  published_on: string | null;
  keywords: string[];
  collection: string | null;
  source_line: string | null;
  metadata: Record<string, string>;
  paragraphs: { position: number; kind: ParagraphKind; text: string }[];
}

/** Maps a parse result to the RPC payload: the stored fields only, never the parse diagnostics. */
export function toImportPayload(doc: ParsedDocument): ImportDocumentPayload {
  return {
    title: doc.title,
    published_on: doc.published_on,
    keywords: [...doc.keywords],
    collection: doc.collection,
    source_line: doc.source_line,
    metadata: { ...doc.metadata },
    paragraphs: doc.paragraphs.map(({ position, kind, text }) => ({ position, kind, text })),
  };
}

export interface ParagraphCounts {
  total: number;
  heading: number;
  body: number;
  closing: number;
}

export function countParagraphs(doc: Pick<ParsedDocument, 'paragraphs'>): ParagraphCounts {
  const counts: ParagraphCounts = { total: doc.paragraphs.length, heading: 0, body: 0, closing: 0 };
  for (const p of doc.paragraphs) counts[p.kind]++;
  return counts;
}
