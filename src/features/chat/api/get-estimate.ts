/**
 * What sending the typed message would hold (POST /api/agents/estimate), refreshed as the user
 * types (after a pause) and when the answer length changes. The server prices it exactly as the
 * send will (history, the employee's instructions, the model's price); attachments add to it.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { apiFetch } from '@/lib/api-client';
import { chatKeys } from '../keys';

const estimateSchema = z.object({
  hold_credits: z.number(),
  max_tokens: z.number(),
  plan_max_tokens: z.number(),
});
export type AnswerEstimate = z.output<typeof estimateSchema>;

interface EstimateInput {
  employeeId: string;
  sessionId: string | undefined;
  message: string;
  maxTokens: number;
}

/** Typing pauses this long before the estimate is asked again. */
const typingPauseMs = 400;

function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export async function getEstimate(input: EstimateInput, signal?: AbortSignal): Promise<AnswerEstimate> {
  const response = await apiFetch('/api/agents/estimate', {
    method: 'POST',
    json: {
      employee_id: input.employeeId,
      message: input.message,
      max_tokens: input.maxTokens,
      ...(input.sessionId ? { session_id: input.sessionId } : {}),
    },
    ...(signal ? { signal } : {}),
  });
  return estimateSchema.parse(await response.json());
}

export function useAnswerEstimate(input: EstimateInput, enabled: boolean) {
  const message = useSettled(input.message.trim(), typingPauseMs);
  const settled = { ...input, message };
  return useQuery({
    queryKey: chatKeys.estimate(settled),
    queryFn: ({ signal }) => getEstimate(settled, signal),
    enabled: enabled && input.employeeId !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}
