/**
 * The bell's data: the caller's latest notifications and the number unread, both kept live —
 * notifications is in the supabase_realtime publication, so one created by the server (a usage
 * alert, a finished run) or marked read in another tab shows at once.
 */
import { queryOptions } from '@tanstack/react-query';
import { useLiveQuery, type LiveSource } from '@/lib/live';
import { supabase } from '@/lib/supabase';
import { toDataError, unwrap } from '@/lib/supabase-result';
import { notificationsKeys } from '../keys';
import { notificationRowSchema, type AppNotification } from '../schemas';

/** The bell lists this many; older ones stay in the database (dismissed ones are deleted). */
export const latestNotificationsLimit = 20;

const liveSource = (userId: string): LiveSource => ({
  table: 'notifications',
  filter: `user_id=eq.${userId}`,
});

export async function getLatestNotifications(
  userId: string,
  signal?: AbortSignal,
): Promise<AppNotification[]> {
  let query = supabase
    .from('notifications')
    .select('id, kind, title, body, facts, link, read_at, created_at')
    .eq('user_id', userId)
    .order('created_at', { ascending: false })
    .limit(latestNotificationsLimit);
  if (signal) query = query.abortSignal(signal);
  return notificationRowSchema.array().parse(unwrap(await query));
}

export async function getUnreadCount(userId: string, signal?: AbortSignal): Promise<number> {
  let query = supabase
    .from('notifications')
    .select('id', { count: 'exact', head: true })
    .eq('user_id', userId)
    .is('read_at', null);
  if (signal) query = query.abortSignal(signal);
  const { count, error, status } = await query;
  if (error) throw toDataError(error, status);
  return count ?? 0;
}

export const latestNotificationsQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: notificationsKeys.latest(userId),
    queryFn: ({ signal }) => getLatestNotifications(userId, signal),
  });

export const unreadCountQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: notificationsKeys.unreadCount(userId),
    queryFn: ({ signal }) => getUnreadCount(userId, signal),
  });

export const useUnreadCount = (userId: string) =>
  useLiveQuery({ ...unreadCountQueryOptions(userId), live: liveSource(userId) });

export const useLatestNotifications = (userId: string, enabled: boolean) =>
  useLiveQuery({ ...latestNotificationsQueryOptions(userId), enabled, live: liveSource(userId) });
