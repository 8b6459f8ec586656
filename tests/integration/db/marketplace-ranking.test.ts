/**
 * The marketplace ranks by what users cannot inflate for free: hire_count counts distinct hiring
 * users (firing and hiring again counts once) and total_messages counts answered exchanges
 * (answers metered by a model call), not prompts inserted through the Data API.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execute, hire, newEmployee, type Employee } from '../agents/harness';
import { newCaller, testDb } from '../llm/harness';
import { signUp } from '../rls/support/actors';

afterAll(async () => {
  await testDb().end();
});

async function analytics(employee: Employee) {
  const { rows } = await testDb().query<{ hire_count: number; active_users: number; total_messages: number }>(
    `select hire_count, active_users, total_messages::int from public.employee_analytics where employee_id = $1`,
    [employee.id],
  );
  return rows[0];
}

describe('marketplace ranking', () => {
  it('counts a user who hires and fires ten times as one hire', async () => {
    const employee = await newEmployee();
    const user = await signUp('ranking');
    for (let cycle = 0; cycle < 10; cycle++) {
      const hired = await user.client.rpc('hire_employee', { p_employee_id: employee.id });
      expect(hired.error).toBeNull();
      const fired = await user.client.from('purchased_employees').delete().eq('employee_id', employee.id);
      expect(fired.error).toBeNull();
    }
    await user.client.rpc('hire_employee', { p_employee_id: employee.id });
    expect(await analytics(employee)).toEqual({ hire_count: 1, active_users: 1, total_messages: 0 });

    const other = await signUp('ranking');
    await other.client.rpc('hire_employee', { p_employee_id: employee.id });
    expect(await analytics(employee)).toMatchObject({ hire_count: 2, active_users: 2 });
  });

  it('counts answered exchanges, not prompts posted through the Data API', async () => {
    const employee = await newEmployee();
    const user = await signUp('ranking');
    await user.client.rpc('hire_employee', { p_employee_id: employee.id });
    const { data: session, error } = await user.client
      .from('chat_sessions')
      .insert({ employee_id: employee.id, title: 'inflating' })
      .select('id')
      .single();
    expect(error).toBeNull();
    const prompts = Array.from({ length: 200 }, (_, i) => ({
      session_id: session!.id,
      role: 'user',
      content: `p${i}`,
    }));
    expect((await user.client.from('chat_messages').insert(prompts)).error).toBeNull();
    expect(await analytics(employee)).toMatchObject({ total_messages: 0 });

    const caller = await newCaller();
    await hire(caller, employee);
    const answered = await execute(caller, { employee_id: employee.id, message: '[[llm:tokens=3]] Hello' });
    expect(answered.status).toBe(200);
    await answered.text();
    await expect.poll(async () => (await analytics(employee))?.total_messages).toBe(1);
  });
});
