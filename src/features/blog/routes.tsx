import type { RouteObject } from 'react-router';
import { paths } from '@/config/paths';

export const blogRoutes: RouteObject[] = [
  {
    path: paths.blog.path,
    lazy: async () => ({ Component: (await import('./components/blog-list-page')).BlogListPage }),
  },
  {
    path: paths.blogPost.path,
    lazy: async () => ({ Component: (await import('./components/blog-post-page')).BlogPostPage }),
  },
];
