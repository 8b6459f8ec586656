import { useState } from 'react';
import { Link } from 'react-router';
import { Field, Input } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCredits } from '@/lib/credits-format';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { UsageFigures } from '@/shared/admin-metrics';
import { useUsage } from '../api/admin-api';
import { formatCents, formatCostCredits } from '../format';
import { QueryView } from './query-view';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

function FiguresTable<Row extends UsageFigures>({
  caption,
  rows,
  columns,
}: {
  caption: string;
  rows: Row[];
  columns: Array<{ label: string; value: (row: Row) => string }>;
}) {
  return (
    <table className="admin-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col">
              {column.label}
            </th>
          ))}
          <th scope="col" className="num">
            Calls
          </th>
          <th scope="col" className="num">
            Credits
          </th>
          <th scope="col" className="num">
            Provider cost
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={columns.map((column) => column.value(row)).join('/')}>
            {columns.map((column) => (
              <td key={column.label}>{column.value(row)}</td>
            ))}
            <td className="num">{row.requests}</td>
            <td className="num">{formatCredits(row.credits)}</td>
            <td className="num">{formatCostCredits(row.costCredits)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Credits and provider cost by day, provider, model and feature; top users; margin per plan. */
export function UsagePage() {
  useDocumentTitle('Usage · Admin');
  const [from, setFrom] = useState(daysAgo(29));
  const [to, setTo] = useState(daysAgo(0));
  const usage = useUsage(from, to);
  return (
    <>
      <header className="page-header">
        <h1>Usage and cost</h1>
      </header>
      <div className="admin-form__row">
        <Field label="From">
          <Input
            type="date"
            value={from}
            max={to}
            onChange={(event) => event.target.value && setFrom(event.target.value)}
          />
        </Field>
        <Field label="To">
          <Input
            type="date"
            value={to}
            min={from}
            onChange={(event) => event.target.value && setTo(event.target.value)}
          />
        </Field>
      </div>
      <QueryView query={usage} what="Usage">
        {(report) => (
          <>
            <p className="admin-definition">
              {report.definitions.credits} {report.definitions.cost}
            </p>
            <FiguresTable
              caption="By day"
              rows={report.byDay}
              columns={[{ label: 'Day', value: (row) => row.day }]}
            />
            <FiguresTable
              caption="By provider"
              rows={report.byProvider}
              columns={[{ label: 'Provider', value: (row) => row.provider }]}
            />
            <FiguresTable
              caption="By model"
              rows={report.byModel}
              columns={[
                { label: 'Provider', value: (row) => row.provider },
                { label: 'Model', value: (row) => row.model },
              ]}
            />
            <FiguresTable
              caption="By feature"
              rows={report.byFeature}
              columns={[{ label: 'Feature', value: (row) => row.feature }]}
            />
            <table className="admin-table">
              <caption>Top users ({report.definitions.topUsers})</caption>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col" className="num">
                    Calls
                  </th>
                  <th scope="col" className="num">
                    Credits
                  </th>
                  <th scope="col" className="num">
                    Provider cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.topUsers.map((user) => (
                  <tr key={user.userId}>
                    <td>
                      <Link to={paths.adminUser.getHref(user.userId)}>{user.email ?? user.userId}</Link>
                    </td>
                    <td className="num">{user.requests}</td>
                    <td className="num">{formatCredits(user.credits)}</td>
                    <td className="num">{formatCostCredits(user.costCredits)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="admin-table">
              <caption>Gross margin per plan ({report.definitions.margin})</caption>
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col" className="num">
                    Revenue
                  </th>
                  <th scope="col" className="num">
                    Provider cost
                  </th>
                  <th scope="col" className="num">
                    Margin
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.marginByPlan.map((row) => (
                  <tr key={row.plan}>
                    <td>{row.plan}</td>
                    <td className="num">{formatCents(row.revenueCents)}</td>
                    <td className="num">{formatCents(row.costCents)}</td>
                    <td className="num">
                      {formatCents(row.marginCents)}
                      {row.marginPercent === null ? '' : ` (${row.marginPercent} %)`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryView>
    </>
  );
}
