import { Link } from 'react-router';
import { Avatar, Badge, Button } from '@/components/ui';
import { paths } from '@/config/paths';
import type { HiredEmployee } from '../schemas';

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });

interface HiredEmployeeRowProps {
  hire: HiredEmployee;
  busy: boolean;
  onToggleActive: () => void;
  onUpgrade: () => void;
  onRemove: () => void;
}

export function HiredEmployeeRow({ hire, busy, onToggleActive, onUpgrade, onRemove }: HiredEmployeeRowProps) {
  const { employee, pinned } = hire;
  const name = employee?.name ?? 'Withdrawn employee';
  const latest = hire.newerVersions.at(-1);

  return (
    <li className="hire" aria-busy={busy || undefined}>
      <Avatar name={name} src={employee?.avatarUrl} size="lg" alt="" />
      <div className="hire__identity">
        <h2 className="hire__name">
          {employee ? <Link to={paths.employee.getHref(employee.slug)}>{employee.name}</Link> : name}
        </h2>
        <p className="hire__role">{employee?.role ?? 'No longer listed in the marketplace'}</p>
        <p className="hire__meta">
          Hired {dateFormat.format(new Date(hire.hiredAt))}
          {pinned && (
            <>
              {' · '}
              Version {pinned.version} <span className="hire__model">({pinned.model})</span>
            </>
          )}
        </p>
      </div>
      <div className="hire__status">
        {hire.isActive ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>}
        {latest && <Badge tone="info">Version {latest.version} available</Badge>}
      </div>
      <div className="hire__actions">
        {latest && (
          <Button
            size="sm"
            onClick={onUpgrade}
            disabled={busy}
            aria-label={`Review the upgrade of ${name} to version ${latest.version}`}
          >
            Review upgrade
          </Button>
        )}
        <Button
          size="sm"
          variant="secondary"
          onClick={onToggleActive}
          disabled={busy}
          aria-label={hire.isActive ? `Pause ${name}` : `Resume ${name}`}
        >
          {hire.isActive ? 'Pause' : 'Resume'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onRemove} disabled={busy} aria-label={`Remove ${name}`}>
          Remove
        </Button>
      </div>
    </li>
  );
}
