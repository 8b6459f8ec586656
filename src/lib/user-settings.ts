/**
 * The signed-in user's settings (user_settings): AI defaults that chats, team runs and workflows
 * start from, and which notifications also send an email. Read once and shared; the settings
 * page writes through `useUpdateUserSettings`, and the database refuses any column a user may not
 * change (column grants) and a default model without a current price (trigger).
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { llmProviderNames } from '@/shared/llm-contract';
import { useSession } from './auth';
import { sharedQueryKeys } from './query-keys';
import { supabase } from './supabase';
import { unwrap } from './supabase-result';

const settingsRow = z.object({
  /** Null (with the model): each hired employee answers on its own model. */
  default_provider: z.enum(llmProviderNames).nullable(),
  default_model: z.string().nullable(),
  temperature: dbNumber,
  streaming: z.boolean(),
  default_run_budget_credits: dbNumber,
  notify_usage_email: z.boolean(),
  notify_activity_email: z.boolean(),
  notify_product_email: z.boolean(),
  notify_in_app: z.boolean(),
});
export type UserSettings = z.output<typeof settingsRow>;
export type UserSettingsChange = Partial<UserSettings>;

/** What a new account starts with (the column defaults), shown until the row has loaded. */
export const defaultUserSettings: UserSettings = {
  default_provider: null,
  default_model: null,
  temperature: 0.7,
  streaming: true,
  default_run_budget_credits: 200_000,
  notify_usage_email: true,
  notify_activity_email: true,
  notify_product_email: false,
  notify_in_app: true,
};

const columns = Object.keys(settingsRow.shape).join(', ');

export function userSettingsQueryOptions(userId: string) {
  return queryOptions({
    queryKey: [...sharedQueryKeys.userSettings, userId],
    queryFn: async ({ signal }): Promise<UserSettings> => {
      const rows = unwrap(
        await supabase.from('user_settings').select(columns).eq('user_id', userId).abortSignal(signal),
      );
      const row = settingsRow.array().parse(rows)[0];
      return row ?? defaultUserSettings;
    },
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user's settings; `data` is undefined while loading or signed out. */
export function useUserSettings() {
  const session = useSession();
  const userId = session.status === 'signed-in' ? session.user.id : undefined;
  return useQuery({ ...userSettingsQueryOptions(userId ?? ''), enabled: userId !== undefined });
}

export function useUpdateUserSettings() {
  const session = useSession();
  const client = useQueryClient();
  const userId = session.status === 'signed-in' ? session.user.id : '';
  return useMutation({
    mutationFn: async (change: UserSettingsChange) => {
      const rows = unwrap(
        await supabase.from('user_settings').update(change).eq('user_id', userId).select(columns),
      );
      return settingsRow.array().parse(rows)[0] ?? defaultUserSettings;
    },
    onSuccess: (saved) => client.setQueryData(userSettingsQueryOptions(userId).queryKey, saved),
  });
}
