// Plain text and Markdown: the English alone, or Chinese and English interleaved row by row. Notes,
// when included, become numbered footnotes.
import { type ExportDocument, type ExportFile, type ExportNote, type ExportOptions } from './model.ts';
import { buildRows, positionsLabel, selectRows, type ExportRow } from './rows.ts';
import { noteLine } from './tmx.ts';
import { fileStem } from './text-utils.ts';

export type TextLayout = 'english' | 'bilingual';

/** Escapes what Markdown would read as markup, so the text shows as written. */
export function markdownEscape(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3');
}

function metadataLines(doc: ExportDocument): string[] {
  return [
    doc.publishedOn ? `Published: ${doc.publishedOn}` : null,
    doc.collection ? `Collection: ${doc.collection}` : null,
    doc.keywords.length ? `Keywords: ${doc.keywords.join(' ')}` : null,
    `Project: ${doc.projectName}`,
  ].filter((l): l is string => l !== null);
}

function englishOf(row: ExportRow): string {
  return row.target !== '' ? row.target : `[¶${positionsLabel(row)} not translated]`;
}

export function writeText(doc: ExportDocument, options: ExportOptions, layout: TextLayout, markdown: boolean): ExportFile {
  const rows = selectRows(buildRows(doc, options.notes), options.rows);
  const esc = markdown ? markdownEscape : (s: string) => s;
  const out: string[] = [];
  const footnotes: string[] = [];
  const marks = (notes: ExportNote[]) =>
    notes
      .map((n) => {
        footnotes.push(noteLine(doc, n, true));
        return markdown ? `[^${footnotes.length}]` : `[${footnotes.length}]`;
      })
      .join('');

  out.push(markdown ? `# ${esc(doc.title)}` : doc.title, '');
  const meta = metadataLines(doc);
  if (meta.length) out.push(...meta.map((l) => (markdown ? `${esc(l)}  ` : l)), '');
  let inClosing = false;
  for (const row of rows) {
    const note = marks(row.notes);
    if (row.head.kind === 'closing' && !inClosing) {
      inClosing = true;
      out.push(markdown ? '---' : '', '');
    }
    if (row.head.kind === 'heading') {
      const title = layout === 'bilingual' ? `${row.source} · ${row.target}`.replace(/ · $/, '') : row.target || row.source;
      out.push(markdown ? `## ${esc(title)}${note}` : `${title}${note}`, '');
      continue;
    }
    if (layout === 'bilingual') {
      for (const line of row.source.split('\n')) out.push(esc(line), '');
    }
    const english = englishOf(row).split('\n');
    english.forEach((line, i) => out.push(`${esc(line)}${i === english.length - 1 ? note : ''}`, ''));
  }
  if (footnotes.length) {
    out.push(markdown ? '---' : 'Notes', '');
    footnotes.forEach((f, i) => out.push(markdown ? `[^${i + 1}]: ${esc(f)}` : `[${i + 1}] ${f}`));
    out.push('');
  }
  const suffix = layout === 'bilingual' ? '.zh-en' : '.en';
  return {
    name: `${fileStem(doc.title)}${suffix}.${markdown ? 'md' : 'txt'}`,
    mime: markdown ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8',
    data: `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`,
  };
}
