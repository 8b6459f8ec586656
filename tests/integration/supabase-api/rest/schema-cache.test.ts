/**
 * The schema cache follows migrations: DDL fires the bootstrap's event triggers, which NOTIFY
 * pgrst 'reload schema'; the API re-reads pg_catalog without a restart.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { rest, serviceRoleKey, setupCompatSchema, withDatabase } from './fixtures';

beforeAll(setupCompatSchema);

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition never became true');
}

it('sees new tables, new columns and new functions after DDL', async () => {
  const table = `probe_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const headers = { apikey: serviceRoleKey() };
  const before = await rest(`/${table}`, { headers });
  expect(before.status).toBe(404);

  await withDatabase(async (client) => {
    await client.query(`create table compat.${table} (id int primary key)`);
    await client.query(`grant select, insert on compat.${table} to service_role`);
    await client.query(`insert into compat.${table} values (1)`);
  });
  await eventually(async () => (await rest(`/${table}`, { headers })).status === 200);

  await withDatabase((client) =>
    client.query(`alter table compat.${table} add column label text default 'added'`),
  );
  await eventually(async () => {
    const response = await rest(`/${table}`, {
      headers: { ...headers, 'content-type': 'application/json' },
      method: 'POST',
      body: '{"id":2,"label":"x"}',
    });
    return response.status === 201;
  });
  const read = await rest(`/${table}?select=id,label&order=id`, { headers });
  expect(await read.json()).toEqual([
    { id: 1, label: 'added' },
    { id: 2, label: 'x' },
  ]);

  await withDatabase((client) =>
    client.query(
      `create function compat.${table}_count() returns bigint language sql as 'select count(*) from compat.${table}'`,
    ),
  );
  await eventually(
    async () => (await rest(`/rpc/${table}_count`, { headers, method: 'POST' })).status === 200,
  );
  await withDatabase((client) => client.query(`drop table compat.${table} cascade`));
  await eventually(async () => (await rest(`/${table}`, { headers })).status === 404);
});
