import { useId } from 'react';
import { cx } from '@/components/ui';

interface StarRatingInputProps {
  value: number;
  onChange: (value: number) => void;
  error?: string | undefined;
}

const labels = ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'];

/** Five radio buttons drawn as stars: arrow keys change the rating, as for any radio group. */
export function StarRatingInput({ value, onChange, error }: StarRatingInputProps) {
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset className="star-input" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">Your rating</legend>
      <div className="star-input__stars">
        {labels.map((label, index) => {
          const star = index + 1;
          return (
            <label key={star} className={cx('star-input__star', star <= value && 'star-input__star--on')}>
              <input
                type="radio"
                name={name}
                value={star}
                checked={value === star}
                onChange={() => onChange(star)}
                className="visually-hidden"
                aria-invalid={error ? true : undefined}
              />
              <span aria-hidden="true">★</span>
              <span className="visually-hidden">
                {star} {star === 1 ? 'star' : 'stars'}, {label}
              </span>
            </label>
          );
        })}
        <span className="star-input__label" aria-hidden="true">
          {value > 0 ? labels[value - 1] : ''}
        </span>
      </div>
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
