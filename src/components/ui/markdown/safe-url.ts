const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL a rendered link may point to, or `undefined` to render no link at all.
 *
 * Answers come from a language model that may have read attacker-controlled text, so only
 * absolute http(s) and mailto URLs survive; `javascript:`, `data:`, `vbscript:` and relative
 * URLs (which would point into this app) are dropped. Parsing with `URL` applies the same
 * normalisation a browser does (stripped tabs/newlines, case), so `java\tscript:` cannot slip
 * through. Same-page fragments stay: GFM footnotes link to them.
 */
export function safeUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^#[\w-]*$/.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed);
    return allowedProtocols.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
