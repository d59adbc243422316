import { QueryClient } from '@tanstack/react-query';
import { BraidError } from '../api.ts';

// Calls go to the local core, not the network: retrying only helps with a lost connection.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => error instanceof BraidError && error.code === 'network' && failures < 3,
      refetchOnWindowFocus: false,
      staleTime: Infinity,
    },
  },
});
