/**
 * Installing a template, as the caller under RLS: the employees its steps name (by catalog slug)
 * are hired for the caller if they are not yet (a paused hire is resumed), and the workflow is
 * saved as its first version through the same checks as any save. One transaction: a failure
 * hires nothing and saves nothing.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { asUser, type DbCaller } from '../db-as-user';
import { ApiError } from '../http/api-error';
import { saveWorkflowSchema, type WorkflowSaved } from '../../../src/shared/workflows-contract';
import { parseInput } from '../http/validation';
import { definitionProblems, throwIfProblems } from './check-definition';
import { insertWorkflow } from './save-workflow';

interface TemplateStep extends Record<string, unknown> {
  employee_slug: string;
}

export function installTemplate(db: pg.Pool, caller: DbCaller, slug: string): Promise<WorkflowSaved> {
  return asUser(db, caller, async (client) => {
    const { rows } = await client.query<{
      name: string;
      description: string;
      definition: { inputs?: unknown[]; steps: TemplateStep[] };
    }>('select name, description, definition from public.workflow_templates where slug = $1', [slug]);
    const template = rows[0];
    if (!template) throw new ApiError('NOT_FOUND', 'No such template.');
    const slugs = [...new Set(template.definition.steps.map((s) => s.employee_slug))];
    const { rows: employees } = await client.query<{ id: string; slug: string }>(
      'select id, slug from public.ai_employee_catalog where slug = any($1::text[])',
      [slugs],
    );
    const idOf = new Map(employees.map((e) => [e.slug, e.id]));
    if (idOf.size !== slugs.length)
      throw new ApiError('CONFLICT', 'An employee of this template is not available.');
    await client.query(
      `insert into public.purchased_employees (user_id, employee_id)
       select (select auth.uid()), id from unnest($1::uuid[]) as ids(id)
       on conflict (user_id, employee_id) do nothing`,
      [[...idOf.values()]],
    );
    await client.query(
      'update public.purchased_employees set is_active = true where employee_id = any($1::uuid[]) and not is_active',
      [[...idOf.values()]],
    );
    const body: z.output<typeof saveWorkflowSchema> = parseInput(
      saveWorkflowSchema,
      {
        name: template.name,
        description: template.description,
        definition: {
          inputs: template.definition.inputs ?? [],
          steps: template.definition.steps.map(({ employee_slug, ...step }) => ({
            ...step,
            employee_id: idOf.get(employee_slug),
          })),
        },
      },
      'template',
    );
    throwIfProblems(await definitionProblems(client, body.definition), 'This template cannot be installed.');
    return insertWorkflow(client, body);
  });
}
