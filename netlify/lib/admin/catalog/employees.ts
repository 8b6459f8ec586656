/**
 * The catalog as admins run it. Service action (admin verified by the pipeline): versions hold the
 * system prompts, which no API role may read.
 *
 * - list: every employee (published or not) with its latest version and employee_analytics, and
 *   the hire trend (new hires in the last 30 days against the 30 before).
 * - publishVersion: a new immutable ai_employee_versions row (never an edit; the table refuses
 *   updates) numbered after the last, on a model priced now; the version trigger makes it the
 *   employee's latest, so hires pinned to older versions are offered the upgrade.
 * - setPublished: shows or hides the employee in the marketplace (hires keep working).
 */
import type pg from 'pg';
import { withTransaction } from '../../db';
import { ApiError } from '../../http/api-error';
import type { AdminEmployee, EmployeeVersion } from '../../../../src/shared/admin-catalog';
import { auditAdminAction, type AdminActor } from '../audit';

export async function listEmployees(db: pg.Pool): Promise<AdminEmployee[]> {
  const { rows } = await db.query<AdminEmployee>(
    `select e.id, e.slug, e.name, e.category, e.published,
            v.version as "latestVersion", v.provider, v.model,
            coalesce(a.hire_count, 0) as hires, coalesce(a.active_users, 0) as "activeUsers",
            coalesce(a.total_messages, 0)::float8 as messages, coalesce(a.review_count, 0) as reviews,
            case when a.review_count > 0 then round(a.rating_sum::numeric / a.review_count, 2)::float8 end as rating,
            coalesce(t.last30, 0) as "hiresLast30Days", coalesce(t.previous30, 0) as "hiresPrevious30Days"
       from public.ai_employees e
       left join public.ai_employee_versions v on v.id = e.latest_version_id
       left join public.employee_analytics a on a.employee_id = e.id
       left join (
         select employee_id,
                count(*) filter (where hired_at >= now() - interval '30 days')::int as last30,
                count(*) filter (where hired_at < now() - interval '30 days')::int as previous30
           from public.purchased_employees
          where hired_at >= now() - interval '60 days'
          group by 1
       ) t on t.employee_id = e.id
      order by e.name`,
  );
  return rows;
}

export async function publishVersion(
  db: pg.Pool,
  actor: AdminActor,
  employeeId: string,
  body: EmployeeVersion,
): Promise<{ versionId: string; version: number }> {
  return withTransaction(db, async (client) => {
    // The employee row lock serialises two publishes: each gets its own version number.
    const { rows: employees } = await client.query<{ latest_version_id: string | null }>(
      'select latest_version_id from public.ai_employees where id = $1 for update',
      [employeeId],
    );
    if (!employees[0]) throw new ApiError('NOT_FOUND', 'No such employee.');
    const { rows: priced } = await client.query(
      `select 1 from public.model_pricing where provider = $1 and model = $2
          and effective_from <= now() and (effective_to is null or effective_to > now())`,
      [body.provider, body.model],
    );
    if (!priced[0]) {
      throw new ApiError('VALIDATION_FAILED', `${body.provider}/${body.model} has no current price.`, {
        details: [{ path: 'model', message: 'Add a price for this model first, or choose a current one.' }],
      });
    }
    const { rows } = await client.query<{ id: string; version: number }>(
      `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model, tools, changelog)
       select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6
         from public.ai_employee_versions where employee_id = $1
       returning id, version`,
      [employeeId, body.systemPrompt, body.provider, body.model, JSON.stringify(body.tools), body.changelog],
    );
    const created = rows[0]!;
    await auditAdminAction(
      client,
      actor,
      'admin.employee_version_publish',
      { type: 'ai_employee', id: employeeId },
      {
        before: { latest_version_id: employees[0].latest_version_id },
        after: {
          latest_version_id: created.id,
          version: created.version,
          provider: body.provider,
          model: body.model,
        },
        changelog: body.changelog,
      },
    );
    return { versionId: created.id, version: created.version };
  });
}

export async function setPublished(
  db: pg.Pool,
  actor: AdminActor,
  employeeId: string,
  published: boolean,
): Promise<{ id: string; published: boolean }> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<{ published: boolean }>(
      'select published from public.ai_employees where id = $1 for update',
      [employeeId],
    );
    if (!rows[0]) throw new ApiError('NOT_FOUND', 'No such employee.');
    await client.query('update public.ai_employees set published = $2 where id = $1', [
      employeeId,
      published,
    ]);
    await auditAdminAction(
      client,
      actor,
      published ? 'admin.employee_publish' : 'admin.employee_unpublish',
      { type: 'ai_employee', id: employeeId },
      { before: { published: rows[0].published }, after: { published } },
    );
    return { id: employeeId, published };
  });
}
