import type { ReactNode } from 'react';
import '../auth.css';

interface AuthLayoutProps {
  title: string;
  lead?: ReactNode;
  /** A line under the card, e.g. "New here? Create an account". */
  footer?: ReactNode;
  children: ReactNode;
}

/** The narrow centred card every auth page uses. */
export function AuthLayout({ title, lead, footer, children }: AuthLayoutProps) {
  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="auth-title">
        <h1 className="auth-card__title" id="auth-title">
          {title}
        </h1>
        {lead && <p className="auth-card__lead">{lead}</p>}
        {children}
      </section>
      {footer && <p className="auth-page__footer">{footer}</p>}
    </div>
  );
}

/** A failed submission, announced to screen readers as it appears. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="auth-alert auth-alert--error" role="alert">
      {message}
    </p>
  );
}

/** A confirmation shown in place of a form once it has done its job. */
export function FormSuccess({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-alert auth-alert--success" role="status">
      <p className="auth-alert__title">{title}</p>
      {children}
    </div>
  );
}
