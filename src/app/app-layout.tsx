// The frame around every signed-in screen: brand, navigation, review count, notifications, language,
// account (sign out everywhere) and sign out.
import { Suspense, useEffect, useState, type FormEvent } from 'react';
import { NavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router-dom';
import { useCurrentUser, useSignOut } from '../data/session.ts';
import { hasRole, useProjects } from '../data/projects.ts';
import { isOwnWork, useReviewQueue } from '../data/review-queue.ts';
import { useDocument } from '../data/documents.ts';
import { useReviewLive } from '../data/live.ts';
import { useOutboxLifecycle } from '../data/translation-outbox.ts';
import { useT } from '../i18n/i18n.tsx';
import { LanguageSelect } from '../components/language-select.tsx';
import { useDismiss } from '../components/use-dismiss.ts';
import { Loading } from '../components/states.tsx';
import { NotificationsButton } from '../features/notifications/notifications-button.tsx';
import { AccountMenu } from './account-menu.tsx';

// Shown only to people who review somewhere (reviewers and owners): nobody else gets an empty queue.
function ReviewLink() {
  const t = useT();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const reviewProjects = (projects.data ?? []).filter((p) => hasRole(p, 'reviewer', 'owner')).map((p) => p.id);
  const queue = useReviewQueue(user.id, reviewProjects);
  useReviewLive(user.id, reviewProjects.length > 0);
  if (reviewProjects.length === 0) return null;
  const count = (queue.data ?? []).filter((item) => !isOwnWork(item, user.id)).length;
  return (
    <NavLink to="/review" className="nav-link">
      {t('nav.review')} <span className="nav-count">{count}</span>
    </NavLink>
  );
}

/** The header's search box: searches the project of the open document (else the last searched one). */
function HeaderSearch() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const documentId = useMatch('/documents/:documentId/*')?.params.documentId ?? '';
  const doc = useDocument(documentId, documentId !== '');
  const onSearchPage = location.pathname === '/search';
  const current = onSearchPage ? (new URLSearchParams(location.search).get('q') ?? '') : '';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = (new FormData(event.currentTarget).get('q') as string | null)?.trim() ?? '';
    if (!q) return;
    const params = new URLSearchParams(onSearchPage ? location.search : '');
    params.set('q', q);
    params.delete('page');
    if (doc.data) params.set('project', doc.data.project_id);
    void navigate(`/search?${params.toString()}`);
  }

  return (
    <form role="search" className="header-search" aria-label={t('search.label')} onSubmit={onSubmit}>
      <input
        key={current}
        type="text"
        name="q"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        defaultValue={current}
        enterKeyHint="search"
        autoComplete="off"
      />
    </form>
  );
}

export function AppLayout() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const signOut = useSignOut();
  useOutboxLifecycle(user.id);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  // A new screen closes the menu.
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useDismiss(menuOpen, () => setMenuOpen(false));

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
          <NavLink to="/my-work" className="nav-link">
            {t('nav.myWork')}
          </NavLink>
          <ReviewLink />
        </nav>
        {/* On a phone the search, language, account and sign out fold into the menu button. */}
        <button
          type="button"
          className="button button-small app-menu-button"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span>
          <span className="app-menu-label">{t('nav.menu')}</span>
        </button>
        <div id="app-menu" className={menuOpen ? 'app-header-menu is-open' : 'app-header-menu'}>
          <HeaderSearch />
          <div className="app-header-end">
            <NotificationsButton userId={user.id} />
            <LanguageSelect />
            <AccountMenu email={user.email} />
            <button type="button" className="button button-quiet" onClick={() => void handleSignOut()}>
              {t('nav.signOut')}
            </button>
          </div>
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
