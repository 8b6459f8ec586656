/**
 * Saving workflows through the handlers: a bad definition is a 400 whose details point at the step
 * and field, and nothing is written; saving an edit makes a new immutable version; someone else's
 * workflow is a 404; a run's inputs are checked against the declared ones.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readError } from '../http/helpers';
import { newCaller, testDb } from '../llm/harness';
import { hiredMember } from '../runs/harness';
import { createWorkflow, newWorkflow, runWorkflow, saveWorkflow, step, workflowCount } from './harness';

afterAll(async () => {
  await testDb().end();
});

async function refused(response: Response) {
  expect(response.status).toBe(400);
  const error = await readError(response);
  expect(error.code).toBe('VALIDATION_FAILED');
  return (error.details as Array<{ path: string; message: string }>).map((d) => [d.path, d.message]);
}

describe('saving workflows', () => {
  it('refuses bad definitions with the step and field, writing nothing', async () => {
    const caller = await newCaller({ plan: 'free' });
    const member = await hiredMember(caller);
    const paused = await hiredMember(caller, { active: false });
    const notMine = await hiredMember(await newCaller());
    const save = (definition: unknown) => createWorkflow(caller, { name: 'Bad', definition });

    expect(
      await refused(await save({ inputs: [], steps: [step('a', member.id, 'Use {{input.topic}}')] })),
    ).toEqual([['definition.steps.0.prompt', 'Unknown input "topic" in {{input.topic}}.']]);
    expect(
      await refused(
        await save({
          steps: [step('a', member.id, '{{steps.b.output}}'), step('b', member.id, '{{steps.a.output}}')],
        }),
      ),
    ).toEqual([['definition.steps.0.prompt', 'This step depends on itself through other steps (a cycle).']]);
    expect(
      await refused(
        await save({ steps: Array.from({ length: 21 }, (_, i) => step(`s${i}`, member.id, 'x')) }),
      ),
    ).toEqual([['definition.steps', 'A workflow has at most 20 steps.']]);
    expect(
      await refused(
        await save({
          steps: [
            step('a', member.id, 'ok'),
            step('b', notMine.id, 'ok'),
            step('c', paused.id, 'ok'),
            step('d', member.id, 'ok', { model: { provider: 'openai', model: 'gpt-nonexistent' } }),
            step('e', member.id, 'ok', { max_output_tokens: 8_000 }),
          ],
        }),
      ),
    ).toEqual([
      ['definition.steps.1.employee_id', 'You have not hired this employee.'],
      ['definition.steps.2.employee_id', 'This employee is deactivated; reactivate them first.'],
      ['definition.steps.3.model', 'openai/gpt-nonexistent is not an available model.'],
      ['definition.steps.4.max_output_tokens', 'Your plan allows at most 4096 output tokens per step.'],
    ]);
    expect(await workflowCount(caller.id)).toBe(0);
  });

  it('saves edits as new versions; an invalid edit changes nothing; others get 404', async () => {
    const caller = await newCaller();
    const other = await newCaller();
    const member = await hiredMember(caller);
    const id = await newWorkflow(caller, { steps: [step('a', member.id, 'First')] }, 'Mine');
    const edit = { name: 'Mine, edited', definition: { steps: [step('a', member.id, 'Second')] } };
    const saved = await saveWorkflow(caller, id, edit);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ workflow: { id, version: 2, name: 'Mine, edited' } });

    const bad = await saveWorkflow(caller, id, {
      name: 'Broken',
      definition: { steps: [step('a', member.id, '{{steps.zz.output}}')] },
    });
    expect(await refused(bad)).toEqual([
      ['definition.steps.0.prompt', 'Unknown step "zz" in {{steps.zz.output}}.'],
    ]);
    expect((await saveWorkflow(other, id, edit)).status).toBe(404);
    expect((await runWorkflow(other, id)).status).toBe(404);

    const { rows } = await testDb().query<{ name: string; version: number; prompts: string[] }>(
      `select w.name, w.version,
              array(select v.definition -> 'steps' -> 0 ->> 'prompt' from public.automation_workflow_versions v
                    where v.workflow_id = w.id order by v.version) as prompts
       from public.automation_workflows w where w.id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ name: 'Mine, edited', version: 2, prompts: ['First', 'Second'] });
  });

  it("checks a run's inputs against the declared ones (400 by input, nothing held)", async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 1_000_000 });
    const member = await hiredMember(caller);
    const id = await newWorkflow(caller, {
      inputs: [
        { name: 'topic', type: 'text' },
        { name: 'words', type: 'number', required: false, default: '300' },
      ],
      steps: [step('a', member.id, '{{input.topic}} in {{input.words}} words')],
    });
    expect(await refused(await runWorkflow(caller, id, { inputs: { words: 'many' } }))).toEqual([
      ['inputs.topic', '"topic" is required.'],
      ['inputs.words', 'Must be a number.'],
    ]);
    const { rows } = await testDb().query('select 1 from public.runs where user_id = $1', [caller.id]);
    expect(rows).toEqual([]);
  });
});
