// Where the English comes from: a file (decoded by the importer's rules) or pasted text, split
// into paragraphs at blank lines, or one per line when the text has no blank lines.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { decodeBytes, isImportError } from '../../domain/import/index.ts';
import { splitParagraphs } from '../../domain/align/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { interopErrorText } from '../../components/interop-error.ts';

/** A text with no blank line but several lines has one paragraph per line. */
export function looksLineSeparated(text: string): boolean {
  const normalised = text.replace(/\r\n?/g, '\n').trim();
  return !/\n[ \t\u3000\u00a0]*\n/.test(normalised) && normalised.includes('\n');
}

interface EnglishSourceProps {
  zhCount: number;
  busy: boolean;
  aligned: boolean;
  /** The English of a restored draft, so it can be aligned again. */
  initialText?: string;
  onAlign: (paragraphs: string[]) => void;
}

export function EnglishSource({ zhCount, busy, aligned, initialText = '', onAlign }: EnglishSourceProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(initialText);
  const [lines, setLines] = useState<boolean | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const byLine = lines ?? looksLineSeparated(text);
  const paragraphs = useMemo(() => splitParagraphs(text, { lines: byLine }), [text, byLine]);

  async function readFile(file: File, dropped = 1) {
    setFileError(null);
    setFileNote(null);
    const more = dropped > 1 ? ` ${t('align.source.onlyFirst', { count: dropped - 1 })}` : '';
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A Word document is read by mammoth (loaded only then); anything else is decoded as text.
      const interop = bytes[0] === 0x50 && bytes[1] === 0x4b ? await import('../../domain/interop/index.ts') : null;
      if (interop) {
        const docx = await interop.readDocxText(bytes);
        setText(docx.text);
        setLines(false);
        setFileNote(t('align.source.read', { name: file.name, encoding: 'Word (.docx)' }) + more);
        return;
      }
      const decoded = decodeBytes(bytes);
      setText(decoded.text.replace(/^\ufeff/, ''));
      setLines(null);
      setFileNote(t('align.source.read', { name: file.name, encoding: decoded.encoding }) + more);
    } catch (e) {
      setFileError(interopErrorText(t, e, (other) => (isImportError(other) ? other.message : t('align.source.unreadable'))));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (paragraphs.length > 0) onAlign(paragraphs);
  }

  return (
    <form className="align-source" onSubmit={submit} aria-label={t('align.source.form')}>
      <div
        className={`align-source-file${dragging ? ' is-dragging' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const files = [...e.dataTransfer.files];
          if (files[0]) void readFile(files[0], files.length);
        }}
      >
        <p className="align-drop-text small">{dragging ? t('align.source.dropRelease') : t('align.source.dropHint')}</p>
        <label htmlFor={`${id}-file`}>{t('align.source.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readFile(file);
          }}
        />
        {fileNote ? <p className="small muted">{fileNote}</p> : null}
        {fileError ? (
          <p className="form-error small" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('align.source.text')}</label>
        <textarea
          id={`${id}-text`}
          lang="en"
          rows={aligned ? 4 : 10}
          value={text}
          placeholder={t('align.source.placeholder')}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="align-source-actions">
        <label className="field-inline">
          <input type="checkbox" checked={byLine} onChange={(e) => setLines(e.target.checked)} />
          <span>{t('align.source.lines')}</span>
        </label>
        <span className="small muted">{t('align.source.counts', { zh: zhCount, en: paragraphs.length })}</span>
        <button type="submit" className="button button-primary" disabled={busy || paragraphs.length === 0}>
          {busy ? t('align.aligning') : aligned ? t('align.alignAgain') : t('align.align')}
        </button>
      </div>
      {aligned ? <p className="small muted">{t('align.source.replaces')}</p> : null}
    </form>
  );
}
