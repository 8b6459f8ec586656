/**
 * The policy-level probe of the "as the user" tests (issue 19): a restrictive policy, for signed-in
 * users only, that hides `rows` (a SQL condition) from `command` on `table` while `fn` runs. A
 * statement that runs as the user must obey it; one at the service level would not notice it.
 * Its random name keeps concurrent test files from touching each other's probe.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../../../netlify/lib/db';

export async function withProbePolicy<T>(
  db: Queryable,
  table: string,
  command: 'select' | 'insert',
  rows: string,
  fn: () => Promise<T>,
): Promise<T> {
  const name = `rls_probe_${randomUUID().replaceAll('-', '')}`;
  const clause = command === 'select' ? `using (not (${rows}))` : `with check (not (${rows}))`;
  await db.query(
    `create policy ${name} on public.${table} as restrictive for ${command} to authenticated ${clause}`,
  );
  try {
    return await fn();
  } finally {
    await db.query(`drop policy ${name} on public.${table}`);
  }
}
