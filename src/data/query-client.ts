// Global TanStack Query defaults, in one place.
import { QueryClient } from '@tanstack/react-query';
import { errorKind } from './errors.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        // Only a dropped connection is worth retrying; refusals and bad requests will not change.
        retry: (failureCount, error) => errorKind(error) === 'network' && failureCount < 3,
      },
      mutations: {
        retry: false,
      },
    },
  });
}
