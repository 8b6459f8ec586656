import type { OutgoingEmail } from '../render-email';

/** Where an email goes. `send` resolves once the message is accepted, or throws. */
export interface EmailTransport {
  name: string;
  send(email: OutgoingEmail): Promise<{ providerMessageId: string | null }>;
}
