/**
 * A button that opens a short list of actions (WAI-ARIA menu button): Enter, Space or ArrowDown
 * opens it on the first item, arrows move, Escape or Tab closes it and focus goes back to the
 * button, a click outside closes it. `triggerProps.tabIndex = -1` keeps it out of the Tab order
 * where a list offers it by arrow key instead (the chat sidebar: one Tab stop per chat).
 */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { cx } from './cx';

export interface MenuItem {
  label: string;
  onSelect(): void;
  tone?: 'danger';
}

interface MenuProps {
  /** The button's accessible name ("Actions for Plan Q3"). */
  label: string;
  /** What the button shows (an icon); the label is its name. */
  children: React.ReactNode;
  items: readonly MenuItem[];
  triggerRef?: RefObject<HTMLButtonElement | null>;
  triggerProps?: Omit<ComponentProps<'button'>, 'onClick' | 'aria-label' | 'ref'>;
  className?: string;
}

export function Menu({ label, children, items, triggerRef, triggerProps, className }: MenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const container = useRef<HTMLDivElement>(null);
  const ownButton = useRef<HTMLButtonElement | null>(null);
  const button = triggerRef ?? ownButton;
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    itemRefs.current[0]?.focus();
    const closeOnOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    return () => document.removeEventListener('pointerdown', closeOnOutside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = itemRefs.current.findIndex((item) => item === document.activeElement);
    const move = (to: number) => {
      event.preventDefault();
      itemRefs.current[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(current + 1);
    else if (event.key === 'ArrowUp') move(current - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') setOpen(false);
  };

  return (
    <div className={cx('menu', className)} ref={container}>
      <button
        type="button"
        className="menu__trigger"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        {...triggerProps}
        ref={button}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
          triggerProps?.onKeyDown?.(event);
        }}
      >
        {children}
      </button>
      {open && (
        <div className="menu__list" id={menuId} role="menu" aria-label={label} onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <button
              key={item.label}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={cx('menu__item', item.tone === 'danger' && 'menu__item--danger')}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
