// Route /projects/:projectId/import — the slot for the import dialog (preview, encodings, atomic save).
// This placeholder only links back; the importer screen replaces this file.
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../i18n/i18n.tsx';

export default function ImportPage() {
  const t = useT();
  const { projectId } = useParams();
  return (
    <main className="page">
      <h1>{t('import.title')}</h1>
      <p>{t('import.unavailable')}</p>
      <p data-project-id={projectId}>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </main>
  );
}
