import { Avatar, Badge, Button } from '@/components/ui';
import type { ChatEmployee } from '../schemas';
import { startersFor } from '../starters';

/** A new chat before the first message: who you can talk to, as cards. */
export function EmployeePicker({
  employees,
  onChoose,
}: {
  employees: readonly ChatEmployee[];
  onChoose(employeeId: string): void;
}) {
  return (
    <div className="chat-intro">
      <h2 className="chat-intro__title">Who would you like to talk to?</h2>
      <ul className="chat-intro__cards">
        {employees.map((employee) => (
          <li key={employee.id} className="chat-intro__card">
            <Avatar name={employee.name} src={employee.avatarUrl} size="md" alt="" />
            <div className="chat-intro__who">
              <h3 className="chat-intro__name">{employee.name}</h3>
              <p className="chat-intro__role">{employee.role}</p>
            </div>
            <p className="chat-intro__description">{employee.description}</p>
            <Button variant="secondary" size="sm" onClick={() => onChoose(employee.id)}>
              Chat with {employee.name}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The chosen employee of a new chat: what it is good at, and prompts to start from. */
export function EmployeeCard({
  employee,
  onStarter,
  onChange,
}: {
  employee: ChatEmployee;
  onStarter(prompt: string): void;
  /** Offered when there is someone else to choose. */
  onChange?: () => void;
}) {
  const starters = startersFor(employee);
  return (
    <div className="chat-intro">
      <div className="chat-intro__card chat-intro__card--chosen">
        <Avatar name={employee.name} src={employee.avatarUrl} size="lg" alt="" />
        <div className="chat-intro__who">
          <h2 className="chat-intro__name">{employee.name}</h2>
          <p className="chat-intro__role">{employee.role}</p>
        </div>
        <p className="chat-intro__description">{employee.description}</p>
        {employee.skills.length > 0 && (
          <ul className="chat-intro__skills" aria-label="Good at">
            {employee.skills.map((skill) => (
              <li key={skill}>
                <Badge>{skill}</Badge>
              </li>
            ))}
          </ul>
        )}
        {onChange && (
          <Button variant="ghost" size="sm" onClick={onChange}>
            Choose someone else
          </Button>
        )}
      </div>
      {starters.length > 0 && (
        <ul className="chat-intro__starters" aria-label="Start with">
          {starters.map((starter) => (
            <li key={starter.label}>
              <button type="button" className="chat-intro__starter" onClick={() => onStarter(starter.prompt)}>
                {starter.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
