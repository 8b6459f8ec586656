import type { ReactNode } from 'react';
import { cx } from './cx';

interface CardProps {
  as?: 'div' | 'section' | 'article' | 'li';
  title?: ReactNode;
  titleAs?: 'h2' | 'h3' | 'h4';
  description?: ReactNode;
  /** Buttons or links shown at the top right. */
  actions?: ReactNode;
  footer?: ReactNode;
  className?: string;
  children?: ReactNode;
}

export function Card({
  as: Element = 'div',
  title,
  titleAs: Title = 'h2',
  description,
  actions,
  footer,
  className,
  children,
}: CardProps) {
  const hasHeader = title !== undefined || description !== undefined || actions !== undefined;
  return (
    <Element className={cx('card', className)}>
      {hasHeader && (
        <div className="card__header">
          <div>
            {title !== undefined && <Title className="card__title">{title}</Title>}
            {description !== undefined && <p className="card__description">{description}</p>}
          </div>
          {actions !== undefined && <div className="card__actions">{actions}</div>}
        </div>
      )}
      {children}
      {footer !== undefined && <div className="card__footer">{footer}</div>}
    </Element>
  );
}
