/**
 * What a team run can cost at most, for the budget field: the plan, one contribution per member
 * and the synthesis, each at its output cap (netlify/lib/team-runs stepTokens) plus a generous
 * prompt, priced at the members' models. Shown as an estimate; the server holds and meters exactly.
 */
import type { Candidate } from './schemas';

const stepTokens = { plan: 1_024, contribution: 1_024, synthesis: 2_048 } as const;
const promptTokens = 1_500;

const cost = (member: Candidate, input: number, output: number) =>
  Math.ceil(((member.inputRate ?? 0) * input + (member.outputRate ?? 0) * output) / 1_000_000);

export function maxRunCost(supervisor: Candidate, members: readonly Candidate[]): number {
  const plan = cost(supervisor, promptTokens, stepTokens.plan);
  const contributions = members.reduce((sum, m) => sum + cost(m, promptTokens, stepTokens.contribution), 0);
  const synthesis = cost(
    supervisor,
    promptTokens + members.length * 2 * stepTokens.contribution,
    stepTokens.synthesis,
  );
  return plan + contributions + synthesis;
}
