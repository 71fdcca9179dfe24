// The library: the user's projects, their documents with progress, and (for owners) members.
import { useCurrentUser } from '../../data/session.ts';
import { hasRole, useProjects, type Project } from '../../data/projects.ts';
import { useT } from '../../i18n/i18n.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { ProjectDocuments } from './project-documents.tsx';
import { MembersPanel } from './members-panel.tsx';
import { useState, type DragEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../data/errors.ts';
import { Badge } from '../../components/badge.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';

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
          <h2 id={headingId}>{project.name}</h2>
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
        {isOwner ? (
          <Link className="button button-primary" to={importPath} title={t('library.importDropHint')}>
            {t('library.import')}
          </Link>
        ) : null}
      </div>
      <ProjectDocuments projectId={project.id} projectName={project.name} empty={<EmptyState>{t('library.noDocuments')}</EmptyState>} />
      {isOwner ? <MembersPanel projectId={project.id} projectName={project.name} /> : null}
    </section>
  );
}

export function LibraryPage() {
  const t = useT();
  const user = useCurrentUser();
  const projects = useProjects(user.id);

  let body;
  if (projects.isPending) body = <Loading />;
  else if (projects.isError) body = <ErrorState title={t('library.error')} detail={errorMessage(projects.error)} />;
  else if (projects.data.length === 0) body = <EmptyState>{t('library.noProjects')}</EmptyState>;
  else body = projects.data.map((project) => <ProjectSection key={project.id} project={project} />);

  return (
    <main className="page library">
      <h1>{t('library.title')}</h1>
      {body}
    </main>
  );
}
