import { describe, expect, it } from 'vitest';
import { parsePlan, type TeamMember } from './plan-schema';

const members: TeamMember[] = [
  { employee_id: 'a', name: 'Ada', role: 'Analyst' },
  { employee_id: 'b', name: 'Bo', role: 'Writer' },
];

describe('parsePlan', () => {
  it('accepts one sub-task per member', () => {
    const text = JSON.stringify({
      subtasks: [
        { employee_id: 'b', task: 'Write it', why: 'Writer' },
        { employee_id: 'a', task: 'Check it', why: 'Analyst' },
      ],
    });
    expect(parsePlan(text, members)).toMatchObject({
      ok: true,
      plan: { subtasks: [{ employee_id: 'b' }, {}] },
    });
  });

  it('refuses text that is not JSON, strangers, a member twice and a member left out', () => {
    expect(parsePlan('{"subtasks": [', members)).toEqual({
      ok: false,
      error: 'The answer is not valid JSON.',
    });
    const bad = (subtasks: unknown[]) => parsePlan(JSON.stringify({ subtasks }), members);
    expect(
      bad([
        { employee_id: 'z', task: 't', why: 'w' },
        { employee_id: 'a', task: 't', why: 'w' },
      ]),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('subtasks.0.employee_id: Not a member of this team.'),
    });
    expect(
      bad([
        { employee_id: 'a', task: 't', why: 'w' },
        { employee_id: 'a', task: 't', why: 'w' },
      ]),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('Exactly one sub-task for every team member.'),
    });
    expect(bad([{ employee_id: 'a', task: 't', why: 'w' }])).toMatchObject({ ok: false });
  });
});
