/**
 * Says so when the page's live updates are down: the views keep refreshing themselves every few
 * seconds meanwhile (useLiveQuery's polling fallback), and catch up when the connection is back.
 */
import { useLiveConnection } from '@/lib/live';

export function LiveStatus() {
  const state = useLiveConnection();
  return (
    <span className="live-status" role="status">
      {state === 'reconnecting' ? 'Reconnecting…' : ''}
    </span>
  );
}
