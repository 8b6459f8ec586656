/** Turns an outbox row into the message a transport sends: wording, footer, unsubscribe headers. */
import { categoryLabel } from './categories';
import { emailTemplates, isEmailTemplate } from './templates';
import { renderLayout, type RenderedEmail } from './templates/layout';
import { unsubscribeToken } from './unsubscribe-token';

export interface OutboxRow {
  id: string;
  user_id: string | null;
  to_email: string;
  template: string;
  payload: unknown;
  attempts: number;
}

export interface OutgoingEmail extends RenderedEmail {
  /** The outbox row id: the provider's idempotency key, so a resend is delivered once. */
  id: string;
  template: string;
  from: string;
  to: string;
  headers: Record<string, string>;
  /** The unsubscribe URL, when the email has one. */
  unsubscribeUrl?: string;
}

export interface RenderSettings {
  appUrl: string;
  serviceRoleKey: string;
  from: string;
}

/** Throws for a row no template can render (unknown template, bad payload): it can never be sent. */
export function renderOutboxEmail(row: OutboxRow, settings: RenderSettings): OutgoingEmail {
  if (!isEmailTemplate(row.template))
    throw new PermanentEmailError(`unknown email template "${row.template}"`);
  const template = emailTemplates[row.template];
  const parsed = template.payload.safeParse(row.payload);
  if (!parsed.success) throw new PermanentEmailError(`payload does not fit template "${row.template}"`);
  // Each template's content function takes its own payload type; the registry lookup loses it.
  const content = (
    template.content as (payload: unknown, appUrl: string) => ReturnType<typeof template.content>
  )(parsed.data, settings.appUrl);

  let unsubscribeUrl: string | undefined;
  if (template.category !== 'essential' && row.user_id) {
    const token = unsubscribeToken(settings.serviceRoleKey, row.user_id, template.category);
    unsubscribeUrl = `${settings.appUrl}/api/email/unsubscribe?token=${encodeURIComponent(token)}`;
  }
  const rendered = renderLayout(content, {
    settingsUrl: `${settings.appUrl}/settings`,
    unsubscribe:
      unsubscribeUrl && template.category !== 'essential'
        ? { url: unsubscribeUrl, what: categoryLabel[template.category] }
        : undefined,
  });
  return {
    ...rendered,
    id: row.id,
    template: row.template,
    from: settings.from,
    to: row.to_email,
    headers: unsubscribeUrl
      ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : {},
    unsubscribeUrl,
  };
}

/** A failure that retrying cannot fix: the row goes dead at once. */
export class PermanentEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEmailError';
  }
}
