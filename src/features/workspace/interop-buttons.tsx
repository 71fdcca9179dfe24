// The document header's "Export" and "Import translations" buttons. The dialogs (and the DOCX,
// XML and zip libraries behind them) load only when one is opened.
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import './interop.css';

const ExportDialog = lazy(() => import('./export-dialog.tsx').then((m) => ({ default: m.ExportDialog })));
const ImportTranslationsDialog = lazy(() => import('./import-translations-dialog.tsx').then((m) => ({ default: m.ImportTranslationsDialog })));

interface InteropButtonsProps {
  documentId: string;
  project: { id: string; name: string } | undefined;
  canImport: boolean;
}

export function InteropButtons({ documentId, project, canImport }: InteropButtonsProps) {
  const t = useT();
  const [open, setOpen] = useState<'export' | 'import' | null>(null);
  if (!project) return null;
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen('export')}>
        {t('interop.export')}
      </button>
      {canImport ? (
        <button type="button" className="button button-small" onClick={() => setOpen('import')}>
          {t('interop.import')}
        </button>
      ) : null}
      <Suspense fallback={null}>
        {open === 'export' ? <ExportDialog documentId={documentId} projectId={project.id} projectName={project.name} onClose={() => setOpen(null)} /> : null}
        {open === 'import' ? <ImportTranslationsDialog documentId={documentId} onClose={() => setOpen(null)} /> : null}
      </Suspense>
    </>
  );
}
