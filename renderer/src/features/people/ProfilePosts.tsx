import { useEffect, useEffectEvent, useMemo, useRef } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { postKey } from '../../../../shared/domain/post-key.ts';
import type { ProfileTab } from '../../../../shared/domain/profile.ts';
import { collapseCrossPosts } from '../../../../shared/timeline/cross-posts.ts';
import { itemKey } from '../../../../shared/timeline/item-key.ts';
import { dedupe } from '../../../../shared/timeline/merge.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { useProfilePosts } from '../../state/people.ts';
import { PostCard } from '../timeline/PostCard.tsx';

/** A person's account as one of yours sees it. */
export interface PostSource {
  accountId: string;
  who: string;
}

/**
 * A person's posts on one tab, newest first, a page at a time (the next one as the end of the list
 * comes near, like the timeline; the button stays for the keyboard); with a second source (the same
 * person on another network), both lists as one, a cross-post once. On the posts tab, the posts
 * pinned (by either source) come first, marked, and only there.
 */
export function ProfilePosts({ accounts, source, also, tab }: { accounts: AccountSummary[]; source: PostSource; also: PostSource | null; tab: ProfileTab }) {
  const words = useWords();
  const posts = useProfilePosts(source.accountId, source.who, tab);
  const more = useProfilePosts(also?.accountId ?? '', also?.who ?? '', tab, also !== null);
  const items = useMemo(() => {
    const pages = [...(posts.data?.pages ?? []), ...(also ? (more.data?.pages ?? []) : [])];
    // Only the posts tab's first page has pinned posts; the same post may come again in a page of the list.
    const pinned = new Set(pages.flatMap((page) => page.pinned ?? []).map(postKey));
    const all = pages.flatMap((page) => [...(page.pinned ?? []), ...page.posts]);
    const authors = new Set(all.map((post) => post.author.id));
    // The two accounts are one person: their copies of the same words are one item.
    const links = new Map([...authors].map((id) => [id, new Set([...authors].filter((other) => other !== id))]));
    const collapsed = collapseCrossPosts(dedupe(all), links).map((item) => ({ item, pinned: item.posts.some((post) => pinned.has(postKey(post))) }));
    return [...collapsed.filter((shown) => shown.pinned), ...collapsed.filter((shown) => !shown.pinned)];
  }, [posts.data, more.data, also]);
  const hasMore = posts.hasNextPage || (also !== null && more.hasNextPage);
  const fetching = posts.isFetchingNextPage || more.isFetchingNextPage;
  const loadMore = () => {
    if (posts.hasNextPage && !posts.isFetchingNextPage) void posts.fetchNextPage();
    if (also && more.hasNextPage && !more.isFetchingNextPage) void more.fetchNextPage();
  };
  // One observer while there is more to load and nothing is loading, not one per render.
  const nearEnd = useEffectEvent(loadMore);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const sentinel = end.current;
    if (!sentinel || !hasMore || fetching) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && nearEnd(), { rootMargin: '600px 0px' });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasMore, fetching]);
  if (posts.error && !posts.data) return <ErrorPanel title={words('person.postsFailed')} error={posts.error} />;
  if (!posts.data) return <p className="timeline-note muted">{words('person.loadingPosts')}</p>;
  return (
    <div className="person-posts">
      {items.length === 0 ? <p className="timeline-note muted">{words('person.noPosts')}</p> : null}
      <ul className="person-post-list" aria-label={words('person.postsLabel')}>
        {items.map(({ item, pinned }) => (
          <li key={itemKey(item)} data-testid="post" data-pinned={pinned || undefined}>
            {pinned ? <p className="post-context person-pinned">{words('person.pinned')}</p> : null}
            <PostCard item={item} accounts={accounts} />
          </li>
        ))}
      </ul>
      <div ref={end} />
      {hasMore ? (
        <button
          type="button"
          className="button button-quiet person-more"
          disabled={fetching}
          onClick={loadMore}
        >
          {words(fetching ? 'person.loadingPosts' : 'person.more')}
        </button>
      ) : items.length > 0 ? (
        <p className="timeline-note muted">{words('person.end')}</p>
      ) : null}
    </div>
  );
}
