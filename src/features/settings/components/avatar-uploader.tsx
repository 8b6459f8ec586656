/**
 * Shows the user's avatar and lets them replace or remove it. Self-contained (it reads the
 * session and the profile itself) so that any page — this feature's own, a settings page — can
 * place it.
 */
import { useId, useRef } from 'react';
import { useSession } from '@/lib/auth';
import { Avatar, Button, useToast } from '@/components/ui';
import { useMyProfile } from '@/lib/my-profile';
import { AVATAR_TYPES, avatarProblem } from '../avatar-rules';
import { useRemoveAvatar, useUploadAvatar } from '../api/update-avatar';

export function AvatarUploader() {
  const session = useSession();
  const userId = session.status === 'signed-in' ? session.user.id : '';
  const name = session.status === 'signed-in' ? (session.user.email ?? 'You') : 'You';
  const profile = useMyProfile(userId || undefined);
  const upload = useUploadAvatar(userId);
  const remove = useRemoveAvatar(userId);
  const toast = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const avatarUrl = profile.data?.avatarUrl ?? null;
  const busy = upload.isPending || remove.isPending;

  const onFile = (file: File | undefined) => {
    if (!file) return;
    const problem = avatarProblem(file);
    if (problem) {
      toast.error(problem, 'That file cannot be your avatar');
      return;
    }
    upload.mutate(file, {
      onSuccess: () => toast.success('Your new avatar is saved.'),
      onError: (error) => toast.error(error, 'Upload failed'),
    });
  };

  return (
    <div className="avatar-uploader">
      <Avatar name={profile.data?.displayName ?? name} src={avatarUrl} size="lg" alt="Your avatar" />
      <div className="avatar-uploader__controls">
        <input
          ref={inputRef}
          id={`${hintId}-file`}
          className="visually-hidden"
          type="file"
          // Opened by the Upload button; named for assistive technology, out of the Tab order.
          aria-label="Avatar picture"
          tabIndex={-1}
          accept={AVATAR_TYPES.join(',')}
          aria-describedby={hintId}
          onChange={(event) => {
            onFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <Button onClick={() => inputRef.current?.click()} loading={upload.isPending} disabled={busy}>
          {avatarUrl ? 'Upload a new picture' : 'Upload a picture'}
        </Button>
        {avatarUrl && (
          <Button
            variant="secondary"
            loading={remove.isPending}
            disabled={busy}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => toast.success('Your avatar is removed.'),
                onError: (error) => toast.error(error, 'Removal failed'),
              })
            }
          >
            Remove
          </Button>
        )}
        <p id={hintId} className="avatar-uploader__hint">
          PNG, JPEG, WebP or GIF, at most 2 MB. It is shown in the header and next to your reviews.
        </p>
      </div>
    </div>
  );
}
