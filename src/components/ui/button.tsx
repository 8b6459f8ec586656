import type { ComponentProps } from 'react';
import { cx } from './cx';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md' | 'lg';

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: ButtonSize;
  block?: boolean;
}

export function buttonClassName(
  { variant = 'primary', size = 'md', block = false }: ButtonStyle,
  extra?: string,
) {
  return cx('btn', `btn--${variant}`, `btn--${size}`, block && 'btn--block', extra);
}

interface ButtonProps extends ComponentProps<'button'>, ButtonStyle {
  /** Shows a spinner and disables the button while an action is in flight. */
  loading?: boolean;
}

export function Button({
  variant,
  size,
  block,
  loading = false,
  disabled,
  className,
  children,
  type = 'button',
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClassName({ variant, size, block }, className)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...props}
    >
      {loading && <Spinner size="sm" label={null} />}
      {children}
    </button>
  );
}

type ButtonAnchorProps = Omit<ComponentProps<'a'>, 'href'> & ButtonStyle & { to: string };

/**
 * A plain link that looks like a button, for markup that runs without the router: the marketing
 * pages' islands (ADR 0083), where every link leaves the page anyway. Same props as `ButtonLink`
 * for a string `to`, so a view can be handed either. (This file stays free of the router so
 * that the marketing pages need not load it; ButtonLink lives in button-link.tsx.)
 */
export function ButtonAnchor({ variant, size, block, className, to, ...props }: ButtonAnchorProps) {
  return <a href={to} className={buttonClassName({ variant, size, block }, className)} {...props} />;
}
