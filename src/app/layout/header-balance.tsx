/**
 * The credit balance in the header of every signed-in page, live (credit_accounts over Realtime,
 * useCreditBalance). Its popover says what the figure is made of: allowance left this period,
 * purchased credits, and credits held for answers in progress — a hold lowers what is available
 * while an answer is written, and the popover says so rather than letting the figure swing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useCreditBalance } from '@/lib/credit-balance';
import { formatCredits, formatCreditsExact } from '@/lib/credits-format';

const periodEnd = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(iso));

export function HeaderBalance({ userId }: { userId: string }) {
  const balance = useCreditBalance(userId);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    return () => document.removeEventListener('pointerdown', closeOnOutside);
  }, [open]);

  if (!balance.data) return <div className="header-balance header-balance--loading" aria-hidden="true" />;
  const { available, purchased, reserved, frozen, allowance } = balance.data;
  return (
    <div
      className="header-balance"
      ref={container}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          trigger.current?.focus();
        }
      }}
    >
      <button
        ref={trigger}
        type="button"
        className="header-balance__trigger"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {formatCredits(available)} credits
        {reserved > 0 && <span className="header-balance__held"> · {formatCredits(reserved)} held</span>}
        {/* The exact figure for screen readers; the visible text starts the name (WCAG 2.5.3). */}
        <span className="visually-hidden">, {formatCreditsExact(available)} available: balance details</span>
      </button>
      <div className="header-balance__panel" id={panelId} hidden={!open}>
        <dl className="header-balance__rows">
          <div>
            <dt>Available now</dt>
            <dd>{formatCreditsExact(available)}</dd>
          </div>
          <div>
            <dt>Allowance left this period</dt>
            <dd>{formatCreditsExact(allowance.remaining)}</dd>
          </div>
          <div>
            <dt>Purchased credits{frozen ? ' (on hold: disputed payment)' : ''}</dt>
            <dd>{formatCreditsExact(purchased)}</dd>
          </div>
          <div>
            <dt>Held for answers in progress</dt>
            <dd>{formatCreditsExact(reserved)}</dd>
          </div>
        </dl>
        <p className="header-balance__note">
          While an answer is written, its most possible cost is held; when it ends you pay what it used and
          the rest is released.
          {allowance.periodEnd &&
            ` Your allowance renews on ${periodEnd(allowance.periodEnd)}; unused allowance lapses.`}
        </p>
        <Link to={paths.billing.getHref()} className="header-balance__link" onClick={() => setOpen(false)}>
          Billing and credits
        </Link>
      </div>
    </div>
  );
}
