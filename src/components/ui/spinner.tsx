import { cx } from './cx';

interface SpinnerProps {
  size?: 'sm' | 'md' | 'lg';
  /** Announced to screen readers; pass `null` when the surrounding element already says it is busy. */
  label?: string | null;
  className?: string;
}

export function Spinner({ size = 'md', label = 'Loading', className }: SpinnerProps) {
  const classes = cx('spinner', `spinner--${size}`, className);
  if (label === null) return <span className={classes} aria-hidden="true" />;
  return (
    <span className={classes} role="status">
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A spinner centred in the page area, for route and section loads. */
export function PageSpinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="page-spinner">
      <Spinner size="lg" label={label} />
    </div>
  );
}
