// The details of a file to import that the user may change in its preview (date, collection,
// keywords), and the payload they make with the parsed document.
import { toImportPayload, type ImportDocumentPayload, type ParsedDocument } from '../../domain/import/index.ts';

/** Details of a document the user may change before importing it. */
export interface DocumentDetails {
  published_on?: string | null;
  collection?: string | null;
  /** The keywords as typed, separated by spaces, commas or 、. */
  keywordsText?: string;
}

/** Keywords typed in one field: separated by whitespace, commas or 、, each once. */
export function splitKeywords(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter((k) => k !== ''))];
}

/** The details an import of `doc` would store, the user's changes over the file's. */
export function effectiveDetails(doc: ParsedDocument, details: DocumentDetails): Required<DocumentDetails> {
  return {
    published_on: details.published_on !== undefined ? details.published_on : doc.published_on,
    collection: details.collection !== undefined ? details.collection : doc.collection,
    keywordsText: details.keywordsText ?? doc.keywords.join(' '),
  };
}

/** The `import_document` payload of a parsed file with the user's title and details. */
export function entryPayload(doc: ParsedDocument, title: string, details: DocumentDetails): ImportDocumentPayload {
  const chosen = effectiveDetails(doc, details);
  return { ...toImportPayload(doc), title, published_on: chosen.published_on, collection: chosen.collection?.trim() || null, keywords: splitKeywords(chosen.keywordsText) };
}
