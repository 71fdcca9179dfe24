// The files dropped on the import screen: reading each with progress, parsing it in the worker
// (again with another encoding on request), the title the user typed, and importing them one
// after another from a queue, whether started by one card or by "Import all".
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_MAX_BYTES, type ForcedEncoding, type ParsedDocument } from '../../domain/import/index.ts';
import { entryPayload, type DocumentDetails } from './details.ts';
import { errorMessage, isAbortError } from '../../data/errors.ts';
import { useImportDocument, type UploadProgress } from '../../data/import-document.ts';
import { findDuplicateDocuments, type DuplicateDocument } from '../../data/documents.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import { ParseError, ParseWorkerClient, readFileBytes } from '../../workers/parse-client.ts';
import type { ParseFailure } from '../../workers/parse-messages.ts';

export type FileStage =
  | { kind: 'reading'; loaded: number }
  | { kind: 'parsing' }
  | { kind: 'ready'; document: ParsedDocument }
  | { kind: 'failed'; failure: ParseFailure };

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'queued' }
  | { kind: 'sending'; upload: UploadProgress | null }
  | { kind: 'done'; documentId: string; title: string }
  | { kind: 'failed'; error: unknown };

export interface FileEntry {
  key: string;
  file: File;
  encoding: ForcedEncoding | 'auto';
  stage: FileStage;
  /** The title the user typed; null keeps the parsed one (also after parsing again). */
  title: string | null;
  /** Date, collection and keywords the user changed; the parsed ones otherwise. */
  details: DocumentDetails;
  /** An import was asked for while the title was empty. */
  titleMissing: boolean;
  import: ImportState;
  /** Documents of the project with the same text (null until looked up; the lookup failing counts as none). */
  duplicates: DuplicateDocument[] | null;
  /** The owner chose to import the text again. */
  importAnyway: boolean;
}

/** The same text is already in the project and the owner has not said to import it again. */
export function isHeldAsDuplicate(entry: FileEntry): boolean {
  return !!entry.duplicates && entry.duplicates.length > 0 && !entry.importAnyway;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** The title an import of `entry` would use. */
export function entryTitle(entry: FileEntry): string {
  return (entry.title ?? (entry.stage.kind === 'ready' ? entry.stage.document.title : '')).trim();
}

/** Parsed, and not imported or being imported. */
export function isWaiting(entry: FileEntry): boolean {
  return entry.stage.kind === 'ready' && (entry.import.kind === 'idle' || entry.import.kind === 'failed');
}

let fileCounter = 0;

export function useImportFiles(projectId: string, t: Translate) {
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;
  const bytesByKey = useRef(new Map<string, Uint8Array>());
  const parserRef = useRef<ParseWorkerClient | null>(null);
  const save = useImportDocument();
  const sending = useRef(false);

  useEffect(() => {
    const parser = new ParseWorkerClient();
    parserRef.current = parser;
    return () => {
      parser.dispose();
      parserRef.current = null;
    };
  }, []);

  const update = useCallback((key: string, change: (entry: FileEntry) => FileEntry) => {
    setEntries((list) => list.map((e) => (e.key === key ? change(e) : e)));
  }, []);
  const setStage = useCallback((key: string, stage: FileStage) => update(key, (e) => ({ ...e, stage })), [update]);
  /** As update, and in the ref at once, for the sender to see before the next render. */
  const applyNow = useCallback((key: string, change: (entry: FileEntry) => FileEntry) => {
    const apply = (e: FileEntry) => (e.key === key ? change(e) : e);
    entriesRef.current = entriesRef.current.map(apply);
    setEntries((list) => list.map(apply));
  }, []);
  const sendNextRef = useRef<() => Promise<void>>(async () => {});

  const parse = useCallback(
    async (key: string, bytes: Uint8Array, encoding: FileEntry['encoding']) => {
      const parser = parserRef.current;
      if (!parser) return;
      setStage(key, { kind: 'parsing' });
      try {
        const document = await parser.parse(bytes, encoding === 'auto' ? {} : { encoding });
        update(key, (e) => ({ ...e, stage: { kind: 'ready', document }, duplicates: null }));
        // Before any import: is this text already in the project?
        const duplicates = await findDuplicateDocuments(projectId, document.paragraphs).catch(() => []);
        // A file queued while this was asked ("Import all") goes now, unless the text is already there.
        applyNow(key, (e) => {
          if (e.stage.kind !== 'ready' || e.stage.document !== document) return e;
          const held = duplicates.length > 0 && !e.importAnyway;
          return { ...e, duplicates, import: held && e.import.kind === 'queued' ? { kind: 'idle' } : e.import };
        });
        void sendNextRef.current();
      } catch (e) {
        if (isAbortError(e)) return;
        setStage(key, { kind: 'failed', failure: e instanceof ParseError ? e.failure : { code: 'internal', message: errorMessage(e) } });
      }
    },
    [applyNow, projectId, setStage, update],
  );

  const addFiles = useCallback(
    (files: readonly File[]) => {
      const added: FileEntry[] = files.map((file) => ({
        key: `${++fileCounter}:${file.name}`,
        file,
        encoding: 'auto',
        stage: { kind: 'reading', loaded: 0 },
        title: null,
        details: {},
        titleMissing: false,
        import: { kind: 'idle' },
        duplicates: null,
        importAnyway: false,
      }));
      setEntries((list) => [...list, ...added]);
      for (const entry of added) {
        // Refused before reading: a huge file is never loaded into memory.
        if (entry.file.size > DEFAULT_MAX_BYTES) {
          setStage(entry.key, {
            kind: 'failed',
            failure: {
              code: 'too-large',
              message: t('import.error.tooLargeDetail', { size: formatSize(entry.file.size), limit: formatSize(DEFAULT_MAX_BYTES) }),
              localized: true,
            },
          });
          continue;
        }
        let lastShown = 0;
        void readFileBytes(entry.file, (loaded) => {
          // Re-render at most every 2% of the file.
          if (loaded - lastShown < entry.file.size / 50 && loaded < entry.file.size) return;
          lastShown = loaded;
          setStage(entry.key, { kind: 'reading', loaded });
        }).then(
          (bytes) => {
            bytesByKey.current.set(entry.key, bytes);
            return parse(entry.key, bytes, 'auto');
          },
          (e: unknown) => setStage(entry.key, { kind: 'failed', failure: { code: 'internal', message: errorMessage(e) } }),
        );
      }
    },
    [parse, setStage, t],
  );

  const changeEncoding = useCallback(
    (key: string, encoding: FileEntry['encoding']) => {
      update(key, (e) => ({ ...e, encoding }));
      const bytes = bytesByKey.current.get(key);
      if (bytes) void parse(key, bytes, encoding);
    },
    [parse, update],
  );

  const changeTitle = useCallback(
    (key: string, title: string) => update(key, (e) => ({ ...e, title, titleMissing: e.titleMissing && title.trim() === '' })),
    [update],
  );

  const changeDetails = useCallback((key: string, details: DocumentDetails) => update(key, (e) => ({ ...e, details: { ...e.details, ...details } })), [update]);

  const remove = useCallback((key: string) => {
    bytesByKey.current.delete(key);
    setEntries((list) => list.filter((e) => e.key !== key));
  }, []);

  /** Sends queued files one at a time: each is a whole-document transaction, and big ones take a while to upload. */
  const sendNext = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (;;) {
        // One whose duplicate check is still out waits for it (parse sends the queue on when it returns).
        const entry = entriesRef.current.find((e) => e.import.kind === 'queued' && e.duplicates !== null);
        if (!entry || entry.stage.kind !== 'ready') return;
        const title = entryTitle(entry);
        // Marked here as well as in state, so the loop never picks the same entry twice.
        entriesRef.current = entriesRef.current.map((e) => (e.key === entry.key ? { ...e, import: { kind: 'sending', upload: null } } : e));
        update(entry.key, (e) => ({ ...e, import: { kind: 'sending', upload: null } }));
        try {
          const documentId = await save.mutateAsync({
            projectId,
            document: entryPayload(entry.stage.document, title, entry.details),
            onUploadProgress: (upload) => update(entry.key, (e) => (e.import.kind === 'sending' ? { ...e, import: { kind: 'sending', upload } } : e)),
          });
          bytesByKey.current.delete(entry.key);
          update(entry.key, (e) => ({ ...e, import: { kind: 'done', documentId, title } }));
        } catch (error) {
          update(entry.key, (e) => ({ ...e, import: { kind: 'failed', error } }));
        }
      }
    } finally {
      sending.current = false;
    }
  }, [projectId, save, update]);
  sendNextRef.current = sendNext;

  /** Queues the files for import; one whose title is empty is flagged instead. */
  const enqueue = useCallback(
    (keys: readonly string[]) => {
      const wanted = new Set(keys);
      const queue = (e: FileEntry): FileEntry => {
        // A text already in the project waits for the owner's word ("Import anyway"); one not looked up yet
        // is queued and sent once the lookup finds no duplicate.
        if (!wanted.has(e.key) || !isWaiting(e) || isHeldAsDuplicate(e)) return e;
        if (entryTitle(e) === '') return { ...e, titleMissing: true };
        return { ...e, import: { kind: 'queued' } };
      };
      // The ref now, so the sender sees the queue before the next render; the state for that render.
      entriesRef.current = entriesRef.current.map(queue);
      setEntries((list) => list.map(queue));
      void sendNext();
    },
    [sendNext],
  );

  /** The owner imports a text that is already in the project. */
  const importAnyway = useCallback(
    (key: string) => {
      entriesRef.current = entriesRef.current.map((e) => (e.key === key ? { ...e, importAnyway: true } : e));
      setEntries((list) => list.map((e) => (e.key === key ? { ...e, importAnyway: true } : e)));
      enqueue([key]);
    },
    [enqueue],
  );

  return { entries, addFiles, changeEncoding, changeTitle, changeDetails, remove, enqueue, importAnyway };
}
