/**
 * The chat session a message goes to, its history, and the writes of one exchange: the user's
 * message, the assistant's (first as `streaming`, then with its answer, usage and credits).
 */
import type pg from 'pg';
import type { Queryable } from '../db';
import { withTransaction } from '../db';
import { ApiError } from '../http/api-error';
import type { CallResult } from '../llm/gateway';
import type { ChatMessage } from '../llm/types';
import { messageWithAttachments, type ReadAttachment } from './attachments';
import type { Hire } from './load-hire';

/** How many past messages are read to build the context; the token budget trims further. */
export const historyLimit = 200;

/** Checks that the session is the caller's and with this employee; 404 hides others' sessions. */
export async function assertSessionFor(
  db: Queryable,
  userId: string,
  sessionId: string,
  employeeId: string,
): Promise<void> {
  const { rows } = await db.query<{ user_id: string; employee_id: string | null }>(
    'select user_id, employee_id from public.chat_sessions where id = $1',
    [sessionId],
  );
  const session = rows[0];
  if (!session || session.user_id !== userId) throw new ApiError('NOT_FOUND', 'Chat session not found.');
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
 * a user message reads with the text of the files attached to it.
 */
export async function loadHistory(db: Queryable, sessionId: string): Promise<ChatMessage[]> {
  const { rows } = await db.query<StoredTurn>(
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

const insertAnswerPlaceholder = (tx: pg.PoolClient, hire: Hire, ids: ExchangeIds) =>
  tx.query(
    `insert into public.chat_messages (id, session_id, role, content, status, provider, model, employee_version_id, created_at)
     values ($1, $2, 'assistant', '', 'streaming', $3, $4, $5, clock_timestamp())`,
    [ids.assistantMessageId, ids.sessionId, hire.provider, hire.model, hire.versionId],
  );

/** Creates the session when new, then the user's message and the assistant's placeholder. */
export async function startExchange(
  pool: pg.Pool,
  userId: string,
  hire: Hire,
  ids: ExchangeIds,
  message: string,
  isNewSession: boolean,
  attachments: ReadAttachment[] = [],
): Promise<void> {
  await withTransaction(pool, async (tx) => {
    if (isNewSession) {
      await tx.query(
        'insert into public.chat_sessions (id, user_id, employee_id, title) values ($1, $2, $3, $4)',
        [ids.sessionId, userId, hire.employeeId, titleFrom(message)],
      );
    }
    // clock_timestamp(): the two rows of one exchange must sort user first within the transaction.
    await tx.query(
      `insert into public.chat_messages (id, session_id, role, content, status, created_at)
       values ($1, $2, 'user', $3, 'complete', clock_timestamp())`,
      [ids.userMessageId, ids.sessionId, message],
    );
    for (const [position, file] of attachments.entries()) {
      await tx.query(
        `insert into public.chat_attachments
           (user_id, session_id, message_id, position, object_path, file_name, content_type, size_bytes, extracted_text)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          userId,
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
 * so that two retries at once give one answer and one 409.
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

/** The user stopped the answer: show it as stopped at once; its usage lands when metered. */
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

/** Whether the stop endpoint marked this answer stopped. */
export async function isStopRequested(db: Queryable, assistantMessageId: string): Promise<boolean> {
  const { rows } = await db.query<{ stopped: boolean }>(
    `select status = 'stopped' as stopped from public.chat_messages where id = $1`,
    [assistantMessageId],
  );
  return rows[0]?.stopped ?? false;
}

/**
 * The stop button: marks the caller's streaming answer stopped; the stream that produces it sees
 * the mark within a second and ends. 404 for answers that are not the caller's.
 */
export async function requestStop(db: Queryable, userId: string, assistantMessageId: string): Promise<void> {
  const { rows } = await db.query<{ status: string }>(
    `select m.status from public.chat_messages m
     join public.chat_sessions s on s.id = m.session_id
     where m.id = $1 and m.role = 'assistant' and s.user_id = $2`,
    [assistantMessageId, userId],
  );
  if (!rows[0]) throw new ApiError('NOT_FOUND', 'Message not found.');
  await db.query(
    `update public.chat_messages set status = 'stopped' where id = $1 and status = 'streaming'`,
    [assistantMessageId],
  );
}

const messageStatus = { ok: 'complete', stopped: 'stopped', error: 'error' } as const;

/** Writes the answer: what the user saw, how it ended, its usage and credits. */
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
