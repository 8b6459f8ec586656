import { describe, expect, it } from 'vitest';
import { paths, safeNextPath } from './paths';

describe('paths', () => {
  it('builds links with encoded parameters and only the query values that are set', () => {
    expect(paths.employee.getHref('ada code/reviewer')).toBe('/marketplace/ada%20code%2Freviewer');
    expect(paths.marketplace.getHref({ q: 'seo & ads', category: '', page: 2 })).toBe(
      '/marketplace?q=seo+%26+ads&page=2',
    );
    expect(paths.signIn.getHref('/workforce?tab=1')).toBe('/sign-in?next=%2Fworkforce%3Ftab%3D1');
    expect(paths.signIn.getHref()).toBe('/sign-in');
  });
});

describe('safeNextPath', () => {
  it('keeps same-site paths and refuses anything that could leave the site', () => {
    expect(safeNextPath('/workforce?tab=1')).toBe('/workforce?tab=1');
    for (const hostile of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      null,
    ]) {
      expect(safeNextPath(hostile)).toBe('/dashboard');
    }
    expect(safeNextPath(undefined, '/')).toBe('/');
  });
});
