import type { ReactNode } from 'react';
import { cx } from './cx';

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** Usually one primary action that gets the user out of the empty state. */
  action?: ReactNode;
  icon?: ReactNode;
  headingLevel?: 'h2' | 'h3';
  className?: string;
}

export function EmptyState({
  title,
  description,
  action,
  icon,
  headingLevel: Heading = 'h2',
  className,
}: EmptyStateProps) {
  return (
    <div className={cx('state', 'state--empty', className)}>
      {icon && (
        <div className="state__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <Heading className="state__title">{title}</Heading>
      {description && <p className="state__description">{description}</p>}
      {action && <div className="state__action">{action}</div>}
    </div>
  );
}
