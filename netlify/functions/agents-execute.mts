import type { Config } from '@netlify/functions';
import { agentExecuteSchema } from '../../src/shared/llm-contract';
import { attachmentReaderFor } from '../lib/agents/attachments';
import { executeAgent } from '../lib/agents/execute';
import { defineHandler } from '../lib/http/define-handler';
import { supabaseFor } from '../lib/supabase';

/** POST /api/agents/execute — a hired employee answers in a chat session, streamed and metered. */
export default defineHandler(
  { method: 'POST', auth: 'user', spendsCredits: true, rateLimit: 'llm', body: agentExecuteSchema },
  ({ req, body, user, db, log, requestId, context, deadline }) =>
    executeAgent(
      {
        db,
        log,
        requestId,
        clientSignal: req.signal,
        waitUntil: context?.waitUntil?.bind(context),
        deadline,
        // Attachments are read with the caller's own token: RLS on storage.objects decides.
        readAttachment: attachmentReaderFor(supabaseFor(user)),
      },
      user,
      body,
    ),
);

export const config: Config = { path: '/api/agents/execute' };
