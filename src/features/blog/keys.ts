export const blogKeys = {
  all: ['blog'] as const,
  list: (page: number, tag: string) => [...blogKeys.all, 'list', { page, tag }] as const,
  tags: () => [...blogKeys.all, 'tags'] as const,
  post: (slug: string) => [...blogKeys.all, 'post', slug] as const,
};
