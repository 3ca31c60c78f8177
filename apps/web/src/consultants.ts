import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from './api.js';
import { EP } from './endpoints.js';

/** Consultants to assign to: admins list users; managers see the consultants the reports know (key = user id). */
export function useConsultants(enabled: boolean, isAdmin: boolean) {
  return useQuery({
    queryKey: ['consultants', isAdmin],
    enabled,
    queryFn: async (): Promise<{ id: string; name: string }[]> => {
      if (isAdmin) {
        const users = await api.get<
          | { id: string; name: string; role: string; active: boolean }[]
          | { items: { id: string; name: string; role: string; active: boolean }[] }
        >(EP.users);
        const list = Array.isArray(users) ? users : users.items;
        return list.filter((u) => u.role === 'consultant' && u.active).map((u) => ({ id: u.id, name: u.name }));
      }
      const r = await api.get<{ rows: { key: string | null; label: string }[] }>(EP.reports('response-times'), {
        groupBy: 'consultant',
        from: dayjs().subtract(2, 'year').toISOString(),
      });
      return r.rows.filter((x) => x.key).map((x) => ({ id: x.key!, name: x.label }));
    },
  });
}
