import type { ComponentProps } from 'react';
import { cx } from './cx';
import { useFieldControl } from './field';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cx('input', className)} {...useFieldControl(props)} />;
}

export function Textarea({ className, rows = 4, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea className={cx('input', 'input--textarea', className)} rows={rows} {...useFieldControl(props)} />
  );
}
