/**
 * The signed-in user's public identity (user_profiles: display name and avatar), read once for
 * the header's account menu and any page that edits it. A feature that changes it invalidates
 * `sharedQueryKeys.myProfile` and every view refreshes.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { sharedQueryKeys } from './query-keys';
import { supabase } from './supabase';
import { toDataError } from './supabase-result';

export interface MyProfile {
  displayName: string | null;
  avatarUrl: string | null;
}

export function myProfileQueryOptions(userId: string) {
  return queryOptions({
    queryKey: [...sharedQueryKeys.myProfile, userId],
    queryFn: async ({ signal }): Promise<MyProfile> => {
      const { data, error, status } = await supabase
        .from('user_profiles')
        .select('display_name, avatar_url')
        .eq('user_id', userId)
        .abortSignal(signal)
        .maybeSingle();
      if (error) throw toDataError(error, status);
      return { displayName: data?.display_name ?? null, avatarUrl: data?.avatar_url ?? null };
    },
    staleTime: 5 * 60_000,
  });
}

export function useMyProfile(userId: string | undefined) {
  return useQuery({ ...myProfileQueryOptions(userId ?? ''), enabled: userId !== undefined });
}
