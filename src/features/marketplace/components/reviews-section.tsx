import { useState } from 'react';
import { useSession } from '@/lib/auth';
import { Button, Card, ErrorState, Spinner } from '@/components/ui';
import { useMyHire } from '../api/get-my-hires';
import { useMyReview } from '../api/get-my-review';
import type { CatalogEmployee } from '../schemas';
import { Rating } from './rating';
import { ReviewForm } from './review-form';
import { ReviewList } from './review-list';

export function ReviewsSection({ employee }: { employee: CatalogEmployee }) {
  return (
    <section className="reviews-section" aria-labelledby="reviews-heading">
      <div className="reviews-section__header">
        <h2 id="reviews-heading">Reviews</h2>
        <Rating value={employee.averageRating} count={employee.reviewCount} size="md" />
      </div>
      <MyReview employee={employee} />
      <ReviewList employeeId={employee.id} />
    </section>
  );
}

/** Writing or editing the user's own review: offered only to users who hired the employee. */
function MyReview({ employee }: { employee: CatalogEmployee }) {
  const { status } = useSession();
  const { hire } = useMyHire(employee.id);
  const myReview = useMyReview(employee.id, { enabled: hire !== undefined });
  const [editing, setEditing] = useState(false);

  if (status !== 'signed-in' || !hire) return null;
  if (myReview.isPending) return <Spinner label="Loading your review" />;
  if (myReview.isError) {
    return (
      <ErrorState
        className="my-review"
        headingLevel="h3"
        title="Your review could not be loaded"
        error={myReview.error}
        onRetry={() => void myReview.refetch()}
        retrying={myReview.isFetching}
      />
    );
  }

  const existing = myReview.data;
  if (existing && !editing) {
    return (
      <Card className="my-review" title="You reviewed this employee" titleAs="h3">
        <Rating value={existing.rating} />
        {existing.title && <p className="review__title">{existing.title}</p>}
        <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
          Edit your review
        </Button>
      </Card>
    );
  }
  return (
    <Card
      className="my-review"
      title={existing ? 'Edit your review' : `Review ${employee.name}`}
      titleAs="h3"
    >
      <ReviewForm
        key={existing?.id ?? 'new'}
        employeeId={employee.id}
        employeeName={employee.name}
        existing={existing}
        onDone={existing ? () => setEditing(false) : undefined}
      />
    </Card>
  );
}
