/**
 * Why an email is sent decides whether the user can turn it off. Essential mail (their account,
 * their money) always goes and carries no unsubscribe link; every other category maps to one
 * preference column of user_settings, which the unsubscribe link turns off.
 */
export type EmailCategory = 'essential' | 'usage' | 'activity' | 'product';

export type OptionalEmailCategory = Exclude<EmailCategory, 'essential'>;

export const preferenceColumn = {
  usage: 'notify_usage_email',
  activity: 'notify_activity_email',
  product: 'notify_product_email',
} as const satisfies Record<OptionalEmailCategory, string>;

export const categoryLabel: Record<OptionalEmailCategory, string> = {
  usage: 'usage alerts',
  activity: 'emails about your tickets and runs',
  product: 'product news',
};

export const isOptionalCategory = (category: string): category is OptionalEmailCategory =>
  category in preferenceColumn;
