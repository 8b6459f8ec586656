import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { contactFormTokenSchema, type ContactSubmission } from '@/shared/contact';
import { helpKeys } from '../keys';

/** The form's time-to-submit token, fetched when the form is shown (never cached across visits). */
export const useContactFormToken = () =>
  useQuery({
    queryKey: [...helpKeys.all, 'contact-form-token'],
    queryFn: ({ signal }) => apiJson('/api/contact/form-token', contactFormTokenSchema, { signal }),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });

export const useSendContact = () =>
  useMutation({
    mutationFn: (submission: ContactSubmission) =>
      apiJson('/api/contact', z.object({ received: z.literal(true) }), { method: 'POST', json: submission }),
  });
