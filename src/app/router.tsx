import type { ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router-dom';
import { getSessionUser } from '../data/auth.ts';
import { documentQuery } from '../data/documents.ts';
import { paragraphsQuery } from '../data/paragraphs.ts';
import { documentAnnotationsQuery } from '../data/annotations.ts';
import { AppLayout } from './app-layout.tsx';
import { RequireAuth } from './require-auth.tsx';
import { NotFound } from './not-found.tsx';
import { RouteError } from './route-error.tsx';
import { Loading } from '../components/states.tsx';

// Every screen loads on demand through the router (not React.lazy): the router fetches the chunk
// during navigation, so no Suspense fallback sits between the click and the screen.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** Starts the document's first requests with the navigation, before its screen has rendered. */
function prefetchDocument(queryClient: QueryClient) {
  return async ({ params }: LoaderFunctionArgs) => {
    const id = params.documentId;
    // Signed-out visitors go to sign-in; never cache what an anonymous request returns.
    if (!id || !(await getSessionUser())) return null;
    void queryClient.prefetchInfiniteQuery(paragraphsQuery(id));
    void queryClient.prefetchQuery(documentQuery(id));
    void queryClient.prefetchQuery(documentAnnotationsQuery(id));
    return null;
  };
}

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      path: '/sign-in',
      lazy: page(() => import('../features/auth/sign-in-page.tsx').then((m) => ({ default: m.SignInPage }))),
      HydrateFallback: Loading,
      errorElement: <RouteError />,
    },
    {
      path: '/sign-up',
      lazy: page(() => import('../features/auth/sign-up-page.tsx').then((m) => ({ default: m.SignUpPage }))),
      HydrateFallback: Loading,
      errorElement: <RouteError />,
    },
    {
      path: '/reset-password',
      lazy: page(() => import('../features/auth/reset-password-page.tsx').then((m) => ({ default: m.ResetPasswordPage }))),
      HydrateFallback: Loading,
      errorElement: <RouteError />,
    },
    {
      path: '/welcome',
      lazy: page(() => import('../features/auth/welcome-page.tsx').then((m) => ({ default: m.WelcomePage }))),
      HydrateFallback: Loading,
      errorElement: <RouteError />,
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      HydrateFallback: Loading,
      // Should the frame itself fail; a failing screen is caught below, inside the frame.
      errorElement: <RouteError />,
      children: [
        {
          // A screen that throws shows the error in place of the screen, with the navigation still there.
          errorElement: <RouteError />,
          children: [
            { index: true, lazy: page(() => import('../features/library/library-page.tsx').then((m) => ({ default: m.LibraryPage }))) },
            {
              path: 'documents/:documentId',
              loader: prefetchDocument(queryClient),
              lazy: page(() => import('../features/workspace/workspace-page.tsx')),
            },
            { path: 'documents/:documentId/align', lazy: page(() => import('../features/align/align-route.tsx')) },
            { path: 'review', lazy: page(() => import('../features/review/review-page.tsx')) },
            { path: 'my-work', lazy: page(() => import('../features/my-work/my-work-page.tsx')) },
            { path: 'search', lazy: page(() => import('../features/search/search-page.tsx')) },
            { path: 'projects/:projectId/import', lazy: page(() => import('../features/import/import-page.tsx')) },
            { path: 'projects/:projectId/glossary', lazy: page(() => import('../features/glossary/glossary-page.tsx')) },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ]);
}
