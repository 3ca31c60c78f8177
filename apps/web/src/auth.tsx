import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type Me } from './api.js';

export function useMe() {
  return useQuery<Me | null>({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      /* already signed out */
    }
    qc.clear();
    qc.setQueryData(['me'], null);
  };
}

export function homeFor(me: Me): string {
  return me.role === 'consultant' ? '/app/board' : '/app/dashboard';
}
