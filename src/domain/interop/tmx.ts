// TMX 1.4b: one translation unit per aligned row, Chinese (zh-CN) and English (en) variants.
import { personName, type ExportDocument, type ExportFile, type ExportNote, type ExportOptions } from './model.ts';
import { buildRows, positionsLabel, selectRows, type ExportRow } from './rows.ts';
import { fileStem, tmxDate } from './text-utils.ts';
import { el, writeXml, type XmlSpec } from './xml.ts';

export const SOURCE_LANG = 'zh-CN';
export const TARGET_LANG = 'en';
export const TOOL_NAME = 'Duizhao';
export const TOOL_VERSION = '0.1.0';

/** One line describing a note for formats whose notes are plain text. */
export function noteLine(doc: ExportDocument, note: ExportNote, withStatus = true): string {
  const quote = note.exact ? `「${note.exact}」 ` : '';
  const about = [note.kind === 'note' ? null : note.kind, withStatus ? note.status : null].filter(Boolean).join(', ');
  const author = personName(doc, note.authorId);
  const replies = note.replies.map((r) => ` — ${personName(doc, r.authorId)}: ${r.text.trim()}`).join('');
  return `${quote}${note.text.trim()}${about ? ` [${about}]` : ''}${author ? ` (${author})` : ''}${replies}`;
}

function unit(doc: ExportDocument, row: ExportRow): XmlSpec {
  const t = row.translation;
  const reviewer = row.status === 'approved' ? personName(doc, t?.reviewedBy) : null;
  const tuvs: XmlSpec[] = [el('tuv', { 'xml:lang': SOURCE_LANG }, [el('seg', {}, [row.source])])];
  if (row.target !== '') tuvs.push(el('tuv', { 'xml:lang': TARGET_LANG }, [el('seg', {}, [row.target])]));
  return el(
    'tu',
    {
      tuid: row.head.id,
      creationdate: tmxDate(t?.createdAt),
      creationid: personName(doc, t?.createdBy) ?? undefined,
      changedate: tmxDate(t?.updatedAt),
      changeid: personName(doc, t?.updatedBy) ?? undefined,
    },
    [
      el('prop', { type: 'x-status' }, [row.status]),
      reviewer ? el('prop', { type: 'x-reviewer' }, [reviewer]) : null,
      t?.reviewedAt && row.status === 'approved' ? el('prop', { type: 'x-reviewdate' }, [tmxDate(t.reviewedAt) ?? '']) : null,
      el('prop', { type: 'x-paragraphs' }, [positionsLabel(row)]),
      row.head.kind === 'body' ? null : el('prop', { type: 'x-kind' }, [row.head.kind]),
      ...row.notes.filter((n) => n.status === 'approved').map((n) => el('note', {}, [noteLine(doc, n, false)])),
      ...tuvs,
    ],
  );
}

export function writeTmx(doc: ExportDocument, options: ExportOptions): ExportFile {
  const rows = selectRows(buildRows(doc, options.notes), options.rows);
  const header = el(
    'header',
    {
      creationtool: TOOL_NAME,
      creationtoolversion: TOOL_VERSION,
      segtype: 'paragraph',
      'o-tmf': TOOL_NAME,
      adminlang: 'en',
      srclang: SOURCE_LANG,
      datatype: 'plaintext',
      creationdate: tmxDate(options.exportedAt),
      creationid: options.exportedBy,
    },
    [
      el('prop', { type: 'x-document' }, [doc.title]),
      el('prop', { type: 'x-document-id' }, [doc.id]),
      el('prop', { type: 'x-project' }, [doc.projectName]),
      el('prop', { type: 'x-rows' }, [options.rows]),
    ],
  );
  const xml = writeXml(el('tmx', { version: '1.4' }, [header, el('body', {}, rows.map((r) => unit(doc, r)))]), {
    doctype: '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
  });
  return { name: `${fileStem(doc.title)}.tmx`, mime: 'application/x-tmx+xml', data: xml };
}
