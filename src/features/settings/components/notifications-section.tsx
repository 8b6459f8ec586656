import { Card, useToast } from '@/components/ui';
import { useUpdateUserSettings, useUserSettings, type UserSettings } from '@/lib/user-settings';

type Preference = 'notify_usage_email' | 'notify_activity_email' | 'notify_product_email' | 'notify_in_app';

const preferences: Array<{ key: Preference; label: string; hint: string }> = [
  {
    key: 'notify_usage_email',
    label: 'Usage alerts by email',
    hint: '80 % and 100 % of your monthly allowance, and purchased credits running low.',
  },
  {
    key: 'notify_activity_email',
    label: 'Activity by email',
    hint: 'Finished or failed runs and support replies.',
  },
  {
    key: 'notify_product_email',
    label: 'Product news by email',
    hint: 'Now and then, never more than monthly.',
  },
  { key: 'notify_in_app', label: 'Notifications in the app', hint: 'The bell in the header.' },
];

export function NotificationsSection() {
  const settings = useUserSettings();
  const update = useUpdateUserSettings();
  const toast = useToast();

  const toggle = (key: Preference, value: boolean) =>
    update.mutate({ [key]: value } as Partial<UserSettings>, {
      onError: (error) => toast.error(error, 'Saving failed'),
    });

  return (
    <Card
      as="section"
      title="Notifications"
      titleAs="h2"
      description="Payment failures and account changes are always emailed."
    >
      <fieldset className="settings-fieldset" disabled={!settings.data || update.isPending}>
        <legend className="visually-hidden">Email and in-app notifications</legend>
        {preferences.map((preference) => (
          <label key={preference.key} className="settings-check">
            <input
              type="checkbox"
              name={preference.key}
              checked={settings.data?.[preference.key] ?? false}
              onChange={(event) => toggle(preference.key, event.target.checked)}
            />
            <span>
              {preference.label}
              <small className="settings-note">{preference.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
    </Card>
  );
}
