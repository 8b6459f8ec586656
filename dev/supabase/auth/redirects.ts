/**
 * Where email links and `/verify` send the browser: GoTrue's `isRedirectURLValid`. A redirect is
 * honoured when it is on the site URL's host or matches an allow-list glob (`*` stops at `.` and
 * `/`, `**` does not, as gobwas/glob compiled with those separators); anything else falls back to
 * the site URL, so a crafted link cannot bounce tokens to a foreign origin.
 */

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^./]*';
    } else if (char === '?') {
      source += '[^./]';
    } else {
      source += char.replace(/[\\^$.+()|[\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

export function isRedirectAllowed(redirect: string, siteUrl: string, allowList: string[]): boolean {
  let target: URL;
  try {
    target = new URL(redirect);
  } catch {
    return false;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  if (target.hostname === new URL(siteUrl).hostname) return true;
  return allowList.some((pattern) => globToRegExp(pattern).test(redirect));
}

export function resolveRedirect(
  requested: string | null | undefined,
  siteUrl: string,
  allowList: string[],
): string {
  if (requested && isRedirectAllowed(requested, siteUrl, allowList)) return requested;
  return siteUrl;
}
