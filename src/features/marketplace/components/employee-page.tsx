import { formatNumber } from '@/lib/credits-format';
import { Link, useParams } from 'react-router';
import {
  Avatar,
  Badge,
  ButtonLink,
  EmptyState,
  ErrorState,
  PageSpinner,
  Stat,
  StatGroup,
} from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useEmployee } from '../api/get-employee';
import { formatCategory, formatCount, formatDate } from '../format';
import '../marketplace.css';
import type { CatalogEmployee } from '../schemas';
import { HireButton } from './hire-button';
import { ReviewsSection } from './reviews-section';

export function EmployeePage() {
  const { slug = '' } = useParams();
  const employee = useEmployee(slug);
  useDocumentTitle(employee.data ? `${employee.data.name}, ${employee.data.role}` : 'AI employee');

  if (employee.isPending) return <PageSpinner label="Loading AI employee" />;
  if (employee.isError) {
    return (
      <div className="page container">
        {isApiClientError(employee.error) && employee.error.code === 'NOT_FOUND' ? (
          <EmptyState
            headingLevel="h2"
            title="This AI employee is not in the marketplace"
            description="They may have been retired, or the link may be mistyped."
            action={<ButtonLink to={paths.marketplace.getHref()}>Browse the marketplace</ButtonLink>}
          />
        ) : (
          <ErrorState
            error={employee.error}
            onRetry={() => void employee.refetch()}
            retrying={employee.isFetching}
          />
        )}
      </div>
    );
  }
  return <EmployeeProfile employee={employee.data} />;
}

function EmployeeProfile({ employee }: { employee: CatalogEmployee }) {
  return (
    <article className="page container employee-profile" aria-labelledby="employee-name">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to={paths.marketplace.getHref()}>Marketplace</Link>
          </li>
          <li>
            <Link to={paths.marketplace.getHref({ category: employee.category })}>
              {formatCategory(employee.category)}
            </Link>
          </li>
          <li aria-current="page">{employee.name}</li>
        </ol>
      </nav>

      <header className="employee-profile__header">
        <Avatar name={employee.name} src={employee.avatarUrl} size="lg" alt="" />
        <div className="employee-profile__identity">
          <h1 id="employee-name">{employee.name}</h1>
          <p className="employee-profile__role">{employee.role}</p>
          <Badge tone="accent">{formatCategory(employee.category)}</Badge>
        </div>
        <div className="employee-profile__cta">
          <HireButton employee={employee} size="lg" />
        </div>
      </header>

      <div className="employee-profile__body">
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">About</h2>
          <p className="employee-profile__description">{employee.description}</p>
          <h3>Skills</h3>
          <ul className="skill-list">
            {employee.skills.map((skill) => (
              <li key={skill} className="skill-list__item">
                {skill}
              </li>
            ))}
          </ul>
          {employee.latestChangelog && (
            <>
              <h3>What is new in version {employee.latestVersion}</h3>
              <p className="employee-profile__changelog">{employee.latestChangelog}</p>
            </>
          )}
        </section>

        <aside aria-label="At a glance">
          <StatGroup className="employee-profile__stats">
            <Stat
              label="Default model"
              value={<code>{employee.defaultModel}</code>}
              hint={employee.defaultProvider}
            />
            <Stat
              label="Rating"
              value={employee.averageRating === null ? '—' : employee.averageRating.toFixed(1)}
              hint={formatCount(employee.reviewCount, 'review')}
            />
            <Stat label="Hires" value={formatNumber(employee.hireCount)} />
            {employee.latestVersion !== null && (
              <Stat
                label="Version"
                value={employee.latestVersion}
                hint={
                  employee.latestVersionCreatedAt
                    ? `Released ${formatDate(employee.latestVersionCreatedAt)}`
                    : undefined
                }
              />
            )}
          </StatGroup>
        </aside>
      </div>

      <ReviewsSection employee={employee} />
    </article>
  );
}
