import type { ComponentProps } from 'react';
import { cx } from './cx';
import { useFieldControl } from './field';

export interface SelectOption<Value extends string = string> {
  value: Value;
  label: string;
  disabled?: boolean;
}

interface SelectProps<Value extends string> extends Omit<
  ComponentProps<'select'>,
  'children' | 'onChange' | 'value'
> {
  options: readonly SelectOption<Value>[];
  value?: Value | '';
  /** Receives one of the options' values, or '' when the placeholder is chosen. */
  onValueChange?: (value: Value | '') => void;
  /** A first, empty choice such as "All categories". */
  placeholder?: string;
}

/** A native select (best keyboard and screen-reader support there is), styled and typed. */
export function Select<Value extends string>({
  options,
  value,
  onValueChange,
  placeholder,
  className,
  ...props
}: SelectProps<Value>) {
  return (
    <div className={cx('select', className)}>
      <select
        className="input select__control"
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          onValueChange?.(chosen ? chosen.value : '');
        }}
        {...useFieldControl(props)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
