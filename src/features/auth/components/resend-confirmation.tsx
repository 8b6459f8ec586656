import { Button } from '@/components/ui';
import { useResendConfirmation } from '../api/auth-mutations';
import { authErrorMessage } from '../auth-error-message';

/** "Resend the link" for an address whose sign-up is not confirmed yet. */
export function ResendConfirmation({ email }: { email: string }) {
  const resend = useResendConfirmation();
  return (
    <div className="auth-resend">
      <Button
        variant="secondary"
        size="sm"
        loading={resend.isPending}
        disabled={resend.isSuccess}
        onClick={() => resend.mutate(email)}
      >
        {resend.isSuccess ? 'Link sent again' : 'Resend the confirmation link'}
      </Button>
      <p className="auth-resend__status" aria-live="polite">
        {resend.isSuccess && `We sent a new link to ${email}. It replaces the previous one.`}
        {resend.error && authErrorMessage(resend.error)}
      </p>
    </div>
  );
}
