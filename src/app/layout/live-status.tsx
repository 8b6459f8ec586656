/**
 * Says so when the page's live updates are down: the views keep refreshing themselves every few
 * seconds meanwhile (useLiveQuery's polling fallback), and catch up when the connection is back.
 */
import { useLiveConnection } from '@/lib/live';

export function LiveStatus() {
  const state = useLiveConnection();
  return (
    // A polite live region that is always there (so the change is announced), not role="status":
    // pages keep their own status messages as the page's one status.
    <span className="live-status" aria-live="polite">
      {state === 'reconnecting' ? 'Reconnecting…' : ''}
    </span>
  );
}
