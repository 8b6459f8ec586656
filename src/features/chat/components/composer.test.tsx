import { fireEvent, render, screen } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { ToastProvider } from '@/components/ui';
import { Composer } from './composer';

it('sends on Enter, keeps Shift+Enter for new lines, and offers Stop while an answer streams', () => {
  const onSend = vi.fn();
  const onStop = vi.fn();
  const { rerender } = render(<Composer disabled={false} sending={false} onSend={onSend} onStop={onStop} />, {
    wrapper: ToastProvider,
  });
  const box = screen.getByRole('textbox', { name: 'Message' });

  fireEvent.change(box, { target: { value: '  Draft the Q3 plan  ' } });
  fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
  expect(onSend).not.toHaveBeenCalled();
  fireEvent.keyDown(box, { key: 'Enter' });
  expect(onSend).toHaveBeenCalledWith('Draft the Q3 plan', []);
  expect((box as HTMLTextAreaElement).value).toBe('');

  fireEvent.keyDown(box, { key: 'Enter' });
  expect(onSend).toHaveBeenCalledTimes(1);

  rerender(<Composer disabled={false} sending onSend={onSend} onStop={onStop} />);
  expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
  expect(onStop).toHaveBeenCalledTimes(1);
});

it('cannot send before an employee is chosen', () => {
  const onSend = vi.fn();
  render(<Composer disabled sending={false} onSend={onSend} onStop={() => {}} />, { wrapper: ToastProvider });
  expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
});
