import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState, SkeletonText } from '@/components/ui';

/** Loading and error states for one admin query; `children` renders its data. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <SkeletonText lines={6} />;
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        title={`${what} could not be loaded`}
        onRetry={() => void query.refetch()}
      />
    );
  return <>{children(query.data)}</>;
}
