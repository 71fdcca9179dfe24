// The app's side of exports and imports: build files for download (a document, or a project as one
// zip with progress), preview an import against the document as it is now, write it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  checkSize, exportedVersionsNeeded, fileStem, importRows, interTextRows, packDocument, planImport, readInterTextFiles, readTranslationFile, renderExport, zipFiles,
  type AlignmentRow, type ExportDocument, type InteropNotice, type ExportFile, type ImportPlan, type RenderOptions, type TranslationFile, type ZipEntry,
} from '../domain/interop/index.ts';
import { supabase } from './client.ts';
import { applyImportedTranslations, fetchExportDocument, fetchExportedTexts, fetchProjectDocuments } from './interop.ts';
import { documentKeys, invalidate, projectKeys } from './keys.ts';

export interface ExportProgress {
  /** What is being done: reading a document, or packing the zip. */
  step: 'reading' | 'writing' | 'packing';
  /** The document being read (project exports). */
  title?: string;
  done: number;
  total: number;
}

export interface ExportRequest {
  scope: { documentId: string } | { projectId: string; projectName: string };
  options: Omit<RenderOptions, 'exportedAt'>;
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
}

/** Builds the file to download: one document's export, or every document of a project in one zip. */
export async function buildExport({ scope, options, onProgress, signal }: ExportRequest): Promise<ExportFile> {
  const render: RenderOptions = { ...options, exportedAt: new Date().toISOString() };
  if ('documentId' in scope) {
    const doc = await fetchExportDocument(supabase, scope.documentId, { signal, onProgress: (done, total) => onProgress?.({ step: 'reading', done, total }) });
    onProgress?.({ step: 'writing', done: 0, total: 1 });
    return packDocument(doc, await renderExport(doc, render), options.format);
  }
  const documents = await fetchProjectDocuments(supabase, scope.projectId, signal);
  const entries: ZipEntry[] = [];
  const folder = fileStem(scope.projectName);
  // Each document counts one step of reading and writing; packing the zip is the last step.
  const total = documents.length + 1;
  for (const [k, d] of documents.entries()) {
    onProgress?.({ step: 'reading', title: d.title, done: k, total });
    const doc = await fetchExportDocument(supabase, d.id, { signal });
    for (const f of await renderExport(doc, render)) entries.push({ path: `${folder}/${f.name}`, data: f.data });
  }
  signal?.throwIfAborted();
  onProgress?.({ step: 'packing', done: documents.length, total });
  const data = await zipFiles(entries, (percent) => onProgress?.({ step: 'packing', done: documents.length + percent / 100, total }));
  onProgress?.({ step: 'packing', done: total, total });
  return { name: `${folder}.${options.format}.zip`, mime: 'application/zip', data };
}

export function useBuildExport() {
  return useMutation({ mutationKey: [...projectKeys.all, 'export'], mutationFn: buildExport });
}

export type ImportPreview =
  | { kind: 'translations'; file: TranslationFile; plan: ImportPlan; doc: ExportDocument }
  | { kind: 'alignment'; rows: AlignmentRow[]; warnings: InteropNotice[]; doc: ExportDocument };

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Reads the chosen file(s) and compares them with the document as it is now; writes nothing. */
export async function previewImport(documentId: string, files: File[], signal?: AbortSignal): Promise<ImportPreview> {
  // A 50 MB+ file is refused before a byte of it is read.
  for (const f of files) checkSize(f.size);
  const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, data: await bytesOf(f) })));
  // The file is read before the document, so a bad file fails without a request.
  const translations = inputs.length === 1 ? readTranslationFile(inputs[0]!.data) : null;
  const alignment = inputs.length === 1 ? null : readInterTextFiles(inputs);
  const doc = await fetchExportDocument(supabase, documentId, { signal });
  if (alignment) return { kind: 'alignment', ...interTextRows(alignment, doc.paragraphs), doc };
  let plan = planImport(translations!, doc);
  const needed = exportedVersionsNeeded(plan);
  if (needed.length) plan = planImport(translations!, doc, await fetchExportedTexts(supabase, doc, needed, signal));
  return { kind: 'translations', file: translations!, plan, doc };
}

export function usePreviewImport(documentId: string) {
  return useMutation({
    mutationKey: [...documentKeys.interop(documentId), 'preview'],
    mutationFn: (files: File[]) => previewImport(documentId, files),
  });
}

/** Writes the previewed changes (and the conflicts chosen for overwriting) as drafts, all or none. */
export function useApplyImport(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...documentKeys.interop(documentId), 'apply'],
    mutationFn: ({ plan, overwrite }: { plan: ImportPlan; overwrite: ReadonlySet<string> }) => applyImportedTranslations(supabase, documentId, importRows(plan, overwrite)),
    onSuccess: () => invalidate(queryClient, { type: 'translations-imported', documentId }),
  });
}
