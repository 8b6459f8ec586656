import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Dialog, Field, Input, useToast } from '@/components/ui';
import { paths } from '@/config/paths';
import { DELETE_CONFIRMATION } from '@/shared/account-contract';
import { forgetDeletedSession, useDeleteAccount, useDownloadExport } from '../api/account';

export function DataSection() {
  const download = useDownloadExport();
  const toast = useToast();
  const [deleting, setDeleting] = useState(false);

  return (
    <Card as="section" title="Your data" titleAs="h2">
      <div className="settings-stack">
        <div className="settings-row">
          <p className="settings-note">
            Everything your account holds — profile, chats, runs, workflows, usage and billing records — as
            one JSON file, with links to your files. Three exports an hour.
          </p>
          <Button
            variant="secondary"
            loading={download.isPending}
            onClick={() =>
              download.mutate(undefined, {
                onSuccess: (filename) => toast.success(`${filename} is downloading.`),
                onError: (error) => toast.error(error, 'Export failed'),
              })
            }
          >
            Export my data
          </Button>
        </div>
        <div className="settings-row">
          <p className="settings-note">
            Deleting your account cancels your subscription now and removes everything it holds. It cannot be
            undone.
          </p>
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete account…
          </Button>
        </div>
      </div>
      <DeleteAccountDialog open={deleting} onClose={() => setDeleting(false)} />
    </Card>
  );
}

function DeleteAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const ready = password !== '' && confirm === DELETE_CONFIRMATION;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    remove.mutate(
      { password, confirm: DELETE_CONFIRMATION },
      {
        onSuccess: () => {
          toast.success('Your account has been deleted. A confirmation is on its way to your inbox.');
          // Leave the private page first (its route loads lazily), then forget the session.
          void Promise.resolve(navigate(paths.home.getHref(), { replace: true })).then(forgetDeletedSession);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Delete your account"
      description="Your subscription is cancelled at once and everything is deleted. Billing records are kept without your name."
    >
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <Field label="Current password" error={remove.error ? remove.error.message : undefined}>
          <Input
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <Field label={`Type ${DELETE_CONFIRMATION} to confirm`}>
          <Input
            name="confirm"
            autoComplete="off"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
          />
        </Field>
        <div className="settings-row">
          <Button type="button" variant="secondary" onClick={onClose}>
            Keep my account
          </Button>
          <Button type="submit" variant="danger" loading={remove.isPending} disabled={!ready}>
            Delete my account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
