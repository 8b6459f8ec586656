import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';

const versionSchema = z.object({ id: z.string(), version: z.number() });

/** The version numbers of the employee versions that wrote these answers (by version id). */
export function useVersionNumbers(versionIds: readonly string[]) {
  const ids = [...new Set(versionIds)].sort();
  return useQuery({
    queryKey: chatKeys.versions(ids),
    queryFn: async ({ signal }) => {
      const rows = versionSchema
        .array()
        .parse(
          unwrap(
            await supabase
              .from('ai_employee_version_history')
              .select('id, version')
              .in('id', ids)
              .abortSignal(signal),
          ),
        );
      return new Map(rows.map((row) => [row.id, row.version]));
    },
    enabled: ids.length > 0,
    // Versions are immutable.
    staleTime: Infinity,
  });
}
