import { useSession } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import '../settings.css';
import { AiDefaultsSection } from './ai-defaults-section';
import { DataSection } from './data-section';
import { EmailSection } from './email-section';
import { NotificationsSection } from './notifications-section';
import { PasswordSection } from './password-section';
import { ProfileSection } from './profile-section';
import { SecuritySection } from './security-section';

export function SettingsPage() {
  useDocumentTitle('Settings');
  const session = useSession();
  if (session.status !== 'signed-in') return null;
  const { id, email } = session.user;
  return (
    <div className="page container settings-page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="page-header__lead">Your profile, AI defaults, notifications, security and data.</p>
        </div>
      </header>
      <ProfileSection userId={id} />
      <EmailSection email={email ?? 'no address'} />
      <PasswordSection />
      <AiDefaultsSection />
      <NotificationsSection />
      <SecuritySection userId={id} />
      <DataSection />
    </div>
  );
}
