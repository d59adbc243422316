import { useDeferredValue, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ArchiveAccount, ArchiveHit } from '../../../../shared/domain/archive.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { useArchiveSearch, type ArchiveSearch as Search } from '../../state/archive.ts';
import { PostBody } from '../timeline/content/PostBody.tsx';
import { ExternalLink } from '../timeline/content/ExternalLink.tsx';

type Replies = 'both' | 'only' | 'none';

interface Filters {
  query: string;
  accountId: string;
  network: string;
  since: string;
  until: string;
  hasMedia: boolean;
  replies: Replies;
  order: 'newest' | 'best';
}

const noFilters: Filters = { query: '', accountId: '', network: '', since: '', until: '', hasMedia: false, replies: 'both', order: 'newest' };

/** The query the core takes, or null while there is nothing to look for. */
function searchOf(filters: Filters): Search | null {
  const query = filters.query.trim();
  const filtered = filters.accountId || filters.network || filters.since || filters.until || filters.hasMedia || filters.replies !== 'both';
  if (!query && !filtered) return null;
  return {
    query,
    order: filters.order,
    ...(filters.accountId ? { accounts: [filters.accountId] } : {}),
    ...(filters.network ? { networks: [filters.network] } : {}),
    ...(filters.since ? { since: new Date(`${filters.since}T00:00:00`).toISOString() } : {}),
    // The day chosen is included: up to the start of the next one.
    ...(filters.until ? { until: new Date(new Date(`${filters.until}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
    ...(filters.hasMedia ? { hasMedia: true } : {}),
    ...(filters.replies === 'both' ? {} : { replies: filters.replies === 'only' }),
  };
}

function Snippet({ hit }: { hit: ArchiveHit }) {
  return (
    <p className="archive-snippet" dir="auto">
      {hit.snippet.map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </p>
  );
}

function HitRow({ hit, label }: { hit: ArchiveHit; label: string }) {
  const words = useWords();
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  return (
    <li className="archive-hit" data-testid="archive-hit" data-deleted={hit.deleted || undefined}>
      <div className="archive-hit-head muted">
        <span dir="auto">{label}</span>
        <span>{words('archive.network', { network: hit.network })}</span>
        <time dateTime={hit.createdAt}>{intl.formatDate(hit.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
        {hit.deleted ? <span className="archive-deleted">{words('archive.deleted')}</span> : null}
      </div>
      {open ? (
        <div className="archive-copy" data-testid="archive-copy">
          <PostBody post={hit.post} />
        </div>
      ) : (
        <Snippet hit={hit} />
      )}
      <div className="archive-hit-actions">
        <button type="button" className="button button-quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
          {words(open ? 'archive.hideCopy' : 'archive.showCopy')}
        </button>
        {hit.url && /^https?:\/\//i.test(hit.url) && !hit.deleted ? (
          <ExternalLink href={hit.url} text={hit.url} className="button button-quiet">
            {words('archive.openOriginal')}
          </ExternalLink>
        ) : null}
      </div>
    </li>
  );
}

/** The search box, its filters, and the matches, newest or best first, a page at a time. */
export function ArchiveSearch({ accounts }: { accounts: ArchiveAccount[] }) {
  const words = useWords();
  const id = useId();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const set = <K extends keyof Filters>(key: K) => (value: Filters[K]) => setFilters((current) => ({ ...current, [key]: value }));
  // Typing does not wait for the search: the matches follow a moment later.
  const search = searchOf(useDeferredValue(filters));
  const results = useArchiveSearch(search);
  const hits = results.data?.pages.flatMap((page) => page.hits) ?? [];
  const labels = new Map(accounts.map((account) => [account.accountId, account.label]));
  const networks = [...new Set(accounts.map((account) => account.network))];
  return (
    <section className="archive-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{words('archive.search')}</h2>
      <form className="archive-search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="archive-query">
          <span className="visually-hidden">{words('archive.query')}</span>
          <input type="search" value={filters.query} onChange={(event) => set('query')(event.target.value)} placeholder={words('archive.queryPlaceholder')} dir="auto" data-testid="archive-query" />
        </label>
        <div className="archive-filters">
          <label>
            {words('archive.filter.account')}
            <select value={filters.accountId} onChange={(event) => set('accountId')(event.target.value)}>
              <option value="">{words('archive.filter.all')}</option>
              {accounts.map((account) => (
                <option key={account.accountId} value={account.accountId}>
                  {account.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {words('archive.filter.network')}
            <select value={filters.network} onChange={(event) => set('network')(event.target.value)}>
              <option value="">{words('archive.filter.all')}</option>
              {networks.map((network) => (
                <option key={network} value={network}>
                  {words('archive.network', { network })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {words('archive.filter.since')}
            <input type="date" value={filters.since} onChange={(event) => set('since')(event.target.value)} />
          </label>
          <label>
            {words('archive.filter.until')}
            <input type="date" value={filters.until} onChange={(event) => set('until')(event.target.value)} />
          </label>
          <label>
            {words('archive.filter.replies')}
            <select value={filters.replies} onChange={(event) => set('replies')(event.target.value as Replies)}>
              <option value="both">{words('archive.filter.repliesBoth')}</option>
              <option value="only">{words('archive.filter.repliesOnly')}</option>
              <option value="none">{words('archive.filter.repliesNone')}</option>
            </select>
          </label>
          <label>
            {words('archive.filter.order')}
            <select value={filters.order} onChange={(event) => set('order')(event.target.value as Filters['order'])}>
              <option value="newest">{words('archive.filter.newest')}</option>
              <option value="best">{words('archive.filter.best')}</option>
            </select>
          </label>
          <label className="archive-check">
            <input type="checkbox" checked={filters.hasMedia} onChange={(event) => set('hasMedia')(event.target.checked)} />
            {words('archive.filter.media')}
          </label>
        </div>
      </form>
      {results.error ? <ErrorPanel title={words('archive.searchFailed')} error={results.error} /> : null}
      {search && results.isSuccess ? (
        <p className="muted" role="status" data-testid="archive-results-count">
          {hits.length === 0 ? words('archive.noMatch') : words('archive.shown', { count: hits.length, more: results.hasNextPage ? 1 : 0 })}
        </p>
      ) : null}
      <ol className="archive-hits">
        {hits.map((hit) => (
          <HitRow key={`${hit.accountId} ${hit.key}`} hit={hit} label={labels.get(hit.accountId) ?? hit.accountId} />
        ))}
      </ol>
      {results.hasNextPage ? (
        <button type="button" className="button" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage}>
          {words('archive.more')}
        </button>
      ) : null}
    </section>
  );
}
