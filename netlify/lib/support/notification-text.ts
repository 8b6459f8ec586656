/**
 * Wording of the in-app notifications support creates; here rather than in SQL so it can change
 * without a migration. The link is the SPA path of the ticket.
 */
export function supportReplyNotification(subject: string, ticketId: string) {
  return {
    title: `Support replied: ${subject}`.slice(0, 200),
    body: 'Our team answered your ticket. Open it to read the reply.',
    link: `/support/tickets/${ticketId}`,
  };
}

export function ticketResolvedNotification(subject: string, ticketId: string) {
  return {
    title: `Resolved: ${subject}`.slice(0, 200),
    body: 'We marked your ticket as resolved. Reply to it if anything is still wrong.',
    link: `/support/tickets/${ticketId}`,
  };
}
