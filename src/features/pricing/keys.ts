export const pricingKeys = {
  all: ['pricing'] as const,
  catalog: () => [...pricingKeys.all, 'catalog'] as const,
};
