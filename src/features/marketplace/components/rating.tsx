import { cx } from '@/components/ui';

interface RatingProps {
  /** Average from 1 to 5, or null when nobody has rated yet. */
  value: number | null;
  count?: number;
  size?: 'sm' | 'md';
}

/** Stars for a rating, with the figure in words for screen readers. */
export function Rating({ value, count, size = 'sm' }: RatingProps) {
  if (value === null) {
    return <span className={cx('rating', `rating--${size}`, 'rating--none')}>No ratings yet</span>;
  }
  const rounded = Math.round(value * 2) / 2;
  const label = `Rated ${value.toFixed(1)} out of 5${count !== undefined ? ` from ${count} ${count === 1 ? 'review' : 'reviews'}` : ''}`;
  return (
    <span className={cx('rating', `rating--${size}`)} role="img" aria-label={label}>
      <span className="rating__stars" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((star) => (
          <span
            key={star}
            className={cx(
              'rating__star',
              star <= rounded && 'rating__star--full',
              star - 0.5 === rounded && 'rating__star--half',
            )}
          >
            ★
          </span>
        ))}
      </span>
      <span className="rating__value" aria-hidden="true">
        {value.toFixed(1)}
        {count !== undefined && <span className="rating__count"> ({count})</span>}
      </span>
    </span>
  );
}
