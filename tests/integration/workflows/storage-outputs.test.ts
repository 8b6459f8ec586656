/**
 * A step with "save to Storage" writes its output as a Markdown file in the owner's folder of the
 * workflow-outputs bucket (the worker, service role); the owner downloads it through Storage
 * under RLS, another user cannot, and users cannot write there themselves.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { newCaller, testDb, type Caller } from '../llm/harness';
import { drain, engine, hiredMember, stepsOf } from '../runs/harness';
import type { AuthUser } from '../../../netlify/lib/auth/auth-user';
import { supabaseFor } from '../../../netlify/lib/supabase';
import { newWorkflow, startedRun, step } from './harness';

afterAll(async () => {
  await testDb().end();
});

// The caller's own token: Storage RLS decides, as for the SPA.
const storageAs = (caller: Caller) =>
  supabaseFor({ id: caller.id, accessToken: caller.token } as AuthUser).storage.from('workflow-outputs');

describe('workflow outputs in Storage', () => {
  it('saves the chosen step as a file only its owner can read', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const other = await newCaller();
    const member = await hiredMember(caller);
    const workflowId = await newWorkflow(caller, {
      steps: [
        step('notes', member.id, 'Notes [[llm:tokens=6]]'),
        step('report', member.id, 'Report on {{steps.notes.output}} [[llm:echo]]', { save_to_storage: true }),
      ],
    });
    const runId = await startedRun(caller, workflowId);
    await drain(engine({ runIds: [runId] }));
    const [notes, report] = await stepsOf(runId);
    const path = `${caller.id}/${runId}/report.md`;
    expect(report!.output).toMatchObject({ file: path });
    expect(notes!.output).not.toHaveProperty('file');

    const { data, error } = await storageAs(caller).download(path);
    expect(error).toBeNull();
    expect(await data!.text()).toBe(report!.output!.text);
    const stolen = await storageAs(other).download(path);
    expect(stolen.data).toBeNull();
    const forged = await storageAs(caller).upload(`${caller.id}/${runId}/forged.md`, 'mine', {
      contentType: 'text/markdown',
    });
    expect(forged.error).not.toBeNull();
  });
});
