import { useState } from 'react';
import { cx } from './cx';

interface AvatarProps {
  name: string;
  src?: string | null | undefined;
  size?: 'sm' | 'md' | 'lg';
  /** Use "" when the name is printed next to the avatar, so it is not read twice. */
  alt?: string;
  className?: string;
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => Array.from(word ?? '')[0]?.toUpperCase() ?? '').join('') || '?';
}

export function Avatar({ name, src, size = 'md', alt = name, className }: AvatarProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const classes = cx('avatar', `avatar--${size}`, className);
  if (src && failedSrc !== src) {
    return <img className={classes} src={src} alt={alt} onError={() => setFailedSrc(src)} />;
  }
  return (
    <span
      className={classes}
      role={alt ? 'img' : undefined}
      aria-label={alt || undefined}
      aria-hidden={alt ? undefined : true}
    >
      {initials(name)}
    </span>
  );
}
