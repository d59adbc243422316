import { useEffect, useId, useState } from 'react';
import type { SearchResults, TagPage } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { itemKey } from '../../../../shared/timeline/item-key.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { useOpenConversation } from '../../state/conversation.ts';
import { useNavigation } from '../../state/navigation.ts';
import { useSearch, useTagPosts } from '../../state/search.ts';
import { AuthorAvatar } from '../timeline/AuthorLine.tsx';
import { PostCard } from '../timeline/PostCard.tsx';

type Item = SearchResults['items'][number];

/** Words that already jumped once: coming back to them (Back) shows the results instead. */
const jumped = new Set<string>();

function Failures({ failures }: { failures: SearchResults['failures'] }) {
  return failures.length > 0 ? (
    <ul className="search-failures">
      {failures.map((failure, index) => (
        <li key={index} className="form-error">
          <ErrorText error={failure} />
        </li>
      ))}
    </ul>
  ) : null;
}

function Items({ items, accounts, label }: { items: Item[]; accounts: AccountSummary[]; label: string }) {
  return (
    <ul className="person-post-list" aria-label={label}>
      {items.map((item) => (
        <li key={itemKey(item)} data-testid="post">
          <PostCard item={item} accounts={accounts} />
        </li>
      ))}
    </ul>
  );
}

function People({ people }: { people: SearchResults['people'] }) {
  const words = useWords();
  const { go } = useNavigation();
  if (people.length === 0) return null;
  return (
    <section aria-labelledby="search-people">
      <h2 id="search-people" className="search-heading">
        {words('search.people')}
      </h2>
      <ul className="search-people">
        {people.map((person) => (
          <li key={person.map((seen) => `${seen.author.network} ${seen.author.id}`).join(' ')} className="search-person" data-testid="search-person">
            <AuthorAvatar author={person[0]!.author} size={40} />
            <div className="search-person-names">
              <span className="search-person-name" dir="auto">
                {person[0]!.author.displayName || person[0]!.author.handle}
              </span>
              <span className="search-person-profiles">
                {person.map((seen) => (
                  <button
                    key={`${seen.author.network} ${seen.author.id}`}
                    type="button"
                    className="button button-quiet"
                    data-network={seen.author.network}
                    onClick={() => go({ name: 'person', accountId: seen.accountId, who: seen.author.id })}
                  >
                    {words('search.openProfile', { network: seen.author.network, handle: seen.author.handle })}
                  </button>
                ))}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function WordsResults({ query, accounts }: { query: string; accounts: AccountSummary[] }) {
  const words = useWords();
  const results = useSearch(query);
  const { go } = useNavigation();
  const openConversation = useOpenConversation();
  const jump = results.data?.jump ?? null;
  // An address or a post's web address goes straight to what it names (Back returns here).
  useEffect(() => {
    if (!jump || jumped.has(query)) return;
    jumped.add(query);
    if (jump.kind === 'person') go({ name: 'person', accountId: jump.accountId, who: jump.who });
    else openConversation(jump.keys);
  }, [jump, query, go, openConversation]);
  if (results.error) return <ErrorPanel title={words('search.failed')} error={results.error} />;
  if (!results.data) return <p className="muted" role="status">{words('search.searching')}</p>;
  const { people, items, failures } = results.data;
  return (
    <>
      <Failures failures={failures} />
      {people.length === 0 && items.length === 0 ? <p className="muted" role="status">{words('search.nothing')}</p> : null}
      <People people={people} />
      {items.length > 0 ? (
        <section aria-labelledby="search-posts">
          <h2 id="search-posts" className="search-heading">
            {words('search.posts')}
          </h2>
          <Items items={items} accounts={accounts} label={words('search.posts')} />
        </section>
      ) : null}
    </>
  );
}

function TagResults({ tag, accounts }: { tag: string; accounts: AccountSummary[] }) {
  const words = useWords();
  const posts = useTagPosts(tag);
  if (posts.error && !posts.data) return <ErrorPanel title={words('search.failed')} error={posts.error} />;
  if (!posts.data) return <p className="muted" role="status">{words('search.searching')}</p>;
  const pages: TagPage[] = posts.data.pages;
  const items = pages.flatMap((page) => page.items);
  return (
    <section aria-labelledby="search-tag">
      <h2 id="search-tag" className="search-heading" dir="auto">{`#${tag}`}</h2>
      <Failures failures={pages[0]?.failures ?? []} />
      {items.length === 0 ? <p className="muted" role="status">{words('search.noTagged')}</p> : null}
      <Items items={items} accounts={accounts} label={`#${tag}`} />
      {posts.hasNextPage ? (
        <button type="button" className="button button-quiet person-more" disabled={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
          {words('search.more')}
        </button>
      ) : null}
    </section>
  );
}

/**
 * One box for every account: people (one entry for a person on both networks) and posts; a
 * #hashtag lists its posts from every account; an address or a post's link opens it.
 */
export function SearchPage({ accounts, query }: { accounts: AccountSummary[]; query: string }) {
  const words = useWords();
  const id = useId();
  const { replace } = useNavigation();
  const [typed, setTyped] = useState(query);
  const tag = /^#[^\s#]+$/u.test(query.trim()) ? query.trim().slice(1) : null;
  return (
    <div className="search">
      <form
        role="search"
        className="archive-search"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim()) replace({ name: 'search', query: typed.trim() });
        }}
      >
        <label htmlFor={`${id}-query`} className="visually-hidden">
          {words('search.label')}
        </label>
        <div className="search-box archive-query">
          <input id={`${id}-query`} type="search" value={typed} onChange={(event) => setTyped(event.target.value)} placeholder={words('search.placeholder')} dir="auto" data-testid="search-query" />
          <button type="submit" className="button button-primary">
            {words('search.submit')}
          </button>
        </div>
        <p className="muted search-hint">{words('search.hint')}</p>
      </form>
      {query.trim() === '' ? null : tag ? <TagResults key={tag} tag={tag} accounts={accounts} /> : <WordsResults key={query} query={query} accounts={accounts} />}
    </div>
  );
}
