import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { createQueryClient } from '../data/query-client.ts';
import { installOutbox } from '../data/translation-outbox.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { createRouter } from './router.tsx';

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    installOutbox(client);
    return client;
  });
  const [router] = useState(() => createRouter(queryClient));
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  );
}
