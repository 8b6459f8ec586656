import { useSearchParams } from 'react-router';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Select, SkeletonText } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useStaffQueue, type QueueFilter } from '../api/staff';
import { categoryLabels, formatWhen, priorityLabels } from '../labels';
import '../support.css';
import { StatusBadge } from './status-badge';

const filters: { value: QueueFilter; label: string }[] = [
  { value: 'active', label: 'Open and waiting' },
  { value: 'open', label: 'Open (needs a reply)' },
  { value: 'pending', label: 'Waiting on customer' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
];

const isFilter = (value: string | null): value is QueueFilter => filters.some((f) => f.value === value);

/** The staff ticket queue (admins only: the route guard, and RLS on every row it reads). */
export function StaffQueuePage() {
  useDocumentTitle('Support queue');
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: QueueFilter = isFilter(raw) ? raw : 'active';
  const queue = useStaffQueue(filter);

  return (
    <div className="page container staff-support">
      <header className="page-header">
        <div>
          <h1>Support queue</h1>
          <p className="page-header__lead">Oldest activity first among open work.</p>
        </div>
        <label className="staff-support__filter">
          <span>Show</span>
          <Select
            options={filters}
            value={filter}
            onValueChange={(value) => setParams(value && value !== 'active' ? { status: value } : {})}
          />
        </label>
      </header>
      {queue.isPending ? (
        <SkeletonText lines={6} />
      ) : queue.isError ? (
        <ErrorState
          error={queue.error}
          title="The queue could not be loaded"
          onRetry={() => void queue.refetch()}
        />
      ) : queue.data.length === 0 ? (
        <EmptyState title="Nothing here" description="No tickets match this filter." />
      ) : (
        <table className="staff-queue">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Category</th>
              <th scope="col">Priority</th>
              <th scope="col">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {queue.data.map((ticket) => (
              <tr key={ticket.id}>
                <td>
                  <Link to={paths.adminSupportTicket.getHref(ticket.id)}>{ticket.subject}</Link>
                </td>
                <td>
                  <StatusBadge status={ticket.status} staff />
                </td>
                <td>{categoryLabels[ticket.category]}</td>
                <td>{priorityLabels[ticket.priority]}</td>
                <td>
                  <time dateTime={ticket.last_message_at}>{formatWhen(ticket.last_message_at)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
