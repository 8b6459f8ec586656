import { useState, type FormEvent } from 'react';
import { Button, Card, Field, Input, Textarea, useToast } from '@/components/ui';
import { useProfileDetails, useSaveProfile, type ProfileDetails } from '../api/profile';
import { AvatarUploader } from './avatar-uploader';

export function ProfileSection({ userId }: { userId: string }) {
  const profile = useProfileDetails(userId);
  return (
    <Card
      as="section"
      title="Profile"
      titleAs="h2"
      description="How you appear in the app and next to your reviews."
    >
      <div className="settings-stack" id="profile">
        <AvatarUploader />
        {profile.data && <ProfileForm userId={userId} initial={profile.data} />}
      </div>
    </Card>
  );
}

function ProfileForm({ userId, initial }: { userId: string; initial: ProfileDetails }) {
  const save = useSaveProfile(userId);
  const toast = useToast();
  const [displayName, setDisplayName] = useState(initial.display_name ?? '');
  const [bio, setBio] = useState(initial.bio ?? '');
  const nameError = displayName.trim().length > 80 ? 'At most 80 characters.' : undefined;
  const bioError = bio.length > 2000 ? 'At most 2,000 characters.' : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (nameError || bioError) return;
    save.mutate(
      { display_name: displayName.trim() || null, bio: bio.trim() || null },
      {
        onSuccess: () => toast.success('Your profile is saved.'),
        onError: (error) => toast.error(error, 'Saving failed'),
      },
    );
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <Field label="Display name" error={nameError}>
        <Input
          name="display_name"
          value={displayName}
          maxLength={120}
          autoComplete="nickname"
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </Field>
      <Field label="Bio" hint="A line or two about you." error={bioError}>
        <Textarea name="bio" value={bio} rows={3} onChange={(event) => setBio(event.target.value)} />
      </Field>
      <div>
        <Button type="submit" loading={save.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
