/**
 * Every route the SPA links to is mounted, and every mounted page is declared in paths.ts (so links
 * are built from one place). Redirects kept for old links are not pages and need no entry.
 */
import type { RouteObject } from 'react-router';
import { expect, it } from 'vitest';
import { paths } from '@/config/paths';
import { routes } from './routes';

function mounted(tree: RouteObject[], parent = ''): string[] {
  return tree.flatMap((route) => {
    const own = route.path ?? '';
    const full = own.startsWith('/') ? own : own ? `${parent.replace(/\/$/, '')}/${own}` : parent;
    const isPage = Boolean(route.path && (route.lazy || route.Component));
    return [...(isPage ? [full] : []), ...mounted(route.children ?? [], full)];
  });
}

it('mounts exactly the routes paths.ts declares', () => {
  const routePatterns = new Set(mounted(routes).filter((pattern) => !pattern.endsWith('*')));
  const declared = new Set<string>(Object.values(paths).map((entry) => entry.path));
  expect([...declared].filter((pattern) => !routePatterns.has(pattern))).toEqual([]);
  expect([...routePatterns].filter((pattern) => !declared.has(pattern))).toEqual([]);
});
