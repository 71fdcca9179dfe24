// The library: the user's projects, their documents with progress, and (for owners) members.
import { useCurrentUser } from '../../data/session.ts';
import { hasRole, useProjects, type Project } from '../../data/projects.ts';
import { useDocuments, type DocumentRow } from '../../data/documents.ts';
import { useProjectsProgress, type DocumentProgress } from '../../data/document-progress.ts';
import { useT } from '../../i18n/i18n.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { DocumentTable } from './document-table.tsx';
import { MembersPanel } from './members-panel.tsx';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../data/errors.ts';
import { Badge } from '../../components/badge.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';

function ProjectSection({
  project,
  documents,
  progress,
}: {
  project: Project;
  documents: DocumentRow[];
  progress: Map<string, DocumentProgress>;
}) {
  const t = useT();
  const isOwner = hasRole(project, 'owner');
  const headingId = `project-${project.id}`;
  return (
    <section className="project" aria-labelledby={headingId}>
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
          <Link className="button button-primary" to={`/projects/${project.id}/import`}>
            {t('library.import')}
          </Link>
        ) : null}
      </div>
      {documents.length === 0 ? (
        <EmptyState>{t('library.noDocuments')}</EmptyState>
      ) : (
        <DocumentTable documents={documents} progress={progress} caption={t('library.documentsOf', { name: project.name })} />
      )}
      {isOwner ? <MembersPanel projectId={project.id} projectName={project.name} /> : null}
    </section>
  );
}

export function LibraryPage() {
  const t = useT();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const projectIds = (projects.data ?? []).map((p) => p.id);
  const documents = useDocuments(projectIds);
  const progress = useProjectsProgress(projectIds);

  let body;
  if (projects.isPending) body = <Loading />;
  else if (projects.isError) body = <ErrorState title={t('library.error')} detail={errorMessage(projects.error)} />;
  else if (projects.data.length === 0) body = <EmptyState>{t('library.noProjects')}</EmptyState>;
  else {
    const progressById = new Map((progress.data ?? []).map((p) => [p.document_id, p]));
    body = (
      <>
        {documents.isError ? <ErrorState title={t('library.error')} detail={errorMessage(documents.error)} /> : null}
        {documents.isPending ? <Loading /> : null}
        {projects.data.map((project) => (
          <ProjectSection
            key={project.id}
            project={project}
            documents={(documents.data ?? []).filter((d) => d.project_id === project.id)}
            progress={progressById}
          />
        ))}
      </>
    );
  }

  return (
    <main className="page library">
      <h1>{t('library.title')}</h1>
      {body}
    </main>
  );
}
