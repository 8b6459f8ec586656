/**
 * The supervisor's plan: exactly one sub-task per team member, each with why. The same shape is
 * sent to the provider as a JSON Schema (structured output) and checked with Zod on the way back.
 */
import { z } from 'zod';

export const planLimits = { maxSubtaskChars: 4_000, maxWhyChars: 1_000 } as const;

export interface TeamMember {
  employee_id: string;
  name: string;
  role: string;
}

export function planJsonSchema(members: readonly TeamMember[]): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      subtasks: {
        type: 'array',
        minItems: members.length,
        maxItems: members.length,
        items: {
          type: 'object',
          properties: {
            employee_id: { type: 'string', enum: members.map((m) => m.employee_id) },
            task: { type: 'string', minLength: 1, maxLength: planLimits.maxSubtaskChars },
            why: { type: 'string', minLength: 1, maxLength: planLimits.maxWhyChars },
          },
          required: ['employee_id', 'task', 'why'],
          additionalProperties: false,
        },
      },
    },
    required: ['subtasks'],
    additionalProperties: false,
  };
}

export function planSchema(members: readonly TeamMember[]) {
  const ids = members.map((m) => m.employee_id);
  return z.object({
    subtasks: z
      .array(
        z.object({
          employee_id: z.string().refine((id) => ids.includes(id), { message: 'Not a member of this team.' }),
          task: z.string().trim().min(1).max(planLimits.maxSubtaskChars),
          why: z.string().trim().min(1).max(planLimits.maxWhyChars),
        }),
      )
      .refine(
        (subtasks) =>
          subtasks.length === ids.length && ids.every((id) => subtasks.some((s) => s.employee_id === id)),
        { message: 'Exactly one sub-task for every team member.' },
      ),
  });
}

export type Plan = z.infer<ReturnType<typeof planSchema>>;

/** The plan in `text`, or why it is not one (for the repair prompt and the run's error). */
export function parsePlan(
  text: string,
  members: readonly TeamMember[],
): { ok: true; plan: Plan } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The answer is not valid JSON.' };
  }
  const result = planSchema(members).safeParse(json);
  if (result.success) return { ok: true, plan: result.data };
  return {
    ok: false,
    error: result.error.issues
      .map((issue) => `${issue.path.join('.') || 'plan'}: ${issue.message}`)
      .join('; '),
  };
}
