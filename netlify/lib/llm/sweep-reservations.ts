/**
 * The reservation sweeper (billing.expire_reservations): a hold whose call never settled — the
 * function died mid-call — is finished once its lifetime passed. A gateway call that reached the
 * provider is charged its whole hold, its usage row marked estimated (ADR 0060); every other hold
 * (a run's budget, a chat call whose exchange was never stored) is released.
 */
import { getDb } from '../db';
import { createLogger } from '../observability/logger';

export async function sweepReservations(): Promise<Response> {
  const log = createLogger({ job: 'sweep-reservations' });
  try {
    const { rows } = await getDb().query<{ expired: number }>(
      'select billing.expire_reservations() as expired',
    );
    log.info('finished stale credit reservations', { finished: rows[0]?.expired ?? 0 });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('reservation sweep failed', { error });
    return new Response(null, { status: 500 });
  }
}
