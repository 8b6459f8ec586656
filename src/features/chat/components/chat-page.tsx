import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ButtonLink, EmptyState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';
import { useCreditBalance } from '@/lib/credit-balance';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useUserSettings } from '@/lib/user-settings';
import { defaultAnswerLength, tokensFor, type AnswerLength } from '../answer-length';
import { useChatEmployees } from '../api/get-employees';
import { useAnswerEstimate } from '../api/get-estimate';
import { useChatSessions } from '../api/get-sessions';
import '../chat.css';
import { useAnswerStream } from '../hooks/use-answer-stream';
import type { ChatSession } from '../schemas';
import { AnswerError } from './answer-error';
import { ChatSidebar } from './chat-sidebar';
import { Composer, type ComposerHandle } from './composer';
import { CostLine } from './cost-line';
import { EmployeeCard, EmployeePicker } from './employee-intro';
import { MessageList } from './message-list';

/** The sidebar's title for a chat the server is still creating (as the server titles it). */
const provisionalTitle = (message: string) => {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
};

/**
 * The chat, laid out as an app: the sessions sidebar (a drawer on phones), the conversation
 * scrolling by itself, and the composer pinned at the bottom with the answer length and what the
 * answer may hold. A new chat shows the employee as a card with starter prompts.
 */
export function ChatPage() {
  const { sessionId } = useParams<{ sessionId?: string }>();
  const navigate = useNavigate();
  const sessions = useChatSessions();
  const employees = useChatEmployees();
  const userId = useSession().user?.id ?? '';
  const balance = useCreditBalance(userId);
  const [chosenEmployee, setChosenEmployee] = useState('');
  const [length, setLength] = useState<AnswerLength>(defaultAnswerLength);
  const [typed, setTyped] = useState('');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const composer = useRef<ComposerHandle>(null);
  const drawerToggle = useRef<HTMLButtonElement>(null);
  const drawerId = useId();

  const openSession = useCallback(
    (id: string) => void navigate(paths.chatSession.getHref(id), { replace: true }),
    [navigate],
  );
  const answer = useAnswerStream(openSession);
  // Settings › AI defaults: with streaming off the answer is shown once it is complete.
  const streaming = useUserSettings().data?.streaming ?? true;

  const session = sessions.data?.find((candidate) => candidate.id === sessionId);
  // A chat whose first answer is streaming is not listed yet: the answer says whose it is.
  const creatingThis = sessionId !== undefined && !session && answer.sessionId === sessionId;
  const onlyEmployee = employees.data?.length === 1 ? employees.data[0]?.id : undefined;
  const employeeId = sessionId
    ? (session?.employeeId ?? (creatingThis ? answer.employeeId : null) ?? '')
    : chosenEmployee || onlyEmployee || '';
  const employee = employees.data?.find((candidate) => candidate.id === employeeId);
  const title = employee ? employee.name : sessionId ? (session?.title ?? 'Chat') : 'New chat';
  useDocumentTitle(session?.title ?? (sessionId ? 'Chat' : 'New chat'));

  const creating: ChatSession | null =
    answer.sessionId &&
    answer.pendingMessage !== null &&
    !sessions.data?.some((s) => s.id === answer.sessionId)
      ? {
          id: answer.sessionId,
          title: provisionalTitle(answer.pendingMessage),
          employeeId: answer.employeeId,
          lastActivityAt: new Date().toISOString(),
        }
      : null;

  const maxTokens = tokensFor(length);
  const estimate = useAnswerEstimate(
    { employeeId, sessionId, message: typed, maxTokens },
    employee !== undefined && !answer.sending,
  );

  // A message refused for credits comes back into the composer, to send with a shorter answer.
  const { returned, takeBack } = answer;
  useEffect(() => {
    if (!returned) return;
    composer.current?.fill(returned.message, returned.attachments);
    takeBack();
  }, [returned, takeBack]);

  const closeDrawer = useCallback(() => {
    setDrawerOpen(false);
    drawerToggle.current?.focus();
  }, []);

  const send = (message: string, attachments: Parameters<typeof answer.send>[0]['attachments']) =>
    void answer.send({
      employeeId,
      ...(sessionId ? { sessionId } : {}),
      message,
      ...(attachments?.length ? { attachments } : {}),
      maxTokens,
    });

  const noEmployees = employees.isSuccess && employees.data.length === 0;
  const newChat = !sessionId && !answer.sending;
  return (
    <div className="chat">
      <ChatSidebar
        id={drawerId}
        open={drawerOpen}
        onClose={closeDrawer}
        creating={creating}
        onNewChat={() => setChosenEmployee('')}
      />

      <section className="chat__main" aria-label="Conversation">
        <header className="chat__header">
          <button
            ref={drawerToggle}
            type="button"
            className="chat__drawer-toggle btn btn--ghost btn--sm"
            aria-expanded={drawerOpen}
            aria-controls={drawerId}
            onClick={() => setDrawerOpen(true)}
          >
            Chats
          </button>
          <h1 className="chat__title">
            {title}
            {employee && <span className="chat__role"> · {employee.role}</span>}
          </h1>
          {employee?.model && (
            <p className="chat__model">
              {employee.model}
              {employee.version !== null && ` · v${employee.version}`}
            </p>
          )}
        </header>

        {noEmployees && !sessionId ? (
          <div className="chat-messages">
            <EmptyState
              title="Hire someone to chat with"
              description="Chats are with the AI employees you have hired."
              action={<ButtonLink to={paths.marketplace.getHref()}>Browse the marketplace</ButtonLink>}
            />
          </div>
        ) : newChat ? (
          <div className="chat-messages">
            {employees.isPending ? (
              <Skeleton height="12rem" />
            ) : employee ? (
              <EmployeeCard
                employee={employee}
                onStarter={(prompt) => composer.current?.fill(prompt)}
                {...(employees.data && employees.data.length > 1
                  ? { onChange: () => setChosenEmployee('') }
                  : {})}
              />
            ) : (
              <EmployeePicker employees={employees.data ?? []} onChoose={setChosenEmployee} />
            )}
          </div>
        ) : (
          <MessageList
            sessionId={sessionId}
            live={streaming ? answer : { ...answer, draft: '' }}
            onRegenerate={(message) => send(message.content, undefined)}
            onEdit={(message) => composer.current?.fill(message.content)}
          />
        )}

        <div className="chat__dock">
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
          <p className="visually-hidden" role="status">
            {answer.phase === 'thinking' && employee ? `${employee.name} is answering…` : ''}
          </p>
          <Composer
            ref={composer}
            disabled={!employee}
            sending={answer.sending}
            onSend={send}
            onStop={() => {
              answer.stop();
              composer.current?.focus();
            }}
            onAttach={async (file) => (await import('../api/attachments')).uploadAttachment(userId, file)}
            onTextChange={setTyped}
            {...(employee
              ? { placeholder: `Message ${employee.name} — Enter to send, Shift+Enter for a new line` }
              : {})}
            footer={
              <CostLine
                length={length}
                onLengthChange={setLength}
                estimate={employee ? estimate.data : undefined}
                balance={balance.data}
                disabled={answer.sending}
              />
            }
          />
        </div>
      </section>
      {drawerOpen && <div className="chat__scrim" aria-hidden="true" onClick={closeDrawer} />}
    </div>
  );
}
