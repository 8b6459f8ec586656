/**
 * The reservation sweeper: holds whose call never settled (the function died mid-call) expire
 * after their ttl and their credits become available again (billing.expire_reservations).
 */
import { getDb } from '../db';
import { createLogger } from '../observability/logger';

export async function sweepReservations(): Promise<Response> {
  const log = createLogger({ job: 'sweep-reservations' });
  try {
    const { rows } = await getDb().query<{ expired: number }>(
      'select billing.expire_reservations() as expired',
    );
    log.info('expired stale credit reservations', { expired: rows[0]?.expired ?? 0 });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('reservation sweep failed', { error });
    return new Response(null, { status: 500 });
  }
}
