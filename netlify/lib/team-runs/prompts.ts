/**
 * What the supervisor and the employees are asked, server-side only. Each starts from the
 * employee's pinned system prompt; the team-run part is appended here, never stored in a step.
 */
import type { ChatMessage } from '../llm/types';
import type { TeamMember } from './plan-schema';

const supervisorRole = `

You are supervising a team run. When asked for a plan, split the team task into one focused
sub-task per team member, suited to their role, and say briefly why each member gets theirs.
When given the team's contributions, synthesise them into one complete, well-structured answer
in Markdown for the person who asked; resolve contradictions and do not invent facts.`;

export const supervisorSystem = (pinnedPrompt: string) => pinnedPrompt + supervisorRole;

export function planMessages(task: string, members: readonly TeamMember[]): ChatMessage[] {
  const team = members.map((m) => `- ${m.employee_id}: ${m.name}, ${m.role}`).join('\n');
  return [
    {
      role: 'user',
      content: `Team task:\n${task}\n\nTeam members (give each exactly one sub-task, by id):\n${team}\n\nAnswer with the plan as JSON.`,
    },
  ];
}

export function repairMessages(
  task: string,
  members: readonly TeamMember[],
  previous: string,
  problem: string,
): ChatMessage[] {
  return [
    ...planMessages(task, members),
    { role: 'assistant', content: previous === '' ? '(no answer)' : previous },
    {
      role: 'user',
      content: `That was not a valid plan (${problem}). Answer again with only the JSON plan: one sub-task for every team member.`,
    },
  ];
}

export function contributionMessages(
  task: string,
  subtask: string,
  why: string,
  supervisor: string,
): ChatMessage[] {
  return [
    {
      role: 'user',
      content: `Team task:\n${task}\n\nYour part, assigned by ${supervisor}:\n${subtask}\n\nWhy you: ${why}\n\nAnswer your part only, thoroughly and concisely.`,
    },
  ];
}

export interface Contribution {
  name: string;
  role: string;
  text: string;
}

export function synthesisMessages(task: string, contributions: readonly Contribution[]): ChatMessage[] {
  const parts = contributions.map((c) => `### ${c.name} (${c.role})\n${c.text}`).join('\n\n');
  return [
    {
      role: 'user',
      content: `Team task:\n${task}\n\nThe team's contributions:\n\n${parts}\n\nSynthesise them into the final answer.`,
    },
  ];
}

export const charsOf = (system: string, messages: readonly ChatMessage[]) =>
  messages.reduce((sum, m) => sum + m.content.length, system.length);
