/** Decorative line icons for the landing page (hidden from assistive technology). */
const icons = {
  marketplace: 'M4 9l1.5-5h13L20 9M4 9v10h16V9M4 9h16M9 13h6',
  chat: 'M4 5h16v11H9l-5 4V5zM8 9h8M8 12h5',
  team: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM17 11a2.5 2.5 0 1 0 0-5M3 19c0-3 2.7-5 6-5s6 2 6 5M17 14c2.4.3 4 2 4 5',
  workflow: 'M5 4h5v5H5zM14 15h5v5h-5zM7.5 9v4a2 2 0 0 0 2 2H14',
  pin: 'M12 3l7 4v5c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V7l7-4zM9 12l2 2 4-4',
  meter: 'M4 18a8 8 0 1 1 16 0M12 18l4-6M7 18h10',
} as const;

export type LandingIconName = keyof typeof icons;

export function LandingIcon({ name }: { name: LandingIconName }) {
  return (
    <svg
      className="landing-icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={icons[name]} />
    </svg>
  );
}
