/**
 * The seeded templates: at least six, each installable in one click — the employees it needs are
 * hired for the caller (a paused hire resumed), the workflow saved as version 1 and runnable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import installHandler from '../../../netlify/functions/workflows-template-install.mjs';
import { newCaller, testDb } from '../llm/harness';
import { drain, engine, runOf } from '../runs/harness';
import { post, startedRun } from './harness';

afterAll(async () => {
  await testDb().end();
});

const install = (caller: Awaited<ReturnType<typeof newCaller>>, slug: string) =>
  post(installHandler, `/api/workflows/templates/${slug}/install`, caller, {}, { slug });

describe('workflow templates', () => {
  it('installs every seeded template, hiring what it needs', async () => {
    const { rows: templates } = await testDb().query<{ slug: string; steps: number }>(
      `select slug, jsonb_array_length(definition -> 'steps') as steps from public.workflow_templates
       where definition -> 'steps' -> 0 ? 'employee_slug' order by position`, // the seed's, not other suites' fixtures
    );
    expect(templates.length).toBeGreaterThanOrEqual(6);
    const caller = await newCaller({ plan: 'pro' });
    // One hire exists but is paused: installing resumes it.
    await testDb().query(
      `insert into public.purchased_employees (user_id, employee_id, is_active)
       select $1, id, false from public.ai_employees where slug = 'atlas-research'`,
      [caller.id],
    );
    for (const template of templates) {
      const response = await install(caller, template.slug);
      expect(response.status, template.slug).toBe(201);
      const { workflow } = (await response.json()) as { workflow: { id: string; version: number } };
      expect(workflow.version).toBe(1);
      const { rows } = await testDb().query<{ steps: number }>(
        `select jsonb_array_length(v.definition -> 'steps') as steps from public.automation_workflows w
         join public.automation_workflow_versions v on v.id = w.current_version_id where w.id = $1 and w.user_id = $2`,
        [workflow.id, caller.id],
      );
      expect(rows[0]?.steps).toBe(template.steps);
    }
    const { rows: paused } = await testDb().query(
      'select 1 from public.purchased_employees where user_id = $1 and not is_active',
      [caller.id],
    );
    expect(paused).toEqual([]);
    expect((await install(caller, 'no-such-template')).status).toBe(404);
  });

  it('runs an installed template end to end', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const response = await install(caller, 'support-reply-drafting');
    const { workflow } = (await response.json()) as { workflow: { id: string } };
    const runId = await startedRun(caller, workflow.id, {
      inputs: { ticket: 'The export button does nothing. [[llm:tokens=6]]' },
    });
    await drain(engine({ runIds: [runId] }));
    expect(await runOf(runId)).toMatchObject({ status: 'completed', closed: true });
  });
});
