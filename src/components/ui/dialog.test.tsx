import { fireEvent, render, screen } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { ConfirmDialog } from './dialog';

it('asks for confirmation, labelled by its title, and reports the choice', () => {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const { rerender } = render(
    <ConfirmDialog
      open
      title="Remove Maya from your workforce?"
      description="Her chat history stays; you can hire her again at any time."
      confirmLabel="Remove"
      tone="danger"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />,
  );
  const dialog = screen.getByRole('dialog', { name: 'Remove Maya from your workforce?' });
  expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(onConfirm).toHaveBeenCalledOnce();
  expect(onCancel).toHaveBeenCalledOnce();

  rerender(
    <ConfirmDialog
      open={false}
      title="Remove Maya from your workforce?"
      description="Her chat history stays."
      confirmLabel="Remove"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />,
  );
  expect(screen.queryByRole('dialog')).toBeNull();
});
