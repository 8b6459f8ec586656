/**
 * The chat session a message goes to, its history, and the writes of one exchange: the user's
 * message, the assistant's (first as `streaming`, then with its answer, usage and credits).
 *
 * Who may see and write what is decided by RLS: the session, its history and the user's own
 * prompt are read and written as the caller (`asUser`; functions taking `asCaller` expect such a
 * transaction), so another user's session is simply not there. The assistant's answer and the
 * text extracted from attachments are the service's records — users can neither insert nor
 * change them (the metered answer, its credits, what the model read) — and are written at the
 * service level, each place saying so.
 */
import type pg from 'pg';
import type { Queryable } from '../db';
import { withTransaction } from '../db';
import { asUser, continueAsService, type DbCaller } from '../db-as-user';
import { ApiError } from '../http/api-error';
import type { CallResult } from '../llm/gateway';
import type { ChatMessage } from '../llm/types';
import { messageWithAttachments, type ReadAttachment } from './attachments';
import type { Hire } from './load-hire';

/** How many past messages are read to build the context; the token budget trims further. */
export const historyLimit = 200;

/** Checks, as the caller, that the session is theirs (RLS: others' are not found) and with this employee. */
export async function assertSessionFor(
  asCaller: Queryable,
  sessionId: string,
  employeeId: string,
): Promise<void> {
  const { rows } = await asCaller.query<{ employee_id: string | null }>(
    'select employee_id from public.chat_sessions where id = $1',
    [sessionId],
  );
  const session = rows[0];
  if (!session) throw new ApiError('NOT_FOUND', 'Chat session not found.');
  if (session.employee_id !== employeeId) {
    throw new ApiError('VALIDATION_FAILED', 'This chat session is with another employee.', {
      details: [{ path: 'employee_id', message: "Must be the session's employee." }],
    });
  }
}

/** The files a stored message was sent with, as `messageWithAttachments` takes them. */
const attachmentsOfMessage = (messageId: string) =>
  `coalesce((select json_agg(json_build_object('name', a.file_name, 'contentType', a.content_type, 'text', a.extracted_text)
              order by a.position)
             from public.chat_attachments a where a.message_id = ${messageId}), '[]')`;

type StoredTurn = ChatMessage & { attachments: Array<{ name: string; contentType: string; text: string }> };

/**
 * The session's answered conversation so far, oldest first (failed and empty answers left out);
 * a user message reads with the text of the files attached to it. Read as the caller.
 */
export async function loadHistory(asCaller: Queryable, sessionId: string): Promise<ChatMessage[]> {
  const { rows } = await asCaller.query<StoredTurn>(
    `select role, content, ${attachmentsOfMessage('recent.id')} as attachments from (
       select role, content, created_at, id
       from public.chat_messages
       where session_id = $1
         and (role = 'user' or (role = 'assistant' and status in ('complete', 'stopped') and content <> ''))
       order by created_at desc, id desc
       limit $2
     ) recent
     order by created_at, id`,
    [sessionId, historyLimit],
  );
  return rows.map(({ role, content, attachments }) => ({
    role,
    content: messageWithAttachments(content, attachments),
  }));
}

export interface ExchangeIds {
  sessionId: string;
  userMessageId: string;
  assistantMessageId: string;
}

const titleFrom = (message: string) => {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
};

// Service level: the answer is the metered record of a model call, which users cannot write.
const insertAnswerPlaceholder = (tx: pg.PoolClient, hire: Hire, ids: ExchangeIds) =>
  tx.query(
    `insert into public.chat_messages (id, session_id, role, content, status, provider, model, employee_version_id, created_at)
     values ($1, $2, 'assistant', '', 'streaming', $3, $4, $5, clock_timestamp())`,
    [ids.assistantMessageId, ids.sessionId, hire.provider, hire.model, hire.versionId],
  );

/**
 * Creates the session when new and the user's message — as the caller, so RLS checks the session
 * is theirs and the employee an active hire of theirs — then, in the same transaction at the
 * service level, the text extracted from the attachments and the assistant's placeholder.
 */
export async function startExchange(
  pool: pg.Pool,
  caller: DbCaller,
  hire: Hire,
  ids: ExchangeIds,
  message: string,
  isNewSession: boolean,
  attachments: ReadAttachment[] = [],
): Promise<void> {
  await asUser(pool, caller, async (tx) => {
    if (isNewSession) {
      await tx.query(
        'insert into public.chat_sessions (id, user_id, employee_id, title) values ($1, $2, $3, $4)',
        [ids.sessionId, caller.id, hire.employeeId, titleFrom(message)],
      );
    }
    // The user message takes the transaction's start time; the placeholder clock_timestamp(), so
    // the two rows of one exchange sort user first.
    await tx.query(
      `insert into public.chat_messages (id, session_id, role, content) values ($1, $2, 'user', $3)`,
      [ids.userMessageId, ids.sessionId, message],
    );
    // Service records from here on (the extracted text, the answer), atomic with the prompt.
    await continueAsService(tx);
    for (const [position, file] of attachments.entries()) {
      await tx.query(
        `insert into public.chat_attachments
           (user_id, session_id, message_id, position, object_path, file_name, content_type, size_bytes, extracted_text)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          caller.id,
          ids.sessionId,
          ids.userMessageId,
          position,
          file.path,
          file.name,
          file.contentType,
          file.sizeBytes,
          file.text,
        ],
      );
    }
    await insertAnswerPlaceholder(tx, hire, ids);
  });
}

/**
 * The stored message to answer again and whether it still may be: it must be a user message of
 * the session (else 404) with nothing after it but failed answers (else 409: it was answered, is
 * being answered, or the conversation moved on).
 */
async function messageToAnswerAgain(
  db: Queryable,
  sessionId: string,
  userMessageId: string,
): Promise<{ content: string; open: boolean }> {
  const { rows } = await db.query<{ content: string; open: boolean; attachments: StoredTurn['attachments'] }>(
    `select m.content, ${attachmentsOfMessage('m.id')} as attachments,
            not exists (
              select 1 from public.chat_messages later
              where later.session_id = m.session_id and later.created_at > m.created_at
                and (later.role = 'user' or later.status <> 'error')
            ) as open
     from public.chat_messages m
     where m.id = $2 and m.session_id = $1 and m.role = 'user'`,
    [sessionId, userMessageId],
  );
  const message = rows[0];
  if (!message) throw new ApiError('NOT_FOUND', 'Message not found.');
  return { content: messageWithAttachments(message.content, message.attachments), open: message.open };
}

const alreadyAnswered = () =>
  new ApiError('CONFLICT', 'This message has been answered since; send a new message instead.');

/** The text of a message to answer again (answer_again); 404 / 409 as messageToAnswerAgain says. */
export async function loadMessageToAnswerAgain(
  db: Queryable,
  sessionId: string,
  userMessageId: string,
): Promise<string> {
  const message = await messageToAnswerAgain(db, sessionId, userMessageId);
  if (!message.open) throw alreadyAnswered();
  return message.content;
}

/**
 * Adds a new answer placeholder to a stored message, checking again under the message's row lock
 * so that two retries at once give one answer and one 409. Service level (the placeholder is the
 * service's record, and users may not lock messages); the caller read the message as the user
 * just before (loadMessageToAnswerAgain), so it is theirs.
 */
export async function startAnswerAgain(pool: pg.Pool, hire: Hire, ids: ExchangeIds): Promise<void> {
  await withTransaction(pool, async (tx) => {
    // Lock first, check in a later statement: its snapshot then sees a concurrent retry's answer.
    await tx.query('select 1 from public.chat_messages where id = $1 for update', [ids.userMessageId]);
    const message = await messageToAnswerAgain(tx, ids.sessionId, ids.userMessageId);
    if (!message.open) throw alreadyAnswered();
    await insertAnswerPlaceholder(tx, hire, ids);
  });
}

/**
 * The user left mid-stream: show the answer as stopped at once; its usage lands when metered.
 * Service level, like every write of the answer (users cannot change it).
 */
export async function markStopped(
  db: Queryable,
  assistantMessageId: string,
  deliveredContent: string,
): Promise<void> {
  // request_id is set when the answer is metered: a late stop never overwrites the final record.
  await db.query(
    `update public.chat_messages set content = $2, status = 'stopped'
     where id = $1 and status in ('streaming', 'stopped') and request_id is null`,
    [assistantMessageId, deliveredContent],
  );
}

/** Whether the stop endpoint marked this answer stopped (service level: the stream's own answer). */
export async function isStopRequested(db: Queryable, assistantMessageId: string): Promise<boolean> {
  const { rows } = await db.query<{ stopped: boolean }>(
    `select status = 'stopped' as stopped from public.chat_messages where id = $1`,
    [assistantMessageId],
  );
  return rows[0]?.stopped ?? false;
}

/**
 * The stop button: marks the caller's streaming answer stopped; the stream that produces it sees
 * the mark within a second and ends. The answer is looked up as the caller (RLS: 404 for answers
 * that are not theirs); the mark is the service's (users cannot write answers).
 */
export async function requestStop(
  pool: pg.Pool,
  caller: DbCaller,
  assistantMessageId: string,
): Promise<void> {
  const { rows } = await asUser(pool, caller, (tx) =>
    tx.query<{ status: string }>(
      `select m.status from public.chat_messages m where m.id = $1 and m.role = 'assistant'`,
      [assistantMessageId],
    ),
  );
  if (!rows[0]) throw new ApiError('NOT_FOUND', 'Message not found.');
  await pool.query(
    `update public.chat_messages set status = 'stopped' where id = $1 and status = 'streaming'`,
    [assistantMessageId],
  );
}

const messageStatus = { ok: 'complete', stopped: 'stopped', error: 'error' } as const;

/** Writes the answer: what the user saw, how it ended, its usage and credits (service level). */
export async function finishExchange(
  db: Queryable,
  assistantMessageId: string,
  result: CallResult,
): Promise<void> {
  await db.query(
    `update public.chat_messages
     set content = $2, status = $3, input_tokens = $4, output_tokens = $5, cached_tokens = $6,
         credits_charged = $7, request_id = $8, error = $9
     where id = $1`,
    [
      assistantMessageId,
      result.deliveredContent,
      messageStatus[result.status],
      result.usage.inputTokens,
      result.usage.outputTokens,
      result.usage.cachedInputTokens,
      result.creditsCharged,
      result.callId,
      result.status === 'error' ? 'The model provider failed to answer.' : null,
    ],
  );
}
