/** The editable profile (user_profiles: display name and bio); saving refreshes the header too. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sharedQueryKeys } from '@/lib/query-keys';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { settingsKeys } from '../keys';

const profileRow = z.object({ display_name: z.string().nullable(), bio: z.string().nullable() });
export type ProfileDetails = z.output<typeof profileRow>;

export function useProfileDetails(userId: string) {
  return useQuery(
    queryOptions({
      queryKey: settingsKeys.profile(userId),
      queryFn: async ({ signal }) => {
        const rows = unwrap(
          await supabase
            .from('user_profiles')
            .select('display_name, bio')
            .eq('user_id', userId)
            .abortSignal(signal),
        );
        return profileRow.array().parse(rows)[0] ?? { display_name: null, bio: null };
      },
    }),
  );
}

export function useSaveProfile(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (change: ProfileDetails) => {
      unwrap(await supabase.from('user_profiles').update(change).eq('user_id', userId));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: sharedQueryKeys.myProfile }),
  });
}
