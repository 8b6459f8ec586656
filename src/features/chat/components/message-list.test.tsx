import { QueryClient, QueryClientProvider, type InfiniteData } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { chatKeys } from '../keys';
import type { ChatMessage } from '../schemas';
import { MessageList } from './message-list';

const message = (id: string, role: ChatMessage['role'], content: string): ChatMessage => ({
  id,
  role,
  content,
  status: 'complete',
  credits: role === 'assistant' ? 12 : null,
  model: null,
  versionId: null,
  createdAt: '2026-11-21T10:00:00Z',
  attachments: [],
});

interface Live {
  pendingMessage: string | null;
  draft: string;
  sending: boolean;
  answerId?: string;
  stopped?: Record<string, string>;
  thinking?: boolean;
}

function renderList(
  stored: ChatMessage[],
  { sending, thinking, answerId, stopped = {}, ...live }: Live,
  actions: Partial<Pick<Parameters<typeof MessageList>[0], 'onEdit' | 'onRegenerate'>> = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  // Pages hold the newest message first, as the API returns them.
  queryClient.setQueryData<InfiniteData<ChatMessage[], unknown>>(chatKeys.messages('s1'), {
    pages: [stored.slice().reverse()],
    pageParams: [undefined],
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <MessageList
        sessionId="s1"
        live={{
          ...live,
          phase: !sending ? 'idle' : thinking ? 'thinking' : 'streaming',
          sentAt: Date.now(),
          answerId: answerId ?? null,
          stopped,
        }}
        {...actions}
      />
    </QueryClientProvider>,
  );
}

it('renders answers as markdown, the streaming one included, and what the user typed as typed', async () => {
  const { container } = renderList(
    [
      message('u1', 'user', '**not bold**\n  indented'),
      message('a1', 'assistant', '## Steps\n\n- one\n- two\n\n```js\nrun()\n```'),
    ],
    { pendingMessage: 'and *tests*?', draft: 'Add `vitest` and:\n\n```sh\nnpx vit', sending: true },
  );

  const [user, answer, pending, streaming] = screen
    .getAllByRole('listitem')
    .filter((item) => item.classList.contains('chat-message'));
  expect(user?.querySelector('p')?.textContent).toBe('**not bold**\n  indented');
  expect(user?.querySelector('strong')).toBeNull();
  // The markdown parser loads after the first render (lazy-markdown.tsx); plain text meanwhile.
  expect(await within(answer!).findByRole('heading', { name: 'Steps' })).toBeTruthy();
  expect(within(answer!).getByRole('button', { name: 'Copy code' })).toBeTruthy();
  expect(pending?.textContent).toBe('and *tests*?');
  expect(streaming?.querySelector('code')?.textContent).toBe('vitest');
  expect(streaming?.querySelector('pre > code')?.textContent).toBe('npx vit\n');
  expect(container.querySelectorAll('pre')).toHaveLength(2);
});

it('shows a failed answer until its message is answered again, then only the new answer', () => {
  const failed: ChatMessage = { ...message('a1', 'assistant', 'Half'), status: 'error', credits: null };
  const texts = () =>
    screen
      .getAllByRole('listitem')
      .filter((item) => item.classList.contains('chat-message'))
      .map((item) => item.textContent);
  const idle = { pendingMessage: null, draft: '', sending: false };

  const first = renderList([message('u1', 'user', 'Plan Q3'), failed], idle);
  expect(texts()).toEqual(['Plan Q3', 'HalfFailed — nothing chargedCopy']);
  first.unmount();

  // Being answered again: the live answer takes the failed one's place.
  const again = renderList([message('u1', 'user', 'Plan Q3'), failed], {
    pendingMessage: null,
    draft: 'New',
    sending: true,
  });
  expect(texts()).toEqual(['Plan Q3', 'New']);
  again.unmount();

  renderList([message('u1', 'user', 'Plan Q3'), failed, message('a2', 'assistant', 'Done')], idle);
  expect(texts()).toEqual(['Plan Q3', 'Done12 creditsCopy']);
});

it('says "nothing charged" only for a failed answer that was not billed', () => {
  renderList(
    [
      message('u1', 'user', 'One'),
      { ...message('a1', 'assistant', ''), status: 'error', credits: null },
      message('u2', 'user', 'Two'),
      { ...message('a2', 'assistant', 'Partial'), status: 'error', credits: 7 },
    ],
    { pendingMessage: null, draft: '', sending: false },
  );
  expect(screen.getAllByText(/^Failed/).map((badge) => badge.textContent)).toEqual([
    'Failed — nothing charged',
    'Failed',
  ]);
  expect(screen.getByText('7 credits')).toBeTruthy();
});

it('keeps a failed answer when the conversation moved on with a new message', () => {
  const failed: ChatMessage = { ...message('a1', 'assistant', 'Half'), status: 'error', credits: null };
  renderList([message('u1', 'user', 'Plan Q3'), failed], {
    pendingMessage: 'Something else',
    draft: '',
    sending: true,
  });
  expect(screen.getByText('Failed — nothing charged')).toBeTruthy();
});

it('keeps the text that was on screen for an answer stopped here, with what the charge covers and, once settled, the amount', () => {
  const stoppedAnswer: ChatMessage = {
    ...message('a1', 'assistant', 'Half an answer that the server drained further'),
    status: 'stopped',
    credits: null,
  };
  const first = renderList([message('u1', 'user', 'Go'), stoppedAnswer], {
    pendingMessage: null,
    draft: '',
    sending: false,
    stopped: { a1: 'Half an answer' },
  });
  const answer = screen
    .getAllByRole('listitem')
    .filter((item) => item.classList.contains('chat-message'))[1]!;
  expect(answer.querySelector('.chat-message__content')?.textContent).toBe('Half an answer');
  expect(within(answer).getByText('Stopped')).toBeTruthy();
  expect(answer.textContent).toContain(
    'charged for what the model produced until it stopped; the amount settles',
  );
  first.unmount();

  renderList([message('u1', 'user', 'Go'), { ...stoppedAnswer, credits: 1234 }], {
    pendingMessage: null,
    draft: '',
    sending: false,
    stopped: { a1: 'Half an answer' },
  });
  expect(screen.getByText(/until it stopped: 1,234 credits\.$/)).toBeTruthy();
});

it('while the stream of a stopped answer winds down, shows it once, not the live draft too', () => {
  renderList(
    [message('u1', 'user', 'Go'), { ...message('a1', 'assistant', ''), status: 'streaming', credits: null }],
    { pendingMessage: null, draft: 'Half', sending: true, answerId: 'a1', stopped: { a1: 'Half' } },
  );
  const texts = screen
    .getAllByRole('listitem')
    .filter((item) => item.classList.contains('chat-message'))
    .map((item) => item.querySelector('.chat-message__content')?.textContent);
  expect(texts).toEqual(['Go', 'Half']);
});

it('says it is thinking before the first token', () => {
  renderList([], { pendingMessage: 'Hi', draft: '', sending: true, thinking: true });
  expect(screen.getByText(/Thinking…/)).toBeTruthy();
});

it('offers Edit on the last message and Regenerate on the last answer only, not while answering', () => {
  const onEdit = vi.fn();
  const onRegenerate = vi.fn();
  const stored = [
    message('u1', 'user', 'One'),
    message('a1', 'assistant', 'First'),
    message('u2', 'user', 'Two'),
    message('a2', 'assistant', 'Second'),
  ];
  const idle = renderList(
    stored,
    { pendingMessage: null, draft: '', sending: false },
    { onEdit, onRegenerate },
  );
  expect(screen.getAllByRole('button', { name: 'Edit' })).toHaveLength(1);
  expect(screen.getAllByRole('button', { name: 'Regenerate answer' })).toHaveLength(1);
  expect(screen.getAllByRole('button', { name: 'Copy answer' })).toHaveLength(2);
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
  expect(onEdit).toHaveBeenCalledWith(expect.objectContaining({ id: 'u2' }));
  fireEvent.click(screen.getByRole('button', { name: 'Regenerate answer' }));
  expect(onRegenerate).toHaveBeenCalledWith(expect.objectContaining({ id: 'u2', content: 'Two' }));
  idle.unmount();

  renderList(stored, { pendingMessage: 'Three', draft: '', sending: true }, { onEdit, onRegenerate });
  expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Regenerate answer' })).toBeNull();
});

it('names task-list checkboxes by their item', async () => {
  renderList([message('a1', 'assistant', '- [x] Ship it\n- [ ] Tell the team')], {
    pendingMessage: null,
    draft: '',
    sending: false,
  });
  expect(await screen.findByRole('checkbox', { name: 'Ship it, done' })).toBeTruthy();
  expect(screen.getByRole('checkbox', { name: 'Tell the team, not done' })).toBeTruthy();
});

it('shows a streamed answer once while its stored row is refetched as complete', () => {
  renderList([message('u1', 'user', 'Go'), message('a1', 'assistant', 'Done')], {
    pendingMessage: null,
    draft: 'Done',
    sending: true,
    answerId: 'a1',
  });
  const answers = screen
    .getAllByRole('listitem')
    .filter((item) => item.classList.contains('chat-message--assistant'));
  expect(answers).toHaveLength(1);
});
