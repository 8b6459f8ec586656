import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '@/lib/auth';
import { ButtonLink, EmptyState, Select, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { useCreditBalance } from '@/lib/credit-balance';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useUserSettings } from '@/lib/user-settings';
import { uploadAttachment } from '../api/attachments';
import { useChatEmployees } from '../api/get-employees';
import { useChatSessions } from '../api/get-sessions';
import '../chat.css';
import { useAnswerStream } from '../hooks/use-answer-stream';
import { AnswerError } from './answer-error';
import { Composer } from './composer';
import { MessageList } from './message-list';
import { SessionList } from './session-list';

const number = new Intl.NumberFormat();

export function ChatPage() {
  const { sessionId } = useParams<{ sessionId?: string }>();
  const navigate = useNavigate();
  const sessions = useChatSessions();
  const employees = useChatEmployees();
  const userId = useSession().user?.id ?? '';
  const balance = useCreditBalance(userId);
  const [chosenEmployee, setChosenEmployee] = useState('');

  const session = sessions.data?.find((candidate) => candidate.id === sessionId);
  const employeeId = sessionId ? (session?.employeeId ?? '') : chosenEmployee;
  const employee = employees.data?.find((candidate) => candidate.id === employeeId);
  useDocumentTitle(session?.title ?? 'Chat');

  const openSession = useCallback(
    (id: string) => void navigate(paths.chatSession.getHref(id), { replace: true }),
    [navigate],
  );
  const answer = useAnswerStream(openSession);
  // Settings › AI defaults: with streaming off the answer is shown once it is complete.
  const streaming = useUserSettings().data?.streaming ?? true;

  const noEmployees = employees.isSuccess && employees.data.length === 0;
  return (
    <div className="page container chat">
      <aside className="chat__sidebar">
        <ButtonLink to={paths.chat.getHref()} variant="secondary" block>
          New chat
        </ButtonLink>
        <SessionList />
      </aside>

      <section className="chat__main" aria-label="Conversation">
        <header className="chat__header">
          {sessionId ? (
            <h1 className="chat__title">
              {employee ? `${employee.name} · ${employee.role}` : (session?.title ?? 'Chat')}
            </h1>
          ) : employees.isPending ? (
            <Skeleton width="16rem" height="2.5rem" />
          ) : (
            <Select
              aria-label="Employee to chat with"
              placeholder="Choose an employee"
              value={chosenEmployee}
              onValueChange={setChosenEmployee}
              options={(employees.data ?? []).map((e) => ({ value: e.id, label: `${e.name} — ${e.role}` }))}
            />
          )}
          <p className="chat__balance" aria-live="polite">
            {balance.isSuccess ? `${number.format(balance.data.available)} credits available` : ' '}
          </p>
        </header>

        {noEmployees && !sessionId ? (
          <EmptyState
            title="Hire someone to chat with"
            description="Chats are with the AI employees you have hired."
            action={<ButtonLink to={paths.marketplace.getHref()}>Browse the marketplace</ButtonLink>}
          />
        ) : (
          <MessageList
            sessionId={sessionId}
            pendingMessage={answer.pendingMessage}
            draft={streaming ? answer.draft : ''}
            sending={answer.sending}
          />
        )}

        {answer.error !== null && (
          <AnswerError
            error={answer.error}
            onDismiss={answer.dismissError}
            onRetry={answer.canRetry ? answer.retry : undefined}
          />
        )}
        {sessionId && session && session.employeeId && !employee && employees.isSuccess && (
          <p className="chat__notice">
            This employee is paused or no longer hired; reactivate them in your workforce to continue.
          </p>
        )}
        <Composer
          disabled={!employee}
          sending={answer.sending}
          onSend={(message, attachments) => void answer.send({ employeeId, sessionId, message, attachments })}
          onStop={answer.stop}
          onAttach={(file) => uploadAttachment(userId, file)}
        />
      </section>
    </div>
  );
}
