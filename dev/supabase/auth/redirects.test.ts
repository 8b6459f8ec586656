import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration';
import { resolveRedirect } from './redirects';

describe('resolveRedirect', () => {
  const site = 'http://localhost:5173';
  const allow = ['http://127.0.0.1:5173/**', 'https://*.example.com/callback'];

  it('keeps redirects on the site host or matching the allow list', () => {
    expect(resolveRedirect('http://localhost:5173/reset-password', site, allow)).toBe(
      'http://localhost:5173/reset-password',
    );
    expect(resolveRedirect('http://127.0.0.1:5173/a/b?c=d', site, allow)).toBe(
      'http://127.0.0.1:5173/a/b?c=d',
    );
    expect(resolveRedirect('https://app.example.com/callback', site, allow)).toBe(
      'https://app.example.com/callback',
    );
  });

  it('falls back to the site URL otherwise', () => {
    expect(resolveRedirect('https://evil.test/', site, allow)).toBe(site);
    // `*` does not cross dots, so a look-alike host does not match.
    expect(resolveRedirect('https://a.b.example.com/callback', site, allow)).toBe(site);
    expect(resolveRedirect('javascript:alert(1)', site, allow)).toBe(site);
    expect(resolveRedirect(null, site, allow)).toBe(site);
  });
});

describe('parseGoDuration', () => {
  it('reads Go durations', () => {
    expect(parseGoDuration('24h')).toBe(86_400_000);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('forever')).toBeNull();
    expect(parseGoDuration('10')).toBeNull();
  });
});
