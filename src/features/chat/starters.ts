/**
 * Starter prompts for a new chat, from what the employee lists as its skills (the catalog has no
 * prompts of its own). A starter fills the composer rather than sending: the user adds their
 * situation, so nothing is charged for a half question.
 */
import type { ChatEmployee } from './schemas';

export interface Starter {
  label: string;
  prompt: string;
}

const templates = [
  (skill: string) => ({
    label: `Help with ${skill}`,
    prompt: `Help me with ${skill}. Here is my situation: `,
  }),
  (skill: string) => ({
    label: `Review my ${skill} work`,
    prompt: `Review this for ${skill} and tell me what to fix first:\n\n`,
  }),
  (skill: string) => ({
    label: `Explain ${skill}`,
    prompt: `Explain how you approach ${skill}, with an example from: `,
  }),
  (skill: string) => ({
    label: `Plan ${skill} steps`,
    prompt: `Draft a step-by-step plan for ${skill} for this goal: `,
  }),
];

export function startersFor(employee: Pick<ChatEmployee, 'skills'>): Starter[] {
  return employee.skills.slice(0, templates.length).map((skill, index) => templates[index]!(skill));
}
