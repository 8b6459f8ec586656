/**
 * Uploading and removing the user's avatar: the file goes to the public `avatars` bucket under
 * the user's own folder (RLS on storage.objects refuses any other), then `user_profiles.avatar_url`
 * points at its public URL. A version parameter makes browsers and CDNs fetch the new image.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiClientError } from '@/lib/api-client-error';
import { sharedQueryKeys } from '@/lib/query-keys';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { AVATARS_BUCKET, avatarPath, avatarProblem } from '../avatar-rules';

function storageFailure(message: string): ApiClientError {
  return new ApiClientError({ status: 400, code: 'VALIDATION_FAILED', message });
}

async function setAvatarUrl(userId: string, avatarUrl: string | null): Promise<void> {
  unwrap(await supabase.from('user_profiles').update({ avatar_url: avatarUrl }).eq('user_id', userId));
}

export async function uploadAvatar(userId: string, file: File): Promise<string> {
  const problem = avatarProblem(file);
  if (problem) throw storageFailure(problem);
  const bucket = (await supabase.storage()).from(AVATARS_BUCKET);
  const { error } = await bucket.upload(avatarPath(userId), file, {
    upsert: true,
    contentType: file.type,
    cacheControl: '3600',
  });
  if (error) throw storageFailure(`The image could not be uploaded: ${error.message}.`);
  const url = `${bucket.getPublicUrl(avatarPath(userId)).data.publicUrl}?v=${Date.now()}`;
  await setAvatarUrl(userId, url);
  return url;
}

export async function removeAvatar(userId: string): Promise<void> {
  const storage = await supabase.storage();
  const { error } = await storage.from(AVATARS_BUCKET).remove([avatarPath(userId)]);
  if (error) throw storageFailure(`The image could not be removed: ${error.message}.`);
  await setAvatarUrl(userId, null);
}

function useRefreshAfter() {
  const queryClient = useQueryClient();
  // The header reads the profile; review lists show the author's avatar.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: sharedQueryKeys.myProfile }),
      queryClient.invalidateQueries({ queryKey: sharedQueryKeys.catalog }),
    ]);
}

export function useUploadAvatar(userId: string) {
  const refresh = useRefreshAfter();
  return useMutation({ mutationFn: (file: File) => uploadAvatar(userId, file), onSuccess: refresh });
}

export function useRemoveAvatar(userId: string) {
  const refresh = useRefreshAfter();
  return useMutation({ mutationFn: () => removeAvatar(userId), onSuccess: refresh });
}
