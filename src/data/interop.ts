// Reading a whole document for export (paragraphs, translations with their history, the notes the
// caller may see, the names of everyone involved) and writing imported translations and
// alignments. The functions take the Supabase client, so the app (signed-in user) and the command
// line (service key) share them.
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { ExportDocument, ExportNote, ExportTranslation, ExportedTexts } from '../domain/interop/index.ts';
import { exportedTextKey } from '../domain/interop/index.ts';
import type { Database, Json } from './database.types.ts';
import { withSignal } from './postgrest.ts';

type Client = SupabaseClient<Database>;

const PAGE = 1000;

export interface FetchOptions {
  signal?: AbortSignal;
  /** Called as parts arrive: done and total in rows read. */
  onProgress?: (done: number, total: number) => void;
}

const documentSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  title: z.string(),
  published_on: z.nullish(z.string()),
  keywords: z.nullish(z.array(z.string())),
  collection: z.nullish(z.string()),
  source_line: z.nullish(z.string()),
  metadata: z.nullish(z.record(z.string(), z.unknown())),
  projects: z.pipe(
    z.transform((v: unknown) => (Array.isArray(v) ? v[0] : v)),
    z.object({ name: z.string() }),
  ),
});

const translationSchema = z.object({
  id: z.string(),
  text: z.nullish(z.string()),
  status: z.enum(['empty', 'draft', 'translated', 'approved']),
  span: z.nullish(z.int()),
  version: z.int(),
  updated_at: z.nullish(z.string()),
  updated_by: z.nullish(z.string()),
});

const paragraphSchema = z.object({
  id: z.string(),
  position: z.int(),
  kind: z.enum(['heading', 'body', 'closing']),
  text: z.string(),
  translations: z.pipe(
    z.transform((v: unknown) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))),
    z.nullable(translationSchema),
  ),
});

const historySchema = z.object({
  paragraph_id: z.nullish(z.string()),
  first_saved_at: z.nullish(z.string()),
  first_author_id: z.nullish(z.string()),
  approved_at: z.nullish(z.string()),
  approved_by: z.nullish(z.string()),
});

const replySchema = z.object({
  id: z.string(),
  author_id: z.string(),
  body: z.unknown(),
  body_text: z.nullish(z.string()),
  created_at: z.string(),
  updated_at: z.nullish(z.string()),
});

const noteSchema = z.object({
  id: z.string(),
  paragraph_id: z.string(),
  author_id: z.string(),
  status: z.enum(['draft', 'submitted', 'approved', 'rejected']),
  target: z.catch(z.enum(['source', 'translation']), 'source'),
  quote_exact: z.nullish(z.string()),
  quote_prefix: z.nullish(z.string()),
  quote_suffix: z.nullish(z.string()),
  start_offset: z.nullish(z.int()),
  end_offset: z.nullish(z.int()),
  body: z.unknown(),
  body_text: z.nullish(z.string()),
  kind: z.catch(z.enum(['note', 'term', 'person', 'place', 'organisation', 'treaty', 'date', 'question']), 'note'),
  tags: z.nullish(z.array(z.string())),
  reviewed_by: z.nullish(z.string()),
  reviewed_at: z.nullish(z.string()),
  review_comment: z.nullish(z.string()),
  created_at: z.string(),
  updated_at: z.nullish(z.string()),
  annotation_replies: z.nullish(z.array(replySchema)),
});

const profileSchema = z.object({ id: z.string(), display_name: z.nullish(z.string()), email: z.nullish(z.string()) });

async function lastPosition(client: Client, documentId: string, signal?: AbortSignal): Promise<number> {
  const { data } = await withSignal(client.from('paragraphs').select('position').eq('document_id', documentId).order('position', { ascending: false }).limit(1), signal).throwOnError();
  return z.array(z.object({ position: z.int() })).parse(data)[0]?.position ?? 0;
}

/** Reads everything an export of the document needs. */
export async function fetchExportDocument(client: Client, documentId: string, { signal, onProgress }: FetchOptions = {}): Promise<ExportDocument> {
  const { data: docData } = await withSignal(
    client.from('documents').select('id,project_id,title,published_on,keywords,collection,source_line,metadata,projects(name)').eq('id', documentId),
    signal,
  )
    .single()
    .throwOnError();
  const header = documentSchema.parse(docData);
  const last = await lastPosition(client, documentId, signal);
  const total = Math.max(1, last * 2);

  const paragraphs: z.infer<typeof paragraphSchema>[] = [];
  const history = new Map<string, z.infer<typeof historySchema>>();
  for (let from = 1; from <= last; from += PAGE) {
    const to = from + PAGE - 1;
    const [{ data: rows }, { data: hist }] = await Promise.all([
      withSignal(
        client
          .from('paragraphs')
          .select('id,position,kind,text,translations(id,text,status,span,version,updated_at,updated_by)')
          .eq('document_id', documentId)
          .gte('position', from)
          .lte('position', to)
          .order('position'),
        signal,
      ).throwOnError(),
      withSignal(
        client
          .from('translation_history')
          .select('paragraph_id,first_saved_at,first_author_id,approved_at,approved_by')
          .eq('document_id', documentId)
          .gte('position', from)
          .lte('position', to),
        signal,
      ).throwOnError(),
    ]);
    paragraphs.push(...z.array(paragraphSchema).parse(rows));
    for (const h of z.array(historySchema).parse(hist)) if (h.paragraph_id) history.set(h.paragraph_id, h);
    onProgress?.(Math.min(last, to), total);
  }

  const notes: z.infer<typeof noteSchema>[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { data } = await withSignal(
      client
        .from('annotations')
        .select(
          'id,paragraph_id,author_id,status,target,quote_exact,quote_prefix,quote_suffix,start_offset,end_offset,body,body_text,kind,tags,reviewed_by,reviewed_at,review_comment,created_at,updated_at,annotation_replies(id,author_id,body,body_text,created_at,updated_at),paragraphs!inner(document_id)',
        )
        .eq('paragraphs.document_id', documentId)
        .neq('status', 'draft')
        .order('created_at')
        .order('id')
        .range(offset, offset + PAGE - 1),
      signal,
    ).throwOnError();
    const page = z.array(noteSchema).parse(data);
    notes.push(...page);
    if (page.length < PAGE) break;
  }
  onProgress?.(Math.round(total * 0.9), total);

  const ids = new Set<string>();
  const remember = (id: string | null | undefined) => id && ids.add(id);
  for (const p of paragraphs) remember(p.translations?.updated_by);
  for (const h of history.values()) {
    remember(h.first_author_id);
    remember(h.approved_by);
  }
  for (const n of notes) {
    remember(n.author_id);
    remember(n.reviewed_by);
    for (const r of n.annotation_replies ?? []) remember(r.author_id);
  }
  const people: Record<string, string> = {};
  const all = [...ids];
  for (let k = 0; k < all.length; k += 200) {
    const { data } = await withSignal(client.from('profiles').select('id,display_name,email').in('id', all.slice(k, k + 200)), signal).throwOnError();
    for (const p of z.array(profileSchema).parse(data)) people[p.id] = p.display_name || p.email || `user ${p.id.slice(0, 8)}`;
  }
  onProgress?.(total, total);

  const translations: ExportTranslation[] = paragraphs.flatMap((p) => {
    const t = p.translations;
    if (!t) return [];
    const h = history.get(p.id);
    return [
      {
        id: t.id,
        paragraphId: p.id,
        text: t.text ?? '',
        status: t.status,
        span: t.span ?? 1,
        version: t.version,
        createdAt: h?.first_saved_at ?? null,
        createdBy: h?.first_author_id ?? null,
        updatedAt: t.version > 0 ? (t.updated_at ?? null) : null,
        updatedBy: t.updated_by ?? null,
        reviewedAt: h?.approved_at ?? null,
        reviewedBy: h?.approved_by ?? null,
      },
    ];
  });
  const exportNotes: ExportNote[] = notes.map((n) => ({
    id: n.id,
    paragraphId: n.paragraph_id,
    authorId: n.author_id,
    status: n.status,
    target: n.target,
    exact: n.quote_exact ?? null,
    prefix: n.quote_prefix ?? null,
    suffix: n.quote_suffix ?? null,
    start: n.start_offset ?? null,
    end: n.end_offset ?? null,
    text: n.body_text ?? '',
    body: n.body ?? null,
    kind: n.kind,
    tags: n.tags ?? [],
    createdAt: n.created_at,
    updatedAt: n.updated_at ?? null,
    reviewedBy: n.reviewed_by ?? null,
    reviewedAt: n.reviewed_at ?? null,
    reviewComment: n.review_comment ?? null,
    replies: [...(n.annotation_replies ?? [])]
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .map((r) => ({ id: r.id, authorId: r.author_id, text: r.body_text ?? '', body: r.body ?? null, createdAt: r.created_at, updatedAt: r.updated_at ?? null })),
  }));

  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(header.metadata ?? {})) if (typeof v === 'string') metadata[k] = v;
  return {
    id: header.id,
    projectId: header.project_id,
    projectName: header.projects.name,
    title: header.title,
    publishedOn: header.published_on ?? null,
    keywords: header.keywords ?? [],
    collection: header.collection ?? null,
    sourceLine: header.source_line ?? null,
    metadata,
    paragraphs: paragraphs.map(({ id, position, kind, text }) => ({ id, position, kind, text })),
    translations,
    notes: exportNotes,
    people,
  };
}

/** The English rows had at given versions (from their revisions), for telling outdated units from conflicts. */
export async function fetchExportedTexts(client: Client, doc: ExportDocument, wanted: { paragraphId: string; version: number }[], signal?: AbortSignal): Promise<ExportedTexts> {
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const translationOf = new Map(doc.translations.map((t) => [t.paragraphId, t.id]));
  const paragraphOf = new Map(doc.translations.map((t) => [t.id, t.paragraphId]));
  const translationIds = [...new Set(wanted.map((w) => translationOf.get(w.paragraphId)).filter((id): id is string => !!id))];
  for (let k = 0; k < translationIds.length; k += 200) {
    const { data } = await withSignal(
      client.from('translation_revisions').select('translation_id,version,text').in('translation_id', translationIds.slice(k, k + 200)),
      signal,
    ).throwOnError();
    for (const r of z.array(z.object({ translation_id: z.string(), version: z.int(), text: z.string() })).parse(data)) {
      const paragraphId = paragraphOf.get(r.translation_id);
      if (paragraphId) out.set(exportedTextKey(paragraphId, r.version), r.text);
    }
  }
  return out;
}

export interface ImportRowPayload {
  paragraph_id: string;
  expected_version: number;
  text: string;
}

/** Writes imported English as drafts (import_translations: all rows or none, each at its previewed version). */
export async function applyImportedTranslations(client: Client, documentId: string, rows: ImportRowPayload[], options: { author?: string; signal?: AbortSignal } = {}): Promise<number> {
  const args = { p_document_id: documentId, p_rows: rows as unknown as Json, ...(options.author ? { p_author: options.author } : {}) };
  const { data } = await withSignal(client.rpc('import_translations', args), options.signal).throwOnError();
  return z.object({ written: z.int() }).parse(data).written;
}

/** Projects with their documents, for project exports. */
export async function fetchProjectDocuments(client: Client, projectId: string, signal?: AbortSignal): Promise<{ id: string; title: string }[]> {
  const { data } = await withSignal(client.from('documents').select('id,title').eq('project_id', projectId).order('title'), signal).throwOnError();
  return z.array(z.object({ id: z.string(), title: z.string() })).parse(data);
}
