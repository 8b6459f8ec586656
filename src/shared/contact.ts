/** The public contact form's contract, for the SPA and POST /api/contact alike. */
import { z } from 'zod';
import { storableText } from './storable-text';

export const contactTopics = ['general', 'sales', 'support', 'partnership', 'press'] as const;
export type ContactTopic = (typeof contactTopics)[number];

/** Humans take longer than this to fill the form; bots posting at once are refused. */
export const minimumSecondsToSubmit = 3;

export const contactSubmissionSchema = z.object({
  name: storableText().trim().min(1, 'Tell us your name.').max(120),
  email: storableText()
    .trim()
    .max(320)
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'Enter an email address like you@example.com.'),
  company: storableText().trim().max(200).optional(),
  topic: z.enum(contactTopics),
  message: storableText().trim().min(1, 'Write a message.').max(5000),
  /** Issued by GET /api/contact/form-token when the form was shown (time-to-submit check). */
  formToken: z.string().min(1).max(200),
  /** The honeypot: hidden from people, filled in by bots. */
  website: z.string().max(500).optional(),
});
export type ContactSubmission = z.infer<typeof contactSubmissionSchema>;

export const contactFormTokenSchema = z.object({ formToken: z.string() });
