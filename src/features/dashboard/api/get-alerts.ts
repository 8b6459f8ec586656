import { formatCreditsExact } from '@/lib/credits-format';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { usageAlertText } from '@/shared/usage-alert-text';
import { unwrap } from '@/lib/supabase-result';
import { dashboardKeys } from '../keys';
import { notificationRowSchema, usageAlertRowSchema, type UsageAlertRow } from '../schemas';

export type AlertTone = 'info' | 'warning' | 'danger';

export interface DashboardAlert {
  id: string;
  at: string;
  title: string;
  body: string;
  tone: AlertTone;
  link: string | null;
  unread: boolean;
}

const recentCount = 5;

const usageAlertTone: Record<UsageAlertRow['kind'], AlertTone> = {
  warning: 'info',
  critical: 'warning',
  limit_reached: 'danger',
  purchased_low: 'warning',
};

/**
 * The caller's latest usage alerts (allowance thresholds crossed, purchased credits low) and notifications, newest
 * first, as one list. Usage alerts are kept apart from notifications by the schema because the
 * alert job writes one per threshold per period; the dashboard shows them side by side.
 */
export async function getDashboardAlerts(userId: string, signal?: AbortSignal): Promise<DashboardAlert[]> {
  const abort = signal ?? new AbortController().signal;
  const [alerts, notifications] = await Promise.all([
    supabase
      .from('usage_alerts')
      .select('id, threshold_percent, kind, used_credits, allowance_credits, triggered_at')
      .eq('user_id', userId)
      .order('triggered_at', { ascending: false })
      .limit(recentCount)
      .abortSignal(abort),
    supabase
      .from('notifications')
      .select('id, kind, title, body, link, read_at, created_at')
      .eq('user_id', userId)
      .neq('kind', 'usage_alert')
      .order('created_at', { ascending: false })
      .limit(recentCount)
      .abortSignal(abort),
  ]);
  const fromAlerts = usageAlertRowSchema
    .array()
    .parse(unwrap(alerts))
    .map<DashboardAlert>((alert) => ({
      id: `usage-alert:${alert.id}`,
      at: alert.triggered_at,
      ...usageAlertText(
        {
          kind: alert.kind,
          thresholdPercent: alert.threshold_percent,
          usedCredits: alert.used_credits,
          allowanceCredits: alert.allowance_credits,
        },
        formatCreditsExact,
      ),
      tone: usageAlertTone[alert.kind],
      link: null,
      unread: false,
    }));
  const fromNotifications = notificationRowSchema
    .array()
    .parse(unwrap(notifications))
    .map<DashboardAlert>((notification) => ({
      id: `notification:${notification.id}`,
      at: notification.created_at,
      title: notification.title,
      body: notification.body,
      tone: 'info',
      // Only same-site links are followed from a notification.
      link:
        notification.link?.startsWith('/') && !notification.link.startsWith('//') ? notification.link : null,
      unread: notification.read_at === null,
    }));
  return [...fromAlerts, ...fromNotifications].sort((a, b) => b.at.localeCompare(a.at)).slice(0, recentCount);
}

export const dashboardAlertsQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: dashboardKeys.alerts(userId),
    queryFn: ({ signal }) => getDashboardAlerts(userId, signal),
  });

export const useDashboardAlerts = (userId: string) => useQuery(dashboardAlertsQueryOptions(userId));
