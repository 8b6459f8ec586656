import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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
  // Escape in the box stops the answer too.
  fireEvent.keyDown(box, { key: 'Escape' });
  expect(onStop).toHaveBeenCalledTimes(2);
});

it('cannot send before an employee is chosen', () => {
  const onSend = vi.fn();
  render(<Composer disabled sending={false} onSend={onSend} onStop={() => {}} />, { wrapper: ToastProvider });
  expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
});

it('uploads chosen files at once, sends their references with the message, and refuses a sixth', async () => {
  const onSend = vi.fn();
  let finishUpload: (() => void) | undefined;
  const onAttach = vi.fn(
    (file: File) =>
      new Promise<{ path: string; name: string }>((resolve) => {
        finishUpload = () => resolve({ path: `u/1/${file.name}`, name: file.name });
      }),
  );
  render(
    <Composer disabled={false} sending={false} onSend={onSend} onStop={() => {}} onAttach={onAttach} />,
    {
      wrapper: ToastProvider,
    },
  );
  const box = screen.getByRole('textbox', { name: 'Message' });
  fireEvent.change(box, { target: { value: 'Summarise the report' } });
  const input = screen.getByLabelText('Attach files');
  fireEvent.change(input, { target: { files: [new File(['%PDF'], 'q3.pdf', { type: 'application/pdf' })] } });

  // While the file uploads, the message cannot be sent without it.
  expect(screen.getByRole('list', { name: 'Files to send' }).textContent).toContain('q3.pdf (uploading…)');
  expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  finishUpload?.();
  await waitFor(() =>
    expect(screen.getByRole('list', { name: 'Files to send' }).textContent).not.toContain('uploading'),
  );

  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  expect(onSend).toHaveBeenCalledWith('Summarise the report', [{ path: 'u/1/q3.pdf', name: 'q3.pdf' }]);
  expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();

  const six = Array.from({ length: 6 }, (_, i) => new File(['x'], `${i}.txt`, { type: 'text/plain' }));
  fireEvent.change(input, { target: { files: six } });
  expect(onAttach).toHaveBeenCalledTimes(1 + 5);
  expect(await screen.findByText('A message can carry at most 5 files.')).toBeTruthy();
});
