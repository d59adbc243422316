import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { ProfileTab } from '../../../../shared/domain/profile.ts';
import { postKey } from '../../../../shared/domain/post-key.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { useProfilePosts } from '../../state/people.ts';
import { PostCard } from '../timeline/PostCard.tsx';

/** A person's posts on one tab, newest first, a page at a time. */
export function ProfilePosts({ accounts, accountId, who, tab }: { accounts: AccountSummary[]; accountId: string; who: string; tab: ProfileTab }) {
  const words = useWords();
  const posts = useProfilePosts(accountId, who, tab);
  if (posts.error && !posts.data) return <ErrorPanel title={words('person.postsFailed')} error={posts.error} />;
  if (!posts.data) return <p className="timeline-note muted">{words('person.loadingPosts')}</p>;
  const all = posts.data.pages.flatMap((page) => page.posts);
  return (
    <div className="person-posts">
      {all.length === 0 ? <p className="timeline-note muted">{words('person.noPosts')}</p> : null}
      <ul className="person-post-list" aria-label={words('person.postsLabel')}>
        {all.map((post) => (
          <li key={postKey(post)} data-testid="post">
            <PostCard item={{ posts: [post], sortAt: post.createdAt }} accounts={accounts} />
          </li>
        ))}
      </ul>
      {posts.hasNextPage ? (
        <button type="button" className="button button-quiet person-more" disabled={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
          {words(posts.isFetchingNextPage ? 'person.loadingPosts' : 'person.more')}
        </button>
      ) : all.length > 0 ? (
        <p className="timeline-note muted">{words('person.end')}</p>
      ) : null}
    </div>
  );
}
