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

export type OAuthProvider = 'github' | 'google';

/**
 * Leaves for the provider's consent page; the browser comes back to `returnPath` with the session
 * (hosted Supabase Auth in production, the local provider stand-ins in development).
 */
export function useOAuthSignIn() {
  return useMutation({
    meta: { errorToast: false },
    mutationFn: async ({ provider, returnPath }: { provider: OAuthProvider; returnPath: string }) => {
      const { error } = await supabase.auth.signInWithOAuth({
        provider,
        options: { redirectTo: appLink(returnPath) },
      });
      if (error) throw error;
    },
  });
}

/**
 * Emails a sign-in link (and a 6-digit code). `createAccount` also signs an unknown address up,
 * with the name it is given; otherwise an unknown address is refused (`otp_disabled`).
 */
export function useEmailLinkSignIn() {
  return useMutation({
    meta: { errorToast: false },
    mutationFn: async (input: {
      email: string;
      returnPath: string;
      createAccount: boolean;
      fullName?: string;
    }) => {
      const { error } = await supabase.auth.signInWithOtp({
        email: input.email,
        options: {
          emailRedirectTo: appLink(input.returnPath),
          shouldCreateUser: input.createAccount,
          ...(input.fullName ? { data: { full_name: input.fullName } } : {}),
        },
      });
      if (error) throw error;
    },
  });
}
