import type { ReactNode } from 'react';
import { cx } from './cx';

interface StatProps {
  label: string;
  value: ReactNode;
  /** A short line under the value: a comparison, a unit, a period. */
  hint?: ReactNode;
  className?: string;
}

/** A labelled figure. Several go in a `StatGroup`, which is a description list. */
export function Stat({ label, value, hint, className }: StatProps) {
  return (
    <div className={cx('stat', className)}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
      {hint !== undefined && <dd className="stat__hint">{hint}</dd>}
    </div>
  );
}

export function StatGroup({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={cx('stat-group', className)}>{children}</dl>;
}
