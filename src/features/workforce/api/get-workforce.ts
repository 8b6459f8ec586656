import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { workforceKeys } from '../keys';
import {
  hiredEmployeeProfileSchema,
  hireRowSchema,
  versionSchema,
  type EmployeeVersion,
  type HiredEmployee,
} from '../schemas';

/**
 * The signed-in user's hires with each employee's profile, the pinned version and the versions
 * published since. Three reads (hires, then profiles and version history in parallel) because
 * the prompt-free views carry no foreign keys to embed through.
 */
export async function getWorkforce(signal?: AbortSignal): Promise<HiredEmployee[]> {
  const withSignal = <Q extends { abortSignal: (signal: AbortSignal) => Q }>(query: Q) =>
    signal ? query.abortSignal(signal) : query;

  const hires = hireRowSchema
    .array()
    .parse(
      unwrap(
        await withSignal(
          supabase
            .from('purchased_employees')
            .select('id, employee_id, employee_version_id, is_active, hired_at, version_pinned_at')
            .order('hired_at', { ascending: false })
            .order('id'),
        ),
      ),
    );
  if (hires.length === 0) return [];

  const employeeIds = [...new Set(hires.map((hire) => hire.employee_id))];
  const [profileRows, versionRows] = await Promise.all([
    withSignal(
      supabase
        .from('ai_employee_catalog')
        .select('id, slug, name, role, category, avatar_url, latest_version')
        .in('id', employeeIds),
    ),
    withSignal(
      supabase
        .from('ai_employee_version_history')
        .select('id, employee_id, version, provider, model, changelog, created_at')
        .in('employee_id', employeeIds)
        .order('version'),
    ),
  ]);
  const profiles = new Map(
    hiredEmployeeProfileSchema
      .array()
      .parse(unwrap(profileRows))
      .map((profile) => [profile.id, profile]),
  );
  const versions = versionSchema.array().parse(unwrap(versionRows));
  const versionsByEmployee = new Map<string, EmployeeVersion[]>();
  for (const version of versions) {
    versionsByEmployee.set(version.employeeId, [
      ...(versionsByEmployee.get(version.employeeId) ?? []),
      version,
    ]);
  }

  return hires.map((hire) => {
    const history: EmployeeVersion[] = versionsByEmployee.get(hire.employee_id) ?? [];
    const pinned = history.find((version) => version.id === hire.employee_version_id) ?? null;
    return {
      hireId: hire.id,
      isActive: hire.is_active,
      hiredAt: hire.hired_at,
      versionPinnedAt: hire.version_pinned_at,
      employee: profiles.get(hire.employee_id) ?? null,
      pinned,
      newerVersions: pinned ? history.filter((version) => version.version > pinned.version) : [],
    };
  });
}

export const workforceQueryOptions = () =>
  queryOptions({
    queryKey: workforceKeys.list(),
    queryFn: ({ signal }) => getWorkforce(signal),
  });

export function useWorkforce() {
  return useQuery(workforceQueryOptions());
}
