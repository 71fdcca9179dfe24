// One entry point for every export format, and zip packing for several files (a project, or the
// three files of an InterText alignment) through JSZip.
import JSZip from 'jszip';
import { writeNotesCsv } from './csv.ts';
import { writeDocx } from './docx.ts';
import { writeInterTextFiles } from './intertext-export.ts';
import { writeJsonLd } from './jsonld.ts';
import type { ExportDocument, ExportFile, ExportOptions } from './model.ts';
import { writeText, type TextLayout } from './text.ts';
import { fileStem } from './text-utils.ts';
import { writeTmx } from './tmx.ts';
import { writeXliff12, writeXliff21 } from './xliff.ts';

export const EXPORT_FORMATS = ['tmx', 'xliff12', 'xliff21', 'docx', 'jsonld', 'csv', 'txt', 'md', 'intertext'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Formats that render the document's text, where English-only and bilingual layouts differ. */
export const LAYOUT_FORMATS: readonly ExportFormat[] = ['docx', 'txt', 'md'];

export interface RenderOptions extends ExportOptions {
  format: ExportFormat;
  /** For docx, txt and md; bilingual by default for docx, English for txt and md. */
  layout?: TextLayout;
}

export function defaultLayout(format: ExportFormat): TextLayout {
  return format === 'docx' ? 'bilingual' : 'english';
}

/** The file or files of one document in one format. */
export async function renderExport(doc: ExportDocument, options: RenderOptions): Promise<ExportFile[]> {
  const layout = options.layout ?? defaultLayout(options.format);
  switch (options.format) {
    case 'tmx':
      return [writeTmx(doc, options)];
    case 'xliff12':
      return [writeXliff12(doc, options)];
    case 'xliff21':
      return [writeXliff21(doc, options)];
    case 'docx':
      return [await writeDocx(doc, options, layout)];
    case 'jsonld':
      return [writeJsonLd(doc, options)];
    case 'csv':
      return [writeNotesCsv(doc, options)];
    case 'txt':
      return [writeText(doc, options, layout, false)];
    case 'md':
      return [writeText(doc, options, layout, true)];
    case 'intertext':
      return writeInterTextFiles(doc, options);
  }
}

export interface ZipEntry {
  /** Path inside the archive (folders separated by '/'). */
  path: string;
  data: string | Uint8Array;
}

/** Packs files into one zip; `onProgress` receives 0–100 while it compresses. */
export async function zipFiles(entries: ZipEntry[], onProgress?: (percent: number) => void): Promise<Uint8Array> {
  const zip = new JSZip();
  const seen = new Set<string>();
  for (const entry of entries) {
    // Two documents with one title keep both files.
    let path = entry.path;
    for (let n = 2; seen.has(path); n++) path = entry.path.replace(/(\.[^./]+)?$/, (ext) => ` (${n})${ext}`);
    seen.add(path);
    zip.file(path, entry.data);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } }, (meta) => onProgress?.(meta.percent));
}

/** One document's export as a single file: the file itself, or a zip of several. */
export async function packDocument(doc: Pick<ExportDocument, 'title'>, files: ExportFile[], format: ExportFormat): Promise<ExportFile> {
  if (files.length === 1) return files[0]!;
  const data = await zipFiles(files.map((f) => ({ path: f.name, data: f.data })));
  return { name: `${fileStem(doc.title)}.${format}.zip`, mime: 'application/zip', data };
}
