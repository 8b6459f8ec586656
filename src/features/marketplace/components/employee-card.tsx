import { Link } from 'react-router';
import { Avatar, Badge } from '@/components/ui';
import { paths } from '@/config/paths';
import { formatCategory, formatCount } from '../format';
import type { CatalogEmployee } from '../schemas';
import { HireButton } from './hire-button';
import { Rating } from './rating';

const visibleSkills = 4;

export function EmployeeCard({ employee }: { employee: CatalogEmployee }) {
  const hiddenSkills = employee.skills.length - visibleSkills;
  return (
    <li className="employee-card">
      <div className="employee-card__header">
        <Avatar name={employee.name} src={employee.avatarUrl} size="lg" alt="" />
        <div className="employee-card__identity">
          <h3 className="employee-card__name">
            <Link to={paths.employee.getHref(employee.slug)} className="employee-card__link">
              {employee.name}
            </Link>
          </h3>
          <p className="employee-card__role">{employee.role}</p>
          <Badge tone="accent" className="employee-card__category">
            {formatCategory(employee.category)}
          </Badge>
        </div>
      </div>
      <p className="employee-card__description">{employee.description}</p>
      <ul className="skill-list" aria-label="Skills">
        {employee.skills.slice(0, visibleSkills).map((skill) => (
          <li key={skill} className="skill-list__item">
            {skill}
          </li>
        ))}
        {hiddenSkills > 0 && (
          <li className="skill-list__item skill-list__item--more">+{hiddenSkills} more</li>
        )}
      </ul>
      <div className="employee-card__footer">
        <div className="employee-card__stats">
          <Rating value={employee.averageRating} count={employee.reviewCount} />
          <span className="employee-card__hires">{formatCount(employee.hireCount, 'hire')}</span>
        </div>
        <HireButton employee={employee} size="sm" />
      </div>
    </li>
  );
}

export function EmployeeCardSkeleton() {
  return (
    <li className="employee-card employee-card--skeleton" aria-hidden="true">
      <div className="employee-card__header">
        <span className="skeleton skeleton--full" style={{ width: '4rem', height: '4rem' }} />
        <div className="employee-card__identity">
          <span className="skeleton skeleton--sm" style={{ width: '8rem', height: '1.1rem' }} />
          <span
            className="skeleton skeleton--sm"
            style={{ width: '11rem', height: '0.9rem', marginTop: '0.5rem' }}
          />
        </div>
      </div>
      <span className="skeleton skeleton--sm" style={{ height: '3.5rem' }} />
      <span className="skeleton skeleton--sm" style={{ width: '70%', height: '1.5rem' }} />
    </li>
  );
}
