import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { createQueryClient } from '../data/query-client.ts';
import { createAppOutbox, OutboxProvider } from '../data/translation-outbox.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { RootErrorBoundary } from './route-error.tsx';
import { createRouter } from './router.tsx';

export function App() {
  // The outbox writes acknowledged rows into this client's cache: the two are made together.
  const [{ queryClient, outbox }] = useState(() => {
    const client = createQueryClient();
    return { queryClient: client, outbox: createAppOutbox(client) };
  });
  const [router] = useState(() => createRouter(queryClient));
  return (
    <RootErrorBoundary>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <OutboxProvider outbox={outbox}>
            <RouterProvider router={router} />
          </OutboxProvider>
        </QueryClientProvider>
      </I18nProvider>
    </RootErrorBoundary>
  );
}
