import { QueryClient, QueryClientProvider, type InfiniteData } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { chatKeys } from '../keys';
import type { ChatMessage } from '../schemas';
import { MessageList } from './message-list';

const message = (id: string, role: ChatMessage['role'], content: string): ChatMessage => ({
  id,
  role,
  content,
  status: 'complete',
  credits: role === 'assistant' ? 12 : null,
  createdAt: '2026-11-21T10:00:00Z',
  attachments: [],
});

function renderList(
  stored: ChatMessage[],
  live: { pendingMessage: string | null; draft: string; sending: boolean },
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  // Pages hold the newest message first, as the API returns them.
  queryClient.setQueryData<InfiniteData<ChatMessage[], unknown>>(chatKeys.messages('s1'), {
    pages: [stored.slice().reverse()],
    pageParams: [undefined],
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <MessageList sessionId="s1" {...live} />
    </QueryClientProvider>,
  );
}

it('renders answers as markdown, the streaming one included, and what the user typed as typed', () => {
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
  expect(within(answer!).getByRole('heading', { name: 'Steps' })).toBeTruthy();
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
  expect(texts()).toEqual(['Plan Q3', 'HalfFailed — nothing charged']);
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
  expect(texts()).toEqual(['Plan Q3', 'Done12 credits']);
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
