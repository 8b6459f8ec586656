import { useDocumentTitle } from '@/lib/use-document-title';
import '../team-runs.css';
import { RunList } from './run-list';
import { StartRunForm } from './start-run-form';

export function TeamRunsPage() {
  useDocumentTitle('Team runs');
  return (
    <div className="page container team-runs">
      <header className="page-header">
        <div>
          <h1>Team runs</h1>
          <p className="page-header__lead">
            A supervisor plans the task, up to five of your employees work on it in parallel, and the
            supervisor combines their work into one answer.
          </p>
        </div>
      </header>
      <StartRunForm />
      <RunList />
    </div>
  );
}
