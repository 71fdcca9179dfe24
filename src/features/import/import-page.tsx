// Route /projects/:projectId/import — owners drop export files, check a preview of each, edit the
// title, and import; every document is saved whole by the import_document RPC or not at all.
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { DEFAULT_MAX_BYTES } from '../../domain/import/index.ts';
import { useCurrentUser } from '../../data/session.ts';
import { hasRole, useProjects } from '../../data/projects.ts';
import { errorMessage, isAbortError } from '../../data/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { formatSize, ImportFileCard, type FileEntry, type FileStage } from './import-file-card.tsx';
import { ParseError, ParseWorkerClient, readFileBytes } from '../../workers/parse-client.ts';
import './import.css';
import { Breadcrumb } from '../../components/breadcrumb.tsx';

let fileCounter = 0;

export default function ImportPage() {
  const t = useT();
  const { projectId = '' } = useParams();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const [dragging, setDragging] = useState(false);
  const [importAll, setImportAll] = useState(0);
  const [imported, setImported] = useState<ReadonlySet<string>>(new Set());
  const bytesByKey = useRef(new Map<string, Uint8Array>());
  const parserRef = useRef<ParseWorkerClient | null>(null);

  useEffect(() => {
    const parser = new ParseWorkerClient();
    parserRef.current = parser;
    return () => {
      parser.dispose();
      parserRef.current = null;
    };
  }, []);

  const setStage = useCallback((key: string, stage: FileStage) => {
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, stage } : e)));
  }, []);

  const parse = useCallback(
    async (key: string, bytes: Uint8Array, encoding: FileEntry['encoding']) => {
      const parser = parserRef.current;
      if (!parser) return;
      setStage(key, { kind: 'parsing' });
      try {
        const document = await parser.parse(bytes, encoding === 'auto' ? {} : { encoding });
        setStage(key, { kind: 'ready', document });
      } catch (e) {
        if (isAbortError(e)) return;
        setStage(key, { kind: 'failed', failure: e instanceof ParseError ? e.failure : { code: 'internal', message: errorMessage(e) } });
      }
    },
    [setStage],
  );

  const addFiles = useCallback(
    (files: readonly File[]) => {
      const added: FileEntry[] = files.map((file) => ({
        key: `${++fileCounter}:${file.name}`,
        file,
        encoding: 'auto',
        stage: { kind: 'reading', loaded: 0 },
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
      setEntries((list) => list.map((e) => (e.key === key ? { ...e, encoding } : e)));
      const bytes = bytesByKey.current.get(key);
      if (bytes) void parse(key, bytes, encoding);
    },
    [parse],
  );

  const remove = useCallback((key: string) => {
    bytesByKey.current.delete(key);
    setEntries((list) => list.filter((e) => e.key !== key));
  }, []);

  const markImported = useCallback((key: string) => {
    bytesByKey.current.delete(key);
    setImported((set) => new Set(set).add(key));
  }, []);

  // Files dropped on the project in the library arrive in the navigation state, once.
  const location = useLocation();
  const navigate = useNavigate();
  const handedOver = (location.state as { files?: File[] } | null)?.files;
  const consumed = useRef<File[] | undefined>(undefined);
  useEffect(() => {
    if (!handedOver?.length || consumed.current === handedOver) return;
    consumed.current = handedOver;
    addFiles(handedOver);
    void navigate(location.pathname, { replace: true, state: null });
  }, [handedOver, addFiles, navigate, location.pathname]);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) addFiles(files);
  }

  if (projects.isPending) return <Loading />;
  if (projects.isError) {
    return (
      <main className="page">
        <ErrorState title={t('import.error.project')} detail={errorMessage(projects.error)} />
      </main>
    );
  }
  const project = projects.data.find((p) => p.id === projectId);
  const isOwner = hasRole(project, 'owner');
  const waiting = entries.filter((e) => e.stage.kind === 'ready' && !imported.has(e.key)).length;

  return (
    <main className="page import-page" aria-labelledby="import-title">
      <Breadcrumb
        label={t('import.breadcrumb')}
        items={project ? [<Link to="/">{t('import.library')}</Link>, <span>{project.name}</span>] : [<Link to="/">{t('import.library')}</Link>]}
      />
      <h1 id="import-title">{t('import.title')}</h1>
      {!project ? (
        <ErrorState title={t('import.error.noProject')} action={<Link to="/">{t('import.backToLibrary')}</Link>} />
      ) : !isOwner ? (
        <ErrorState title={t('import.error.notOwner')} action={<Link to="/">{t('import.backToLibrary')}</Link>} />
      ) : (
        <>
          <p className="import-lead">{t('import.lead')}</p>
          <div
            className={`import-drop${dragging ? ' is-dragging' : ''}`}
            onDragEnter={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragOver={(e) => e.preventDefault()}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
            }}
            onDrop={onDrop}
          >
            <p className="import-drop-text">{dragging ? t('import.dropRelease') : t('import.dropHint')}</p>
            <label className="button">
              {t('import.choose')}
              <input
                className="visually-hidden"
                type="file"
                multiple
                accept=".txt,text/plain"
                onChange={(e) => {
                  addFiles([...(e.target.files ?? [])]);
                  // The same file may be chosen again after it was removed.
                  e.target.value = '';
                }}
              />
            </label>
          </div>

          {entries.map((entry) => (
            <ImportFileCard
              key={entry.key}
              entry={entry}
              projectId={projectId}
              importAll={importAll}
              onEncodingChange={changeEncoding}
              onRemove={remove}
              onImported={markImported}
            />
          ))}

          <div className="import-footer">
            {waiting > 1 ? (
              <button type="button" className="button button-primary" onClick={() => setImportAll((n) => n + 1)}>
                {t('import.importAll', { count: waiting })}
              </button>
            ) : null}
            <Link to="/">{t('import.backToLibrary')}</Link>
          </div>
        </>
      )}
    </main>
  );
}
