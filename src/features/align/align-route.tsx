// Route /documents/:documentId/align. Aligning needs the Chinese and English side by side; on a
// phone the page says so (with the way back) instead of squeezing the columns to a character.
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../i18n/i18n.tsx';
import { PHONE_QUERY, useMediaQuery } from '../../components/use-media-query.ts';
import AlignPage from './align-page.tsx';

export default function AlignRoute() {
  const t = useT();
  const { documentId = '' } = useParams();
  const phone = useMediaQuery(PHONE_QUERY);
  if (!phone) return <AlignPage />;
  return (
    <main className="page" aria-labelledby="align-narrow-title">
      <h1 id="align-narrow-title">{t('align.narrow.title')}</h1>
      <p>{t('align.narrow.body')}</p>
      <p>
        <Link className="button" to={`/documents/${documentId}`}>
          {t('align.narrow.back')}
        </Link>
      </p>
    </main>
  );
}
