import type { ComponentProps } from 'react';
import { Link } from 'react-router';
import { buttonClassName, type ButtonStyle } from './button';

type ButtonLinkProps = ComponentProps<typeof Link> & ButtonStyle;

/** A router link that looks like a button — for navigation, which must stay a link. */
export function ButtonLink({ variant, size, block, className, ...props }: ButtonLinkProps) {
  return <Link className={buttonClassName({ variant, size, block }, className)} {...props} />;
}
