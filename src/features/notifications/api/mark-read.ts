/**
 * Marks the caller's notifications read (one, or every unread one). RLS and the column grant let
 * a user set read_at on their own rows only. The bell updates at once; Realtime then confirms it
 * in every other tab.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { notificationsKeys } from '../keys';
import type { AppNotification } from '../schemas';

export async function markNotificationsRead(userId: string, ids: string[] | 'all'): Promise<void> {
  let query = supabase
    .from('notifications')
    .update({ read_at: new Date().toISOString() })
    .eq('user_id', userId)
    .is('read_at', null);
  if (ids !== 'all') query = query.in('id', ids);
  unwrap(await query.select('id'));
}

export function useMarkNotificationsRead(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') => markNotificationsRead(userId, ids),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: notificationsKeys.all });
      const latestKey = notificationsKeys.latest(userId);
      const countKey = notificationsKeys.unreadCount(userId);
      const latest = queryClient.getQueryData<AppNotification[]>(latestKey);
      const count = queryClient.getQueryData<number>(countKey);
      const marks = (notification: AppNotification) => ids === 'all' || ids.includes(notification.id);
      if (latest) {
        queryClient.setQueryData(
          latestKey,
          latest.map((notification) =>
            marks(notification) ? { ...notification, read: true } : notification,
          ),
        );
      }
      if (count !== undefined) {
        const marked = ids === 'all' ? count : (latest ?? []).filter((n) => !n.read && marks(n)).length;
        queryClient.setQueryData(countKey, Math.max(0, count - marked));
      }
      return () => {
        queryClient.setQueryData(latestKey, latest);
        queryClient.setQueryData(countKey, count);
      };
    },
    onError: (_error, _ids, undo) => undo?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKeys.all }),
  });
}
