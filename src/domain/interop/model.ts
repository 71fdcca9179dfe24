// What an export reads: one document with its paragraphs, translations (with who wrote and
// approved them), and the notes the exporting user may see. Filled by src/data, written by the
// format writers of this folder.

export type ParagraphKind = 'heading' | 'body' | 'closing';
export type TranslationStatus = 'empty' | 'draft' | 'translated' | 'approved';
export type NoteStatus = 'draft' | 'submitted' | 'approved' | 'rejected';
export type NoteKind = 'note' | 'term' | 'person' | 'place' | 'organisation' | 'treaty' | 'date' | 'question';

export interface ExportParagraph {
  id: string;
  position: number;
  kind: ParagraphKind;
  text: string;
}

export interface ExportTranslation {
  id: string;
  paragraphId: string;
  /** Plain text; English paragraphs separated by '\n'. */
  text: string;
  status: TranslationStatus;
  /** Consecutive paragraphs, from its own, that this text renders (an aligned 1:n row). */
  span: number;
  version: number;
  /** First saved revision: when and by whom the translation was created. */
  createdAt: string | null;
  createdBy: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The latest approval of the current version's row, if any. */
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export interface ExportReply {
  id: string;
  authorId: string;
  text: string;
  /** tiptap JSON as stored, or null. */
  body: unknown;
  createdAt: string;
  updatedAt: string | null;
}

export interface ExportNote {
  id: string;
  paragraphId: string;
  authorId: string;
  status: NoteStatus;
  /** Which text the offsets and quote refer to. */
  target: 'source' | 'translation';
  /** The quoted span (code points); all null for a note on the whole paragraph. */
  exact: string | null;
  prefix: string | null;
  suffix: string | null;
  start: number | null;
  end: number | null;
  text: string;
  body: unknown;
  kind: NoteKind;
  tags: string[];
  createdAt: string;
  updatedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  replies: ExportReply[];
}

export interface ExportDocument {
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  publishedOn: string | null;
  keywords: string[];
  collection: string | null;
  sourceLine: string | null;
  metadata: Record<string, string>;
  paragraphs: ExportParagraph[];
  translations: ExportTranslation[];
  notes: ExportNote[];
  /** Display names (or emails) of everyone the document's rows and notes mention, by user id. */
  people: Record<string, string>;
}

/** Which rows an export includes. */
export type RowSelection = 'approved' | 'translated' | 'all';
/** Which notes: none, approved ones, or every note shared with the team (submitted, approved, rejected). */
export type NoteSelection = 'none' | 'approved' | 'shared';

export interface ExportOptions {
  rows: RowSelection;
  notes: NoteSelection;
  /** When the export was made (ISO 8601); the writers never read the clock themselves. */
  exportedAt: string;
  /** The app's address, for the IRIs of paragraphs and notes (W3C annotations). */
  baseUrl: string;
  /** Name of who exports, for file headers. */
  exportedBy?: string;
}

/** A file an export produces. */
export interface ExportFile {
  name: string;
  mime: string;
  data: string | Uint8Array;
}

/** The person's name, or a stable placeholder for an unknown or deleted account. */
export function personName(doc: Pick<ExportDocument, 'people'>, id: string | null | undefined): string | null {
  if (!id) return null;
  return doc.people[id] ?? `user ${id.slice(0, 8)}`;
}
