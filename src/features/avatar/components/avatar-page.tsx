import { useDocumentTitle } from '@/lib/use-document-title';
import '../avatar.css';
import { AvatarUploader } from './avatar-uploader';

export function AvatarPage() {
  useDocumentTitle('Profile picture');
  return (
    <div className="page container">
      <header className="page-header">
        <div>
          <h1>Profile picture</h1>
          <p className="page-header__lead">The picture others see next to your name.</p>
        </div>
      </header>
      <AvatarUploader />
    </div>
  );
}
