import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n.tsx';

export function NotFound() {
  const t = useT();
  return (
    <main className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </main>
  );
}
