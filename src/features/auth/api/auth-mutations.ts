/**
 * The auth actions as mutations. Each throws auth-js's error so the form can show it inline
 * (`errorToast: false`); the session itself reaches the app through `onAuthStateChange`.
 */
import { useMutation } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { paths } from '@/config/paths';
import { env } from '@/config/env';

/** Where email links send the browser back to: this app, on the given page. */
function appLink(path: string): string {
  return new URL(path, env.appUrl ?? window.location.origin).toString();
}

export function useSignIn() {
  return useMutation({
    meta: { errorToast: false },
    mutationFn: async (credentials: { email: string; password: string }) => {
      const { data, error } = await supabase.auth.signInWithPassword(credentials);
      if (error) throw error;
      return data;
    },
  });
}

export interface SignUpInput {
  fullName: string;
  email: string;
  password: string;
}

export function useSignUp() {
  return useMutation({
    meta: { errorToast: false },
    /** Resolves with `needsConfirmation` when the project requires email confirmation first. */
    mutationFn: async ({ fullName, email, password }: SignUpInput) => {
      const { data, error } = await supabase.auth.signUp({
        email,
        password,
        options: { data: { full_name: fullName }, emailRedirectTo: appLink(paths.dashboard.getHref()) },
      });
      if (error) throw error;
      return { needsConfirmation: data.session === null };
    },
  });
}

export function useResendConfirmation() {
  return useMutation({
    meta: { errorToast: false },
    mutationFn: async (email: string) => {
      const { error } = await supabase.auth.resend({
        type: 'signup',
        email,
        options: { emailRedirectTo: appLink(paths.dashboard.getHref()) },
      });
      if (error) throw error;
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    meta: { errorToast: false },
    mutationFn: async (email: string) => {
      const { error } = await supabase.auth.resetPasswordForEmail(email, {
        redirectTo: appLink(paths.resetPassword.getHref()),
      });
      if (error) throw error;
    },
  });
}

export function useUpdatePassword() {
  return useMutation({
    meta: { errorToast: false },
    mutationFn: async (password: string) => {
      const { error } = await supabase.auth.updateUser({ password });
      if (error) throw error;
    },
  });
}
