import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, Field, Input, Stat, StatGroup, useToast } from '@/components/ui';
import { formatCredits, formatCreditsExact, ledgerKindLabels } from '@/lib/credits-format';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { AdminUserDetail } from '@/shared/admin-users';
import { useAdjustCredits, useSuspension, useUserDetail } from '../api/admin-api';
import { formatWhen } from '../format';
import { QueryView } from './query-view';

function CreditsForm({ userId }: { userId: string }) {
  const toast = useToast();
  const adjust = useAdjustCredits(userId);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  // One key per intended adjustment: a double click or a retry moves credits once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const value = Number(amount);
  const valid = Number.isInteger(value) && value !== 0 && reason.trim().length >= 3;
  return (
    <form
      className="admin-form"
      aria-label="Grant or claw back credits"
      onSubmit={(event) => {
        event.preventDefault();
        adjust.mutate(
          { amount: value, reason: reason.trim(), idempotencyKey: key },
          {
            onSuccess: () => {
              toast.success(
                value > 0 ? 'Credits granted' : 'Credits clawed back',
                `${formatCreditsExact(Math.abs(value))} credits.`,
              );
              setAmount('');
              setReason('');
              setKey(crypto.randomUUID());
            },
            onError: (error) => toast.error(error, 'The credits did not move'),
          },
        );
      }}
    >
      <h2>Grant or claw back credits</h2>
      <div className="admin-form__row">
        <Field label="Credits" hint="Positive grants, negative claws back purchased credits.">
          <Input inputMode="numeric" value={amount} onChange={(event) => setAmount(event.target.value)} />
        </Field>
        <Field label="Reason">
          <Input value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <Button type="submit" disabled={!valid} loading={adjust.isPending}>
          Apply
        </Button>
      </div>
    </form>
  );
}

function SuspensionForm({ user }: { user: AdminUserDetail }) {
  const toast = useToast();
  const suspension = useSuspension(user.id);
  const [reason, setReason] = useState('');
  const suspended = user.suspendedAt !== null;
  return (
    <form
      className="admin-form"
      aria-label="Suspension"
      onSubmit={(event) => {
        event.preventDefault();
        suspension.mutate(
          { suspended: !suspended, reason: reason.trim() },
          {
            onSuccess: () => {
              toast.success(suspended ? 'Account reinstated' : 'Account suspended');
              setReason('');
            },
            onError: (error) => toast.error(error, 'Could not change the suspension'),
          },
        );
      }}
    >
      <h2>{suspended ? `Suspended since ${formatWhen(user.suspendedAt)}` : 'Suspend the account'}</h2>
      {suspended && <p>Reason: {user.suspendedReason}</p>}
      <div className="admin-form__row">
        <Field label={suspended ? 'Reason to reinstate' : 'Reason to suspend'}>
          <Input value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <Button
          type="submit"
          variant={suspended ? 'secondary' : 'danger'}
          disabled={reason.trim().length < 3}
          loading={suspension.isPending}
        >
          {suspended ? 'Reinstate' : 'Suspend'}
        </Button>
      </div>
    </form>
  );
}

function UserDetail({ user }: { user: AdminUserDetail }) {
  return (
    <>
      <header className="page-header">
        <h1>{user.email ?? user.id}</h1>
      </header>
      <StatGroup>
        <Stat label="Plan" value={user.plan} hint={user.planStatus} />
        <Stat
          label="Available credits"
          value={formatCredits(user.balance.available)}
          hint={user.balance.frozen ? 'Purchased credits frozen' : undefined}
        />
        <Stat label="Purchased" value={formatCreditsExact(user.balance.purchased)} />
        <Stat label="Allowance" value={formatCreditsExact(user.balance.allowance)} />
        <Stat label="Role" value={user.role} />
      </StatGroup>
      <CreditsForm userId={user.id} />
      <SuspensionForm user={user} />
      <table className="admin-table">
        <caption>Ledger (latest 50)</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col" className="num">
              Credits
            </th>
            <th scope="col" className="num">
              Balance after
            </th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {user.ledger.map((row) => (
            <tr key={row.id}>
              <td>{formatWhen(row.createdAt)}</td>
              <td>{ledgerKindLabels[row.kind] ?? row.kind}</td>
              <td className="num">{formatCreditsExact(row.amount)}</td>
              <td className="num">{formatCreditsExact(row.balanceAfter)}</td>
              <td>{row.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="admin-table">
        <caption>Usage, last 30 days</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Credits
            </th>
          </tr>
        </thead>
        <tbody>
          {user.usage.map((row) => (
            <tr key={row.day}>
              <td>{row.day}</td>
              <td className="num">{row.requests}</td>
              <td className="num">{formatCreditsExact(row.credits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="admin-table">
        <caption>Hires</caption>
        <thead>
          <tr>
            <th scope="col">Employee</th>
            <th scope="col" className="num">
              Version
            </th>
            <th scope="col">Active</th>
            <th scope="col">Hired</th>
          </tr>
        </thead>
        <tbody>
          {user.hires.map((hire) => (
            <tr key={hire.id}>
              <td>{hire.employeeName}</td>
              <td className="num">{hire.versionNumber}</td>
              <td>{hire.isActive ? 'Yes' : 'No'}</td>
              <td>{formatWhen(hire.hiredAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="admin-table">
        <caption>Tickets</caption>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Last message</th>
          </tr>
        </thead>
        <tbody>
          {user.tickets.map((ticket) => (
            <tr key={ticket.id}>
              <td>{ticket.subject}</td>
              <td>{ticket.status}</td>
              <td>{formatWhen(ticket.lastMessageAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One account: plan, balance, ledger, usage, hires, tickets; grant credits; suspend. */
export function UserPage() {
  const { userId = '' } = useParams();
  useDocumentTitle('User · Admin');
  const user = useUserDetail(userId);
  return (
    <QueryView query={user} what="The user">
      {(detail) => <UserDetail user={detail} />}
    </QueryView>
  );
}
