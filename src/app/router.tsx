import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './app-layout.tsx';
import { RequireAuth } from './require-auth.tsx';
import { NotFound } from './not-found.tsx';
import { Loading } from '../components/states.tsx';

// Every screen loads on demand: the entry holds the frame, session and data client only.
const SignInPage = lazy(() => import('../features/auth/sign-in-page.tsx').then((m) => ({ default: m.SignInPage })));
const LibraryPage = lazy(() => import('../features/library/library-page.tsx').then((m) => ({ default: m.LibraryPage })));
const WorkspacePage = lazy(() => import('../features/workspace/workspace-page.tsx'));
const ReviewPage = lazy(() => import('../features/review/review-page.tsx'));
const ImportPage = lazy(() => import('../features/import/import-page.tsx'));
const AlignPage = lazy(() => import('../features/align/align-page.tsx'));

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/sign-in',
      element: (
        <Suspense fallback={<Loading />}>
          <SignInPage />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <LibraryPage /> },
        { path: 'documents/:documentId', element: <WorkspacePage /> },
        { path: 'documents/:documentId/align', element: <AlignPage /> },
        { path: 'review', element: <ReviewPage /> },
        { path: 'projects/:projectId/import', element: <ImportPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
