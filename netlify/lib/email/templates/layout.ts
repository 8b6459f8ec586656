/** The frame every email shares: the same text in HTML and plain text, and the footer. */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailContent {
  subject: string;
  /** Short paragraphs, plain text (escaped in the HTML part). */
  paragraphs: string[];
  action?: { label: string; url: string };
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface EmailFooter {
  /** Present for non-essential mail: where one click turns this kind of email off. */
  unsubscribe?: { url: string; what: string };
  settingsUrl: string;
}

export function renderLayout(content: EmailContent, footer: EmailFooter): RenderedEmail {
  const footerText = footer.unsubscribe
    ? `You get this email because ${footer.unsubscribe.what} are on. Unsubscribe: ${footer.unsubscribe.url}`
    : 'You get this email because it concerns your account; it cannot be turned off.';
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    '—',
    footerText,
    `Email settings: ${footer.settingsUrl}`,
  ].join('\n\n');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a2e;max-width:560px;margin:0 auto;padding:24px">
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`
    : ''
}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
<p style="font-size:12px;color:#666">${
    footer.unsubscribe
      ? `You get this email because ${escapeHtml(footer.unsubscribe.what)} are on. <a href="${escapeHtml(footer.unsubscribe.url)}">Unsubscribe</a>.`
      : 'You get this email because it concerns your account; it cannot be turned off.'
  } <a href="${escapeHtml(footer.settingsUrl)}">Email settings</a>.</p>
</body></html>`;
  return { subject: content.subject, text, html };
}
