import { Link, useSearchParams } from 'react-router';
import { Badge, EmptyState, ErrorState, Pagination, SkeletonText } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { usePosts, useTags } from '../api/get-posts';
import '../blog.css';
import { formatDate } from '../format';

export function BlogListPage() {
  useDocumentTitle('Blog');
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const tag = params.get('tag') ?? '';
  const posts = usePosts(page, tag);
  const tags = useTags();
  const go = (next: { page?: number; tag?: string }) => {
    const query: Record<string, string> = {};
    const nextTag = next.tag ?? tag;
    if (nextTag) query.tag = nextTag;
    if (next.page && next.page > 1) query.page = String(next.page);
    setParams(query);
  };

  return (
    <div className="page container blog-page">
      <header className="page-header">
        <div>
          <h1>Blog</h1>
          <p className="page-header__lead">
            News, guides and ideas about working with AI employees. <a href="/rss.xml">RSS feed</a>
          </p>
        </div>
      </header>
      {tags.data && tags.data.length > 0 && (
        <nav className="blog-tags" aria-label="Tags">
          <button
            type="button"
            className="blog-tag"
            aria-pressed={tag === ''}
            onClick={() => go({ tag: '', page: 1 })}
          >
            All posts
          </button>
          {tags.data.map((name) => (
            <button
              key={name}
              type="button"
              className="blog-tag"
              aria-pressed={tag === name}
              onClick={() => go({ tag: name, page: 1 })}
            >
              {name}
            </button>
          ))}
        </nav>
      )}
      {posts.isPending ? (
        <SkeletonText lines={8} />
      ) : posts.isError ? (
        <ErrorState
          error={posts.error}
          title="The blog could not be loaded"
          onRetry={() => void posts.refetch()}
        />
      ) : posts.data.posts.length === 0 ? (
        <EmptyState
          title={tag ? `No posts tagged “${tag}”` : 'No posts yet'}
          action={tag ? <Link to={paths.blog.getHref()}>See all posts</Link> : undefined}
        />
      ) : (
        <>
          <ol className="blog-list">
            {posts.data.posts.map((post) => (
              <li key={post.id} className="blog-card">
                <h2 className="blog-card__title">
                  <Link to={paths.blogPost.getHref(post.slug)}>{post.title}</Link>
                </h2>
                <p className="blog-card__meta">
                  <time dateTime={post.published_at}>{formatDate(post.published_at)}</time> ·{' '}
                  {post.author_name}
                </p>
                <p>{post.excerpt}</p>
                <p className="blog-card__tags">
                  {post.tags.map((name) => (
                    <Badge key={name}>{name}</Badge>
                  ))}
                </p>
              </li>
            ))}
          </ol>
          {posts.data.pageCount > 1 && (
            <Pagination
              page={page}
              pageCount={posts.data.pageCount}
              onPageChange={(next) => go({ page: next })}
              label="Blog pages"
            />
          )}
        </>
      )}
    </div>
  );
}
