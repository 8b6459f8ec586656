export { FALLBACK_POLL_MS, useLiveConnection, useLiveQuery, type LiveQueryOptions } from './use-live-query';
export type { LiveChange, LiveSource, LiveState, LiveTableSource, LiveTopicSource } from './live-channels';
