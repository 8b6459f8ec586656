import { Link } from 'react-router';
import { paths } from '@/config/paths';

export function Logo() {
  return (
    <Link to={paths.home.getHref()} className="logo">
      <svg
        className="logo__mark"
        viewBox="0 0 32 32"
        width="28"
        height="28"
        aria-hidden="true"
        focusable="false"
      >
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <circle cx="11" cy="13" r="3" fill="#fff" />
        <circle cx="21" cy="13" r="3" fill="#fff" />
        <path
          d="M9 21c2 2.2 4.4 3.2 7 3.2s5-1 7-3.2"
          stroke="#fff"
          strokeWidth="2.4"
          fill="none"
          strokeLinecap="round"
        />
      </svg>
      <span className="logo__text">AGI Agent Automation</span>
    </Link>
  );
}
