import { useState } from 'react';
import { Avatar, Badge, EmptyState, ErrorState, Pagination, SkeletonText } from '@/components/ui';
import { reviewsPageSize, useReviews } from '../api/get-reviews';
import { formatDate } from '../format';
import { Rating } from './rating';

export function ReviewList({ employeeId }: { employeeId: string }) {
  const [page, setPage] = useState(1);
  const reviews = useReviews(employeeId, page);

  if (reviews.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading reviews">
        <SkeletonText lines={4} />
      </div>
    );
  }
  if (reviews.isError) {
    return (
      <ErrorState
        error={reviews.error}
        title="Reviews could not be loaded"
        headingLevel="h3"
        onRetry={() => void reviews.refetch()}
      />
    );
  }
  if (reviews.data.total === 0) {
    return (
      <EmptyState
        headingLevel="h3"
        title="No reviews yet"
        description="People who hire this employee can review it. Yours could be the first."
      />
    );
  }
  return (
    <>
      <ol className="review-list" aria-busy={reviews.isFetching}>
        {reviews.data.reviews.map((review) => (
          <li key={review.id} className="review">
            <div className="review__header">
              <Avatar name={review.authorName} src={review.authorAvatarUrl} size="sm" alt="" />
              <span className="review__author">{review.authorName}</span>
              {review.isOwn && <Badge tone="info">Your review</Badge>}
              <Rating value={review.rating} />
            </div>
            {review.title && <h3 className="review__title">{review.title}</h3>}
            {review.body && <p className="review__body">{review.body}</p>}
            <p className="review__date">{formatDate(review.createdAt)}</p>
          </li>
        ))}
      </ol>
      <Pagination
        page={page}
        pageCount={Math.ceil(reviews.data.total / reviewsPageSize)}
        onPageChange={setPage}
        label="Review pages"
      />
    </>
  );
}
