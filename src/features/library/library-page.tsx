// The library: the user's projects, their documents with progress, and (for owners) members.
import { useCurrentUser } from '../../data/session.ts';
import { useLibraryLive } from '../../data/live.ts';
import { hasRole, useCreateProject, useProjects, useRenameProject, type Project } from '../../data/projects.ts';
import { useT } from '../../i18n/i18n.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { ProjectDocuments } from './project-documents.tsx';
import { MembersPanel } from './members-panel.tsx';
import { MemoryFiles } from './memory-files.tsx';
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../data/errors.ts';
import { Badge } from '../../components/badge.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';

function NewProjectForm() {
  const t = useT();
  const create = useCreateProject();
  const [name, setName] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(name, { onSuccess: () => setName('') });
  }
  return (
    <form className="new-project" onSubmit={submit} aria-label={t('library.newProject.form')}>
      <div className="field">
        <label htmlFor="new-project-name">{t('library.newProject.name')}</label>
        <input id="new-project-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      </div>
      <button type="submit" className="button" disabled={create.isPending || !name.trim()}>
        {t('library.newProject.create')}
      </button>
      {create.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
      {create.isSuccess ? (
        <p className="form-success" role="status">
          {t('library.newProject.created', { name: create.data.name })}
        </p>
      ) : null}
    </form>
  );
}

function ProjectName({ project }: { project: Project }) {
  const t = useT();
  const rename = useRenameProject();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(project.name);
  const headingId = `project-${project.id}`;
  if (!editing) {
    return (
      <div className="project-name">
        <h2 id={headingId} tabIndex={-1}>
          {project.name}
        </h2>
        {hasRole(project, 'owner') ? (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => {
              setName(project.name);
              setEditing(true);
            }}
            aria-label={t('library.renameProject.label', { name: project.name })}
          >
            {t('library.renameProject.short')}
          </button>
        ) : null}
      </div>
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || name.trim() === project.name) {
      setEditing(false);
      return;
    }
    rename.mutate({ projectId: project.id, name }, { onSuccess: () => setEditing(false) });
  }
  return (
    <form className="project-name project-rename" onSubmit={submit}>
      <h2 id={headingId} className="visually-hidden">
        {project.name}
      </h2>
      <label htmlFor={`rename-project-${project.id}`} className="visually-hidden">
        {t('library.renameProject.field', { name: project.name })}
      </label>
      <input id={`rename-project-${project.id}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus required />
      <button type="submit" className="button button-small button-primary" disabled={rename.isPending}>
        {t('library.renameProject.save')}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setEditing(false)}>
        {t('common.cancel')}
      </button>
      {rename.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(rename.error)}
        </p>
      ) : null}
    </form>
  );
}

function ProjectSection({ project }: { project: Project }) {
  const t = useT();
  const navigate = useNavigate();
  const [dropping, setDropping] = useState(false);
  const isOwner = hasRole(project, 'owner');
  const headingId = `project-${project.id}`;
  const importPath = `/projects/${project.id}/import`;

  // Owners may drop files anywhere on their project; the import screen previews them.
  const hasFiles = (e: DragEvent) => isOwner && e.dataTransfer.types.includes('Files');
  const dropProps = isOwner
    ? {
        onDragOver: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDropping(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
        },
        onDrop: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDropping(false);
          void navigate(importPath, { state: { files: [...e.dataTransfer.files] } });
        },
      }
    : {};
  return (
    <section className={dropping ? 'project project-dropping' : 'project'} aria-labelledby={headingId} {...dropProps}>
      <div className="project-head">
        <div>
          <ProjectName project={project} />
          {project.description ? <p className="project-description">{project.description}</p> : null}
          <p className="project-roles">
            <span className="muted">{t('library.yourRoles')}</span>{' '}
            {project.roles.map((r) => (
              <Badge key={r} tone="info">
                {t(`role.${r}` as MessageKey)}
              </Badge>
            ))}
          </p>
        </div>
        <div className="project-actions">
          <Link className="button" to={`/projects/${project.id}/glossary`} aria-label={t('glossary.openLabel', { project: project.name })}>
            {t('glossary.open')}
          </Link>
          {isOwner ? (
            <Link className="button button-primary" to={importPath} title={t('library.importDropHint')}>
              {t('library.import')}
            </Link>
          ) : null}
        </div>
      </div>
      <ProjectDocuments
        projectId={project.id}
        projectName={project.name}
        isOwner={isOwner}
        empty={<EmptyState>{t('library.noDocuments')}</EmptyState>}
      />
      {isOwner ? <MembersPanel projectId={project.id} projectName={project.name} /> : null}
      {hasRole(project, 'owner', 'translator') ? <MemoryFiles projectId={project.id} projectName={project.name} /> : null}
    </section>
  );
}

function WelcomeBanner({ projects, email }: { projects: Project[]; email: string }) {
  const t = useT();
  if (projects.length === 0) return <p className="banner" role="status">{t('library.welcome.noProject', { email })}</p>;
  return (
    <div className="banner banner-success" role="status">
      <p>{t('library.welcome.title')}</p>
      <ul>
        {projects.map((p) => (
          <li key={p.id}>
            {t('library.welcome.project', { name: p.name, roles: p.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ') })}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function LibraryPage() {
  const t = useT();
  const user = useCurrentUser();
  const location = useLocation();
  const welcome = !!(location.state as { welcome?: boolean } | null)?.welcome;
  const projects = useProjects(user.id);
  useLibraryLive(user.id);
  const loaded = projects.data !== undefined;

  // Links to a project (`/#project-<id>`, e.g. from a notification) bring its section into view.
  useEffect(() => {
    if (!loaded || !location.hash.startsWith('#project-')) return;
    const heading = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!heading) return;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }, [loaded, location.hash, location.key]);

  let body;
  if (projects.isPending) body = <Loading />;
  else if (projects.isError) body = <ErrorState title={t('library.error')} detail={errorMessage(projects.error)} />;
  else if (projects.data.length === 0) body = welcome ? null : <EmptyState>{t('library.noProjects')}</EmptyState>;
  else body = projects.data.map((project) => <ProjectSection key={project.id} project={project} />);

  return (
    <main className="page library">
      <div className="library-head">
        <h1>{t('library.title')}</h1>
        <NewProjectForm />
      </div>
      {welcome && projects.data ? <WelcomeBanner projects={projects.data} email={user.email} /> : null}
      {body}
    </main>
  );
}
