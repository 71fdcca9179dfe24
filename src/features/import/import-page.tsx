// Route /projects/:projectId/import — owners drop export files, check a preview of each, edit the
// title, and import; every document is saved whole by the import_document RPC or not at all.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../data/session.ts';
import { hasRole, useProjects } from '../../data/projects.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Breadcrumb } from '../../components/breadcrumb.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ImportFileCard } from './import-file-card.tsx';
import { isHeldAsDuplicate, isWaiting, useImportFiles } from './use-import-files.ts';
import './import.css';

export default function ImportPage() {
  const t = useT();
  const { projectId = '' } = useParams();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const [dragging, setDragging] = useState(false);
  const { entries, addFiles, changeEncoding, changeTitle, changeDetails, remove, enqueue, importAnyway } = useImportFiles(projectId, t);

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
  const waiting = entries.filter((e) => isWaiting(e) && !isHeldAsDuplicate(e));

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
                accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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
              onEncodingChange={changeEncoding}
              onTitleChange={changeTitle}
              onDetailsChange={changeDetails}
              onRemove={remove}
              onImport={(key) => enqueue([key])}
              onImportAnyway={importAnyway}
            />
          ))}

          <div className="import-footer">
            {waiting.length > 1 ? (
              <button type="button" className="button button-primary" onClick={() => enqueue(waiting.map((e) => e.key))}>
                {t('import.importAll', { count: waiting.length })}
              </button>
            ) : null}
            <Link to="/">{t('import.backToLibrary')}</Link>
          </div>
        </>
      )}
    </main>
  );
}
