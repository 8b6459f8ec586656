/**
 * Form validation for the auth pages: a zod schema turns the submitted FormData into values or
 * per-field messages shown under each field.
 */
import { z } from 'zod';

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

export type ParsedForm<T> =
  { ok: true; values: T } | { ok: false; errors: FieldErrors<Extract<keyof T, string>> };

export function parseForm<Schema extends z.ZodType<Record<string, unknown>>>(
  schema: Schema,
  form: FormData,
): ParsedForm<z.infer<Schema>> {
  const result = schema.safeParse(Object.fromEntries(form));
  if (result.success) return { ok: true, values: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors: errors as FieldErrors<Extract<keyof z.infer<Schema>, string>> };
}

/** The project's rule for new passwords: `minimum_password_length` in supabase/config.toml. */
export const MIN_PASSWORD_LENGTH = 10;

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .pipe(z.email('Enter a valid email address, like name@example.com.'));

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(72, 'Use at most 72 characters.');

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password.'),
});

export const signUpSchema = z.object({
  fullName: z.string().trim().min(1, 'Enter your name.').max(80, 'Use at most 80 characters.'),
  email,
  password: newPassword,
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string() })
  .refine((values) => values.password === values.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match.',
  });

/** Moves focus to the first field with a message, so keyboard and screen-reader users land on it. */
export function focusFirstInvalid(form: HTMLFormElement, errors: Partial<Record<string, string>>): void {
  const first = Object.keys(errors)[0];
  const control = first ? form.elements.namedItem(first) : null;
  if (control instanceof HTMLElement) control.focus();
}
