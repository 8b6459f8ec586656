/**
 * The password change through Auth: `PUT /auth/v1/user` with the new password and the current
 * one, which Auth checks (`current_password`, ADR 0070) before anything changes.
 */
import { useMutation } from '@tanstack/react-query';
import { isAuthApiError } from '@supabase/auth-js';
import { supabase } from '@/lib/supabase';

/** supabase/config.toml `minimum_password_length`: Auth refuses shorter ones (422 weak_password). */
export const MIN_PASSWORD_LENGTH = 10;

export function useChangePassword() {
  return useMutation({
    mutationFn: async ({ current, next }: { current: string; next: string }) => {
      const { error } = await supabase.auth.updateUser({ password: next, current_password: current });
      if (error) throw error;
    },
  });
}

/** Which field an Auth refusal belongs to, said as a person would. */
export function passwordChangeErrorMessage(error: Error): {
  field: 'current' | 'new' | 'form';
  message: string;
} {
  if (isAuthApiError(error)) {
    switch (error.code) {
      case 'current_password_invalid':
        return { field: 'current', message: 'That is not your current password. Nothing was changed.' };
      case 'current_password_required':
        return { field: 'current', message: 'Enter your current password.' };
      case 'same_password':
        return { field: 'new', message: 'Choose a password different from the current one.' };
      case 'weak_password':
        return { field: 'new', message: error.message };
      case 'over_request_rate_limit':
        return { field: 'form', message: 'Too many attempts. Wait a few minutes and try again.' };
    }
  }
  return { field: 'form', message: `The password was not changed: ${error.message}` };
}
