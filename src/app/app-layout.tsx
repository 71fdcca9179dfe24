// The frame around every signed-in screen: brand, navigation, review count, language, sign out.
import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useCurrentUser, useSignOut } from '../data/session.ts';
import { hasRole, useProjects } from '../data/projects.ts';
import { isOwnWork, useReviewQueue } from '../data/review-queue.ts';
import { useOutboxLifecycle } from '../data/translation-outbox.ts';
import { useT } from '../i18n/i18n.tsx';
import { LanguageSelect } from '../components/language-select.tsx';
import { Loading } from '../components/states.tsx';

function ReviewLink() {
  const t = useT();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const reviewProjects = (projects.data ?? []).filter((p) => hasRole(p, 'reviewer', 'owner')).map((p) => p.id);
  const queue = useReviewQueue(user.id, reviewProjects);
  const count = (queue.data ?? []).filter((item) => !isOwnWork(item, user.id)).length;
  return (
    <NavLink to="/review" className="nav-link">
      {t('nav.review')}
      {reviewProjects.length > 0 ? (
        <>
          {' '}
          <span className="nav-count">{count}</span>
        </>
      ) : null}
    </NavLink>
  );
}

export function AppLayout() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const signOut = useSignOut();
  useOutboxLifecycle(user.id);

  async function handleSignOut() {
    await signOut();
    navigate('/sign-in', { replace: true });
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" aria-label={t('nav.home')}>
          <span lang="zh-CN">对照</span>
          <span className="brand-latin">Duizhao</span>
        </NavLink>
        <nav className="app-nav" aria-label={t('nav.main')}>
          <NavLink to="/" end className="nav-link">
            {t('nav.library')}
          </NavLink>
          <ReviewLink />
        </nav>
        <div className="app-header-end">
          <LanguageSelect />
          <span className="user-email" title={user.email}>
            {user.email}
          </span>
          <button type="button" className="button button-quiet" onClick={() => void handleSignOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <div id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
