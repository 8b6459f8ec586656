import { Link, useParams } from 'react-router';
import { Badge, ErrorState, PageSpinner } from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { readingMinutes } from '@/shared/blog';
import { usePost } from '../api/get-post';
import '../blog.css';
import { formatDate } from '../format';
import { ArticleMarkdown } from './article-markdown';
import { PostMeta } from './post-meta';

export function BlogPostPage() {
  const { slug = '' } = useParams();
  const result = usePost(slug);

  if (result.isPending) return <PageSpinner label="Loading the post" />;
  if (result.isError) {
    // A draft, a scheduled post and a typo look the same from outside.
    if (isApiClientError(result.error) && result.error.status === 404)
      return (
        <div className="page container">
          <h1>Post not found</h1>
          <p>
            It may have moved, or it is not published yet.{' '}
            <Link to={paths.blog.getHref()}>See all posts</Link>
          </p>
        </div>
      );
    return (
      <div className="page container">
        <ErrorState
          error={result.error}
          title="This post could not be loaded"
          onRetry={() => void result.refetch()}
        />
      </div>
    );
  }
  const { post, previous, next } = result.data;
  const minutes = readingMinutes(post.body);
  return (
    <article className="page container blog-post">
      <PostMeta post={post} />
      <p>
        <Link to={paths.blog.getHref()}>← All posts</Link>
      </p>
      <header className="blog-post__header">
        <h1>{post.title}</h1>
        <p className="blog-card__meta">
          <time dateTime={post.published_at}>{formatDate(post.published_at)}</time> · {post.author_name} ·{' '}
          {minutes} min read
        </p>
        <p className="blog-card__tags">
          {post.tags.map((name) => (
            <Link key={name} to={`${paths.blog.getHref()}?tag=${encodeURIComponent(name)}`}>
              <Badge>{name}</Badge>
            </Link>
          ))}
        </p>
      </header>
      {post.cover_image_url && <img className="blog-post__cover" src={post.cover_image_url} alt="" />}
      <ArticleMarkdown>{post.body}</ArticleMarkdown>
      <nav className="blog-post__neighbours" aria-label="More posts">
        {previous ? (
          <Link to={paths.blogPost.getHref(previous.slug)} rel="prev">
            ← Previous: {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next && (
          <Link to={paths.blogPost.getHref(next.slug)} rel="next">
            Next: {next.title} →
          </Link>
        )}
      </nav>
    </article>
  );
}
