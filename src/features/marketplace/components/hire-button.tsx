import { useLocation } from 'react-router';
import { useSession } from '@/lib/auth';
import { Button, ButtonLink, type ButtonSize } from '@/components/ui';
import { paths } from '@/config/paths';
import { useMyHire } from '../api/get-my-hires';
import { useHireEmployee } from '../api/hire-employee';

interface HireButtonProps {
  employee: { id: string; name: string };
  size?: ButtonSize;
}

/**
 * One click to hire. Signed out, it leads to sign-in and back. Once hired it becomes a link to
 * the workforce page; a deactivated hire can be re-activated from here too.
 */
export function HireButton({ employee, size = 'md' }: HireButtonProps) {
  const session = useSession();
  const location = useLocation();
  const { hire, isPending: hiresLoading } = useMyHire(employee.id);
  const hireEmployee = useHireEmployee();

  if (session.status !== 'signed-in') {
    return (
      <ButtonLink
        to={paths.signIn.getHref(`${location.pathname}${location.search}`)}
        size={size}
        variant="secondary"
        aria-label={`Sign in to hire ${employee.name}`}
      >
        Sign in to hire
      </ButtonLink>
    );
  }
  if (hire?.isActive) {
    return (
      <ButtonLink
        to={paths.workforce.getHref()}
        size={size}
        variant="ghost"
        aria-label={`${employee.name} is hired: view your workforce`}
      >
        ✓ Hired
      </ButtonLink>
    );
  }
  const hiring = hireEmployee.isPending && hireEmployee.variables.employeeId === employee.id;
  return (
    <Button
      size={size}
      loading={hiring}
      disabled={hiresLoading}
      onClick={() => hireEmployee.mutate({ employeeId: employee.id, name: employee.name })}
      aria-label={hire ? `Reactivate ${employee.name}` : `Hire ${employee.name}`}
    >
      {hire ? 'Reactivate' : 'Hire'}
    </Button>
  );
}
