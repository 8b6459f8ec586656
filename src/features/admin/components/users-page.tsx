import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState, Field, Input } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useUserSearch } from '../api/admin-api';
import { formatWhen } from '../format';
import { QueryView } from './query-view';

/** Find an account by (part of) its email. */
export function UsersPage() {
  useDocumentTitle('Users · Admin');
  const [typed, setTyped] = useState('');
  const [email, setEmail] = useState('');
  const users = useUserSearch(email);
  return (
    <>
      <header className="page-header">
        <h1>Users</h1>
      </header>
      <form
        className="admin-form__row"
        onSubmit={(event) => {
          event.preventDefault();
          setEmail(typed.trim());
        }}
      >
        <Field label="Email contains">
          <Input type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </Field>
        <button type="submit" className="btn btn--primary btn--md">
          Search
        </button>
      </form>
      <QueryView query={users} what="Users">
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState title="No one found" description="No account's email contains that." />
          ) : (
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Status</th>
                  <th scope="col">Role</th>
                  <th scope="col">Signed up</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link to={paths.adminUser.getHref(user.id)}>{user.email ?? user.id}</Link>
                    </td>
                    <td>{user.plan}</td>
                    <td>{user.suspendedAt ? 'Suspended' : user.planStatus}</td>
                    <td>{user.role}</td>
                    <td>{formatWhen(user.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </>
  );
}
