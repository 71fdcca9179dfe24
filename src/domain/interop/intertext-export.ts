// A document's alignment as InterText reads it: the Chinese text (one `<p>` per paragraph), the
// English text (one `<p>` per English paragraph) and the linkGrp joining them row by row.
import type { ExportDocument, ExportFile, ExportOptions, TranslationStatus } from './model.ts';
import { buildRows, selectRows } from './rows.ts';
import { fileStem } from './text-utils.ts';
import { writeInterTextAlignment, writeInterTextDocument, type InterTextLink, type InterTextLinkStatus, type InterTextParagraph } from './intertext.ts';

/** Finished rows count as confirmed links; drafts as links nobody confirmed yet. */
export function linkStatus(status: TranslationStatus): InterTextLinkStatus {
  return status === 'translated' || status === 'approved' ? 'man' : 'plain';
}

export function writeInterTextFiles(doc: ExportDocument, options: ExportOptions): ExportFile[] {
  const rows = selectRows(buildRows(doc, 'none'), options.rows);
  const stem = fileStem(doc.title);
  const names = { zh: `${stem}.zh.xml`, en: `${stem}.en.xml`, alignment: `${stem}.zh.en.xml` };
  const zh: InterTextParagraph[] = [];
  const en: InterTextParagraph[] = [];
  const links: InterTextLink[] = [];
  for (const row of rows) {
    const from = row.paragraphs.map((p) => {
      const id = `${p.position}:1`;
      zh.push({ id: String(p.position), segments: [{ id, text: p.text }] });
      return id;
    });
    const to = (row.target === '' ? [] : row.target.split('\n').filter((l) => l.trim() !== '')).map((line) => {
      const n = en.length + 1;
      en.push({ id: String(n), segments: [{ id: `${n}:1`, text: line.trim() }] });
      return `${n}:1`;
    });
    links.push({ from, to, status: linkStatus(row.status), mark: null });
  }
  const xmlDoc = (lang: string, paragraphs: InterTextParagraph[]) => writeInterTextDocument({ root: 'text', attrs: { id: doc.id, 'xml:lang': lang }, paragraphs });
  return [
    { name: names.zh, mime: 'application/xml', data: xmlDoc('zh-CN', zh) },
    { name: names.en, mime: 'application/xml', data: xmlDoc('en', en) },
    { name: names.alignment, mime: 'application/xml', data: writeInterTextAlignment({ fromDoc: names.zh, toDoc: names.en, links }) },
  ];
}
