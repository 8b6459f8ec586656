import { Button, Card } from '@/components/ui';
import { formatCredits, formatMoney } from '../format';
import type { TokenPack } from '../api/get-catalog';
import type { BillingRedirect } from '../api/start-checkout';

export function TokenPacks({
  packs,
  onBuy,
  pending,
  locked = false,
}: {
  packs: TokenPack[];
  onBuy: (target: BillingRedirect) => void;
  pending: BillingRedirect | undefined;
  /** A checkout is being confirmed: nothing else can be bought meanwhile. */
  locked?: boolean;
}) {
  return (
    <Card
      as="section"
      title="Token packs"
      description="One-off purchases. Used after your monthly allowance; they never expire."
    >
      <ul className="billing-packs">
        {packs.map((pack) => {
          const busy = pending?.kind === 'pack' && pending.packId === pack.id;
          return (
            <li key={pack.id} className="billing-pack">
              <p className="billing-pack__credits">{formatCredits(pack.credits)} credits</p>
              <p className="billing-pack__price">{formatMoney(pack.priceCents, pack.currency)}</p>
              <Button
                variant="secondary"
                block
                loading={busy}
                disabled={locked || (pending !== undefined && !busy)}
                onClick={() => onBuy({ kind: 'pack', packId: pack.id })}
              >
                Buy {pack.name}
              </Button>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
