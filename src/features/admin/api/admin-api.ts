/**
 * The admin console's reads and actions. Everything goes through the admin functions (admin-only
 * at the auth stage); the response types are the functions' own contracts from src/shared, so
 * the parse here only checks that an object came back.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson, type ApiPath } from '@/lib/api-client';
import { sharedQueryKeys } from '@/lib/query-keys';
import type { RevenueReport, UsageReport } from '@/shared/admin-metrics';
import type { AdminEmployee, AdminPrice, EmployeeVersion, Price, Retirement } from '@/shared/admin-catalog';
import type { AdminUserDetail, AdminUserSummary, CreditAdjustment } from '@/shared/admin-users';
import type { WebhookHealth } from '@/shared/admin-webhooks';
import { adminKeys } from '../keys';

const shaped = <T>() => z.custom<T>((value) => typeof value === 'object' && value !== null);

const get = <T>(path: ApiPath, signal?: AbortSignal) => apiJson(path, shaped<T>(), { signal });
const post = <T>(path: ApiPath, json: unknown) => apiJson(path, shaped<T>(), { method: 'POST', json });

export const useRevenue = () =>
  useQuery({
    queryKey: adminKeys.revenue(),
    queryFn: ({ signal }) => get<RevenueReport>('/api/admin/revenue', signal),
  });

export const useUsage = (from: string, to: string) =>
  useQuery({
    queryKey: adminKeys.usage(from, to),
    queryFn: ({ signal }) =>
      get<UsageReport>(
        `/api/admin/usage?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        signal,
      ),
  });

export const useWebhookHealth = () =>
  useQuery({
    queryKey: adminKeys.webhooks(),
    queryFn: ({ signal }) => get<WebhookHealth>('/api/admin/webhooks', signal),
    refetchInterval: 30_000,
  });

export const useUserSearch = (email: string) =>
  useQuery({
    queryKey: adminKeys.users(email),
    queryFn: ({ signal }) =>
      get<AdminUserSummary[]>(`/api/admin/users?email=${encodeURIComponent(email)}`, signal),
  });

export const useUserDetail = (id: string) =>
  useQuery({
    queryKey: adminKeys.user(id),
    queryFn: ({ signal }) => get<AdminUserDetail>(`/api/admin/users/${encodeURIComponent(id)}`, signal),
  });

export const useEmployees = () =>
  useQuery({
    queryKey: adminKeys.employees(),
    queryFn: ({ signal }) => get<AdminEmployee[]>('/api/admin/employees', signal),
  });

export const usePrices = () =>
  useQuery({
    queryKey: adminKeys.prices(),
    queryFn: ({ signal }) => get<AdminPrice[]>('/api/admin/prices', signal),
  });

/** An admin action: on success every admin view refetches (and the catalog, whose rows may change). */
function useAdminAction<Input>(run: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
      await queryClient.invalidateQueries({ queryKey: sharedQueryKeys.catalog });
    },
  });
}

export const useReplay = () =>
  useAdminAction((id: string) => post(`/api/admin/webhooks/${encodeURIComponent(id)}/replay`, undefined));
export const useDiscard = () =>
  useAdminAction(({ id, reason }: { id: string; reason: string }) =>
    post(`/api/admin/webhooks/${encodeURIComponent(id)}/discard`, { reason }),
  );
export const useAdjustCredits = (userId: string) =>
  useAdminAction((body: CreditAdjustment) =>
    post(`/api/admin/users/${encodeURIComponent(userId)}/credits`, body),
  );
export const useSuspension = (userId: string) =>
  useAdminAction((body: { suspended: boolean; reason: string }) =>
    post(`/api/admin/users/${encodeURIComponent(userId)}/suspension`, body),
  );
export const usePublishVersion = (employeeId: string) =>
  useAdminAction((body: EmployeeVersion) =>
    post(`/api/admin/employees/${encodeURIComponent(employeeId)}/versions`, body),
  );
export const usePublication = () =>
  useAdminAction(({ id, published }: { id: string; published: boolean }) =>
    post(`/api/admin/employees/${encodeURIComponent(id)}/publication`, { published }),
  );
export const useAddPrice = () => useAdminAction((body: Price) => post('/api/admin/prices', body));
export const useRetireModel = () =>
  useAdminAction((body: Retirement) => post('/api/admin/prices/retire', body));
