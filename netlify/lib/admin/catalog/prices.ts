/**
 * The effective-dated price list (model_pricing) as admins change it. Service action (admin
 * verified by the pipeline). Prices only change from now on: a call is priced at its start
 * (billing.price_call), so an effective_from in the past would re-price nothing already charged
 * and only make the history lie.
 *
 * - addPrice: the new row starts at effective_from; the price running then ends there (no gap,
 *   no overlap — the overlap trigger backs this up).
 * - retireModel: the model's running price ends at retire_at; no price follows, so from then on
 *   the gateway answers "retired" (billing.price_call). Users whose active hires are pinned to a
 *   version on the model get a notification offering the upgrade when the employee has a newer
 *   version on another model.
 */
import type pg from 'pg';
import { withTransaction } from '../../db';
import { ApiError } from '../../http/api-error';
import type { AdminPrice, Price, Retirement } from '../../../../src/shared/admin-catalog';
import { auditAdminAction, type AdminActor } from '../audit';

/** A minute of clock skew between the admin's browser and the database. */
const skewMs = 60_000;

export async function listPrices(db: pg.Pool): Promise<AdminPrice[]> {
  const { rows } = await db.query<AdminPrice>(
    `select m.id, m.provider, m.model, m.display_name as "displayName",
            m.input_rate::float8 as "inputRate", m.output_rate::float8 as "outputRate",
            m.cached_input_rate::float8 as "cachedInputRate", m.context_window as "contextWindow",
            m.effective_from as "effectiveFrom", m.effective_to as "effectiveTo",
            case when m.effective_from > now() then 'scheduled'
                 when m.effective_to is not null and m.effective_to <= now() then 'ended'
                 when m.effective_to is not null and not exists (
                   select 1 from public.model_pricing later
                    where later.provider = m.provider and later.model = m.model
                      and later.effective_from >= m.effective_to) then 'retiring'
                 else 'current' end as status,
            coalesce(p.hires, 0) as "pinnedHires"
       from public.model_pricing m
       left join (
         select v.provider, v.model, count(*)::int as hires
           from public.purchased_employees h join public.ai_employee_versions v on v.id = h.employee_version_id
          where h.is_active group by 1, 2
       ) p on p.provider = m.provider and p.model = m.model
      order by m.provider, m.model, m.effective_from`,
  );
  return rows;
}

function notInThePast(at: string, what: string) {
  if (Date.parse(at) < Date.now() - skewMs) {
    throw new ApiError('VALIDATION_FAILED', `${what} cannot be in the past.`, {
      details: [
        { path: what === 'A price' ? 'effectiveFrom' : 'retireAt', message: 'Use now or a later time.' },
      ],
    });
  }
}

export async function addPrice(db: pg.Pool, actor: AdminActor, body: Price): Promise<{ id: string }> {
  notInThePast(body.effectiveFrom, 'A price');
  return withTransaction(db, async (client) => {
    const { rows: existing } = await client.query<{
      id: string;
      effective_from: Date;
      effective_to: Date | null;
    }>(
      `select id, effective_from, effective_to from public.model_pricing
        where provider = $1 and model = $2 order by effective_from for update`,
      [body.provider, body.model],
    );
    const from = new Date(body.effectiveFrom);
    if (existing.some((row) => row.effective_from >= from)) {
      throw new ApiError('CONFLICT', 'A price for this model already starts at or after that time.');
    }
    const running = existing.find((row) => row.effective_to === null || row.effective_to > from);
    if (running) {
      await client.query('update public.model_pricing set effective_to = $2 where id = $1', [
        running.id,
        from,
      ]);
    }
    const { rows } = await client.query<{ id: string }>(
      `insert into public.model_pricing
         (provider, model, display_name, input_rate, output_rate, cached_input_rate, context_window, effective_from)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        body.provider,
        body.model,
        body.displayName,
        body.inputRate,
        body.outputRate,
        body.cachedInputRate,
        body.contextWindow,
        from,
      ],
    );
    await auditAdminAction(
      client,
      actor,
      'admin.price_add',
      { type: 'model_pricing', id: rows[0]!.id },
      {
        before: running ? { id: running.id, effective_to: running.effective_to } : null,
        after: { ...body, ended_previous: running ? { id: running.id, effective_to: from } : null },
      },
    );
    return { id: rows[0]!.id };
  });
}

export async function retireModel(
  db: pg.Pool,
  actor: AdminActor,
  body: Retirement,
): Promise<{ retireAt: string; pinnedHires: number; usersNotified: number }> {
  notInThePast(body.retireAt, 'A retirement');
  const retireAt = new Date(body.retireAt);
  return withTransaction(db, async (client) => {
    const { rows: prices } = await client.query<{
      id: string;
      effective_from: Date;
      effective_to: Date | null;
    }>(
      `select id, effective_from, effective_to from public.model_pricing
        where provider = $1 and model = $2 order by effective_from for update`,
      [body.provider, body.model],
    );
    if (prices.length === 0) throw new ApiError('NOT_FOUND', 'This model has no price to retire.');
    if (prices.some((row) => row.effective_from >= retireAt)) {
      throw new ApiError(
        'CONFLICT',
        'A price for this model starts at or after the retirement; retire it later.',
      );
    }
    const running = prices.find((row) => row.effective_to === null || row.effective_to > retireAt);
    if (!running) throw new ApiError('CONFLICT', 'This model is already retired by then.');
    await client.query('update public.model_pricing set effective_to = $2 where id = $1', [
      running.id,
      retireAt,
    ]);

    // Hires pinned to the model; the upgrade is offered where the latest version runs elsewhere.
    const { rows: hires } = await client.query<{ user_id: string; name: string; upgrade: boolean }>(
      `select h.user_id, e.name, (latest.provider, latest.model) <> ($1, $2) as upgrade
         from public.purchased_employees h
         join public.ai_employee_versions pinned on pinned.id = h.employee_version_id
         join public.ai_employees e on e.id = h.employee_id
         join public.ai_employee_versions latest on latest.id = e.latest_version_id
        where h.is_active and pinned.provider = $1 and pinned.model = $2`,
      [body.provider, body.model],
    );
    const day = retireAt.toISOString().slice(0, 10);
    const offered = hires.filter((hire) => hire.upgrade);
    if (offered.length > 0) {
      await client.query(
        `insert into public.notifications (user_id, kind, title, body, link)
         select u, 'product', left('Upgrade ' || n || ': its model retires on ' || $3, 200),
                n || ' runs on ' || $4 || ', which the provider retires on ' || $3 || '. Upgrade to the latest version to keep working with it.',
                '/workforce'
           from unnest($1::uuid[], $2::text[]) as t(u, n)`,
        [offered.map((hire) => hire.user_id), offered.map((hire) => hire.name), day, body.model],
      );
    }
    await auditAdminAction(
      client,
      actor,
      'admin.model_retire',
      { type: 'model_pricing', id: running.id },
      {
        before: { effective_to: running.effective_to },
        after: { effective_to: retireAt },
        provider: body.provider,
        model: body.model,
        pinned_hires: hires.length,
        upgrade_offered: offered.length,
      },
    );
    return { retireAt: retireAt.toISOString(), pinnedHires: hires.length, usersNotified: offered.length };
  });
}
