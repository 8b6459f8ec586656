import { useState, type FormEvent } from 'react';
import { Button, Field, Input, Textarea } from '@/components/ui';
import { describeError } from '@/lib/describe-error';
import type { MyReview } from '../api/get-my-review';
import { useSaveReview } from '../api/save-review';
import { reviewInputSchema } from '../schemas';
import { StarRatingInput } from './star-rating-input';

interface ReviewFormProps {
  employeeId: string;
  employeeName: string;
  /** The user's existing review, to edit; null to write one. */
  existing: MyReview | null;
  onDone?: () => void;
}

type FieldErrors = Partial<Record<'rating' | 'title' | 'body', string>>;

export function ReviewForm({ employeeId, employeeName, existing, onDone }: ReviewFormProps) {
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSaveReview(employeeId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = reviewInputSchema.safeParse({ rating, title, body });
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors;
        fieldErrors[field] ??= issue.message;
      }
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    save.mutate({ employeeId, reviewId: existing?.id, input: parsed.data }, { onSuccess: () => onDone?.() });
  };

  return (
    <form className="review-form" onSubmit={submit} noValidate aria-label={`Review ${employeeName}`}>
      <StarRatingInput value={rating} onChange={setRating} error={errors.rating} />
      <Field label="Title" hint="Optional. One line that sums it up." error={errors.title}>
        <Input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={120} />
      </Field>
      <Field
        label="Your review"
        hint="Optional. What did you use them for, and how did it go?"
        error={errors.body}
      >
        <Textarea value={body} onChange={(event) => setBody(event.target.value)} maxLength={4000} rows={5} />
      </Field>
      {save.isError && (
        <p className="form-error" role="alert">
          {describeError(save.error).message}
        </p>
      )}
      <div className="review-form__actions">
        <Button type="submit" loading={save.isPending}>
          {existing ? 'Save changes' : 'Post review'}
        </Button>
        {onDone && (
          <Button variant="ghost" onClick={onDone} disabled={save.isPending}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
