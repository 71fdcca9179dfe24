// What a route shows when its screen throws or its code fails to load: the error in words, a way
// to reload and a way home, inside the app's frame when the frame itself still renders.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { useT } from '../i18n/i18n.tsx';
import { ErrorState } from '../components/states.tsx';
import { NotFound } from './not-found.tsx';

/** A screen's code chunk could not be fetched: usually a deploy replaced it while the tab stayed open. */
function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch dynamically/i.test(error.message);
}

export function CrashNotice({ error }: { error: unknown }) {
  const t = useT();
  return (
    <main className="page">
      <ErrorState
        title={t('crash.title')}
        detail={isChunkLoadError(error) ? t('crash.updated') : t('crash.detail')}
        action={
          <p className="button-row crash-actions">
            <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
              {t('crash.reload')}
            </button>
            <Link to="/">{t('notFound.back')}</Link>
          </p>
        }
      />
    </main>
  );
}

/** The errorElement of the app's routes. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  console.error(error);
  return <CrashNotice error={error} />;
}

/**
 * The last line of defence around the router (a throw in a provider, or in the router's own
 * frame): a plain page that needs neither the router nor translations.
 */
export class RootErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="page" role="alert">
        <h1>Duizhao could not start / 对照无法启动</h1>
        <p>{this.state.error instanceof Error ? this.state.error.message : String(this.state.error)}</p>
        <p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload / 重新加载
          </button>
        </p>
      </main>
    );
  }
}
