/**
 * Query-key roots for data that more than one feature reads or changes. Features build their
 * keys under these roots, so one feature's mutation can refresh another's views of the same
 * rows without importing it (features never import each other).
 */
export const sharedQueryKeys = {
  /** The published catalog: lists, details, counts of hires and reviews. */
  catalog: ['catalog'] as const,
  /** Plans, their prices and token packs (src/lib/public-catalog.ts): the pricing and billing pages. */
  publicCatalog: ['public-catalog'] as const,
  /** The signed-in user's hires (purchased_employees). */
  hires: ['hires'] as const,
  /** The signed-in user's credit balance (src/lib/credit-balance.ts): settlements and purchases. */
  creditBalance: ['credit-balance'] as const,
  /** The signed-in user's display name and avatar (src/lib/my-profile.ts). */
  myProfile: ['my-profile'] as const,
  /** The signed-in user's AI defaults and notification preferences (src/lib/user-settings.ts). */
  userSettings: ['user-settings'] as const,
};
