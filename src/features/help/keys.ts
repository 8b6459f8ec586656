export const helpKeys = {
  all: ['help'] as const,
  faq: () => [...helpKeys.all, 'faq'] as const,
};
