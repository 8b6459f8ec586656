/**
 * A react-query query kept live by Realtime: fetch, subscribe to the rows' changes, re-fetch on
 * each change (bursts coalesced), re-fetch the gap when the subscription comes back, and poll
 * while it is not live. Views keep their `useQuery` result; only the freshness changes.
 */
import {
  hashKey,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  liveConnectionState,
  sourceKey,
  subscribeLiveConnection,
  watchSource,
  type LiveSource,
  type LiveState,
} from './live-channels';

/** How often a view refreshes itself while its live subscription is down. */
export const FALLBACK_POLL_MS = 10_000;
/** Changes arriving within this window cause one re-fetch. */
const COALESCE_MS = 50;

export type LiveQueryOptions<TQueryFnData, TData, TQueryKey extends QueryKey> = UseQueryOptions<
  TQueryFnData,
  Error,
  TData,
  TQueryKey
> & {
  /** The rows behind the query; null while there is nothing to watch (signed out). */
  live: LiveSource | null;
};

export function useLiveQuery<TQueryFnData, TData = TQueryFnData, TQueryKey extends QueryKey = QueryKey>(
  options: LiveQueryOptions<TQueryFnData, TData, TQueryKey>,
): UseQueryResult<TData, Error> {
  const { live, ...queryOptions } = options;
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const { queryKey } = queryOptions;
  const queryHash = hashKey(queryKey);
  const enabled = queryOptions.enabled !== false && live !== null;
  const key = live ? sourceKey(live) : null;

  useEffect(() => {
    if (!enabled || !live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey }), COALESCE_MS);
    };
    const leave = watchSource(live, {
      onChange: refetch,
      onResumed: refetch,
      onState: setState,
    });
    return () => {
      clearTimeout(timer);
      leave();
    };
    // `live` and `queryKey` are identified by their keys: new objects with the same keys are the
    // same subscription.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key, queryHash, queryClient]);

  return useQuery({
    ...queryOptions,
    refetchInterval: enabled && state !== 'live' ? FALLBACK_POLL_MS : (queryOptions.refetchInterval ?? false),
  });
}

/** The page's live connection, for the "reconnecting" indicator. */
export function useLiveConnection(): ReturnType<typeof liveConnectionState> {
  return useSyncExternalStore(subscribeLiveConnection, liveConnectionState, () => 'idle');
}
