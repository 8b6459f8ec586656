import { Badge } from '@/components/ui';
import type { TicketStatus } from '@/shared/support';
import { staffStatusLabels, statusLabels, statusTones } from '../labels';

export function StatusBadge({ status, staff = false }: { status: TicketStatus; staff?: boolean }) {
  return <Badge tone={statusTones[status]}>{(staff ? staffStatusLabels : statusLabels)[status]}</Badge>;
}
