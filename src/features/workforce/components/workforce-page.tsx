import { useState } from 'react';
import { ButtonLink, ConfirmDialog, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useWorkforce } from '../api/get-workforce';
import { useRemoveHire, useSetHireActive, useUpgradeHire } from '../api/update-hire';
import type { HiredEmployee } from '../schemas';
import '../workforce.css';
import { HiredEmployeeRow } from './hired-employee-row';
import { UpgradeDialog } from './upgrade-dialog';

export function WorkforcePage() {
  useDocumentTitle('Workforce');
  const workforce = useWorkforce();
  const setActive = useSetHireActive();
  const upgrade = useUpgradeHire();
  const remove = useRemoveHire();
  const [upgrading, setUpgrading] = useState<HiredEmployee | null>(null);
  const [removing, setRemoving] = useState<HiredEmployee | null>(null);

  const busyHireId = [setActive, upgrade, remove].find((mutation) => mutation.isPending)?.variables?.hireId;
  const nameOf = (hire: HiredEmployee) => hire.employee?.name ?? 'This employee';

  return (
    <div className="page container">
      <header className="page-header">
        <div>
          <h1>Your workforce</h1>
          <p className="page-header__lead">
            The AI employees you have hired. Each stays on the version you hired until you choose to upgrade.
          </p>
        </div>
        <ButtonLink to={paths.marketplace.getHref()} variant="secondary">
          Hire more employees
        </ButtonLink>
      </header>

      {workforce.isPending ? (
        <ul className="hire-list" aria-busy="true" aria-label="Loading your workforce">
          {[0, 1, 2].map((index) => (
            <li key={index} className="hire">
              <Skeleton width="4rem" height="4rem" radius="full" />
              <div className="hire__identity">
                <Skeleton width="10rem" height="1.2rem" />
                <Skeleton width="14rem" />
              </div>
            </li>
          ))}
        </ul>
      ) : workforce.isError ? (
        <ErrorState
          error={workforce.error}
          title="Your workforce could not be loaded"
          onRetry={() => void workforce.refetch()}
          retrying={workforce.isFetching}
        />
      ) : workforce.data.length === 0 ? (
        <EmptyState
          title="You have not hired anyone yet"
          description="Browse the marketplace to find AI employees for engineering, marketing, sales, support and more."
          action={<ButtonLink to={paths.marketplace.getHref()}>Browse the marketplace</ButtonLink>}
        />
      ) : (
        <ul className="hire-list">
          {workforce.data.map((hire) => (
            <HiredEmployeeRow
              key={hire.hireId}
              hire={hire}
              busy={busyHireId === hire.hireId}
              onToggleActive={() =>
                setActive.mutate({ hireId: hire.hireId, isActive: !hire.isActive, name: nameOf(hire) })
              }
              onUpgrade={() => setUpgrading(hire)}
              onRemove={() => setRemoving(hire)}
            />
          ))}
        </ul>
      )}

      <UpgradeDialog
        hire={upgrading}
        pending={upgrade.isPending}
        onClose={() => setUpgrading(null)}
        onConfirm={() => {
          if (!upgrading) return;
          upgrade.mutate(
            { hireId: upgrading.hireId, name: nameOf(upgrading) },
            { onSettled: () => setUpgrading(null) },
          );
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing ? nameOf(removing) : ''} from your workforce?`}
        description="They will no longer be available in chats, team runs or workflows. Past conversations are kept, and you can hire them again from the marketplace at any time — on their latest version."
        confirmLabel="Remove"
        tone="danger"
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(
            { hireId: removing.hireId, name: nameOf(removing) },
            { onSettled: () => setRemoving(null) },
          );
        }}
      />
    </div>
  );
}
