import { useState } from 'react';
import { Button, Field, Input, Select, Textarea, useToast } from '@/components/ui';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { AdminEmployee } from '@/shared/admin-catalog';
import { llmProviderNames, type LlmProviderName } from '@/shared/llm-contract';
import { useEmployees, usePublication, usePublishVersion } from '../api/admin-api';
import { QueryView } from './query-view';

const trend = (employee: AdminEmployee) => {
  const change = employee.hiresLast30Days - employee.hiresPrevious30Days;
  return `${employee.hiresLast30Days} (${change >= 0 ? '+' : ''}${change} vs the 30 days before)`;
};

function PublishVersionForm({ employee, onDone }: { employee: AdminEmployee; onDone: () => void }) {
  const toast = useToast();
  const publish = usePublishVersion(employee.id);
  const [provider, setProvider] = useState<LlmProviderName>(
    (employee.provider as LlmProviderName) ?? 'openai',
  );
  const [model, setModel] = useState(employee.model ?? '');
  const [systemPrompt, setSystemPrompt] = useState('');
  const [changelog, setChangelog] = useState('');
  return (
    <form
      className="admin-form"
      aria-label={`New version of ${employee.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        publish.mutate(
          { provider, model: model.trim(), systemPrompt, changelog, tools: [] },
          {
            onSuccess: () => {
              toast.success(
                'Version published',
                `${employee.name} has a new version; hires are offered the upgrade.`,
              );
              onDone();
            },
            onError: (error) => toast.error(error, 'The version was not published'),
          },
        );
      }}
    >
      <div className="admin-form__row">
        <Field label="Provider">
          <Select
            options={llmProviderNames.map((name) => ({ value: name, label: name }))}
            value={provider}
            onValueChange={(value) => value && setProvider(value)}
          />
        </Field>
        <Field label="Model">
          <Input value={model} onChange={(event) => setModel(event.target.value)} />
        </Field>
      </div>
      <Field label="System prompt">
        <Textarea rows={8} value={systemPrompt} onChange={(event) => setSystemPrompt(event.target.value)} />
      </Field>
      <Field label="Changelog">
        <Input value={changelog} onChange={(event) => setChangelog(event.target.value)} />
      </Field>
      <Button type="submit" loading={publish.isPending}>
        Publish version {(employee.latestVersion ?? 0) + 1}
      </Button>
    </form>
  );
}

function EmployeeRow({ employee }: { employee: AdminEmployee }) {
  const toast = useToast();
  const publication = usePublication();
  const [editing, setEditing] = useState(false);
  return (
    <>
      <tr>
        <td>
          {employee.name} <span className="admin-definition">{employee.category}</span>
        </td>
        <td>
          v{employee.latestVersion ?? '—'} · {employee.provider}/{employee.model}
        </td>
        <td className="num">{employee.hires}</td>
        <td className="num">{employee.activeUsers}</td>
        <td className="num">{employee.messages}</td>
        <td className="num">{employee.rating ?? '—'}</td>
        <td>{trend(employee)}</td>
        <td>
          <Button size="sm" variant="secondary" onClick={() => setEditing((open) => !open)}>
            New version
          </Button>{' '}
          <Button
            size="sm"
            variant={employee.published ? 'danger' : 'primary'}
            loading={publication.isPending}
            onClick={() =>
              publication.mutate(
                { id: employee.id, published: !employee.published },
                { onError: (error) => toast.error(error, 'Could not change the publication') },
              )
            }
          >
            {employee.published ? 'Unpublish' : 'Publish'}
          </Button>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={8}>
            <PublishVersionForm employee={employee} onDone={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The catalog: versions (immutable; a change is a new one), publication, analytics and trends. */
export function CatalogPage() {
  useDocumentTitle('Catalog · Admin');
  const employees = useEmployees();
  return (
    <>
      <header className="page-header">
        <h1>Catalog</h1>
      </header>
      <QueryView query={employees} what="The catalog">
        {(rows) => (
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Employee</th>
                <th scope="col">Latest version</th>
                <th scope="col" className="num">
                  Hires
                </th>
                <th scope="col" className="num">
                  Active users
                </th>
                <th scope="col" className="num">
                  Messages
                </th>
                <th scope="col" className="num">
                  Rating
                </th>
                <th scope="col">New hires, 30 days</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((employee) => (
                <EmployeeRow key={employee.id} employee={employee} />
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}
