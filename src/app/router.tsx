import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './app-layout.tsx';
import { RequireAuth } from './require-auth.tsx';
import { NotFound } from './not-found.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { LibraryPage } from '../features/library/library-page.tsx';

// Screens other than sign-in and the library load on demand to keep the entry bundle small.
const WorkspacePage = lazy(() => import('../features/workspace/workspace-page.tsx'));
const ReviewPage = lazy(() => import('../features/review/review-page.tsx'));
const ImportPage = lazy(() => import('../features/import/import-page.tsx'));
const AlignPage = lazy(() => import('../features/align/align-page.tsx'));

export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage /> },
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
