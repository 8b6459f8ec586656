import { useMutation } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { AppProviders } from './providers';
import { ApiClientError } from '@/lib/api-client-error';
import { useToast } from '@/components/ui/toast/toast-provider';

const failure = new ApiClientError({
  status: 402,
  code: 'INSUFFICIENT_CREDITS',
  message: 'You need 1,200 more credits for this request.',
  requestId: 'req_42',
});

function HireButton({ errorToast }: { errorToast?: boolean }) {
  const hire = useMutation({
    mutationFn: () => Promise.reject(failure),
    meta: errorToast === undefined ? undefined : { errorToast },
  });
  return (
    <>
      <button onClick={() => hire.mutate()}>Hire</button>
      {hire.isError && <p>Inline: {hire.error.message}</p>}
    </>
  );
}

it('shows a failed mutation as an error toast with the message and request reference', async () => {
  render(
    <AppProviders>
      <HireButton />
    </AppProviders>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Hire' }));
  const toast = await screen.findByRole('alert');
  expect(within(toast).getByText('You need 1,200 more credits for this request.')).toBeTruthy();
  expect(within(toast).getByText('Reference: req_42')).toBeTruthy();

  fireEvent.click(within(toast).getByRole('button', { name: 'Dismiss notification' }));
  expect(screen.queryByRole('alert')).toBeNull();
});

it('stays quiet for a mutation that shows its error inline', async () => {
  render(
    <AppProviders>
      <HireButton errorToast={false} />
    </AppProviders>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Hire' }));
  expect(await screen.findByText(/Inline: You need 1,200 more credits/)).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
});

it('useToast announces successes politely', async () => {
  function Save() {
    const toast = useToast();
    return <button onClick={() => toast.success('Review saved')}>Save</button>;
  }
  render(
    <AppProviders>
      <Save />
    </AppProviders>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  const region = screen.getByRole('region', { name: 'Status messages' });
  expect(within(region).getByRole('status').textContent).toContain('Review saved');
});
