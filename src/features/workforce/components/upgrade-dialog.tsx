import { Dialog, Button } from '@/components/ui';
import type { HiredEmployee } from '../schemas';

interface UpgradeDialogProps {
  hire: HiredEmployee | null;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** Shows what changed between the pinned version and the latest before the user upgrades. */
export function UpgradeDialog({ hire, pending, onConfirm, onClose }: UpgradeDialogProps) {
  const latest = hire?.newerVersions.at(-1);
  const name = hire?.employee?.name ?? 'This employee';
  return (
    <Dialog
      open={hire !== null && latest !== undefined}
      onClose={pending ? () => undefined : onClose}
      title={`Upgrade ${name} to version ${latest?.version ?? ''}`}
      description={
        hire?.pinned
          ? `You are on version ${hire.pinned.version}. Upgrading changes how ${name} answers from your next message; chats already written stay as they are.`
          : undefined
      }
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Not now
          </Button>
          <Button onClick={onConfirm} loading={pending}>
            Upgrade to version {latest?.version}
          </Button>
        </>
      }
    >
      <h3 className="changelog__heading">What changed</h3>
      <ol className="changelog" reversed>
        {[...(hire?.newerVersions ?? [])].reverse().map((version) => (
          <li key={version.id} className="changelog__entry">
            <p className="changelog__version">
              Version {version.version} <span className="changelog__model">· {version.model}</span>
            </p>
            <p className="changelog__text">
              {version.changelog || 'No notes were published for this version.'}
            </p>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
