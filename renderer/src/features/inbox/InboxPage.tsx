import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { InboxView } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { InboxEntry } from '../../../../shared/domain/notification.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { useInbox, useInboxCall } from '../../state/inbox.ts';
import { UnshowablePost } from '../timeline/UnshowablePost.tsx';
import { useListKeys, useListSelection } from '../timeline/use-list-keys.ts';
import { AlertSettings } from './AlertSettings.tsx';
import { entryLabel, InboxEntryRow } from './InboxEntryRow.tsx';
import { useIntl } from 'react-intl';
import { useWords } from '../../i18n/use-words.ts';
import { useErrorText } from '../../i18n/error-text.ts';

type Filter = { kinds: 'all' | 'conversation'; accountId: string | null };

const conversationKinds = new Set<InboxEntry['kind']>(['mention', 'reply', 'quote']);
const shows = (filter: Filter) => (entry: InboxEntry) =>
  (filter.kinds === 'all' || conversationKinds.has(entry.kind)) && (filter.accountId === null || entry.accountIds.includes(filter.accountId));

const estimatedEntryHeight = 96;

/**
 * Every account's notifications as one list. Opening it fetches the newest pages and marks what
 * is shown read (on the servers too) while the window has focus; entries that were unread when
 * they were first shown keep their mark until the page is left.
 */
export function InboxPage({ accounts }: { accounts: AccountSummary[] }) {
  const inbox = useInbox();
  const refresh = useInboxCall('inbox.refresh');
  const loadMore = useInboxCall('inbox.loadMore');
  const markRead = useInboxCall('inbox.markRead');
  const [filter, setFilter] = useState<Filter>({ kinds: 'all', accountId: null });
  const view = inbox.data;
  const words = useWords();

  const { mutate: refreshNow } = refresh;
  useEffect(() => refreshNow(), [refreshNow]);

  // What is unread when shown is remembered as new here, then marked read while someone looks.
  const unreadKeys = useMemo(() => (view?.entries ?? []).filter((entry) => entry.unread).map((entry) => entry.key), [view]);
  const { mutate: markReadNow, isPending: marking } = markRead;
  const focused = useWindowFocus();
  const [shownUnread, setShownUnread] = useState<{ from: string[]; keys: ReadonlySet<string> }>({ from: unreadKeys, keys: new Set(unreadKeys) });
  if (shownUnread.from !== unreadKeys) setShownUnread({ from: unreadKeys, keys: new Set([...shownUnread.keys, ...unreadKeys]) });
  const wasUnread = shownUnread.keys;
  useEffect(() => {
    if (unreadKeys.length > 0 && focused && !marking && refresh.isSuccess) markReadNow();
  }, [unreadKeys, focused, marking, refresh.isSuccess, markReadNow]);

  if (inbox.error) return <ErrorPanel title={words('inbox.failed')} error={inbox.error} />;
  if (!view) return null;
  const entries = view.entries.filter(shows(filter));
  const more = view.accounts.some((account) => !account.done);
  return (
    <div className="inbox">
      <div className="inbox-toolbar">
        <div className="segmented" role="group" aria-label={words('inbox.show')}>
          {(['all', 'conversation'] as const).map((kinds) => (
            <button key={kinds} type="button" className="button button-quiet" aria-pressed={filter.kinds === kinds} onClick={() => setFilter({ ...filter, kinds })}>
              {words(kinds === 'all' ? 'inbox.filter.all' : 'inbox.filter.conversation')}
            </button>
          ))}
        </div>
        <label className="inbox-account-filter">
          <span className="visually-hidden">{words('inbox.account')}</span>
          <select value={filter.accountId ?? ''} onChange={(event) => setFilter({ ...filter, accountId: event.target.value || null })}>
            <option value="">{words('inbox.everyAccount')}</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {unreadOf(view, account.id) ? words('inbox.accountUnread', { handle: account.handle, count: unreadOf(view, account.id) }) : `@${account.handle}`}
              </option>
            ))}
          </select>
        </label>
        <AlertSettings />
      </div>
      <AccountErrors view={view} accounts={accounts} />
      {entries.length === 0 ? (
        <p className="muted inbox-empty">{words(refresh.isPending ? 'inbox.reading' : 'inbox.empty')}</p>
      ) : (
        <InboxList entries={entries} accounts={accounts} wasUnread={wasUnread} more={more} loadingMore={loadMore.isPending || inbox.isFetching} onLoadMore={() => loadMore.mutate()} />
      )}
    </div>
  );
}

const unreadOf = (view: InboxView, accountId: string) => view.accounts.find((account) => account.accountId === accountId)?.unread ?? 0;

function AccountErrors({ view, accounts }: { view: InboxView; accounts: AccountSummary[] }) {
  const failed = view.accounts.filter((account) => account.error);
  const words = useWords();
  const errorText = useErrorText();
  if (failed.length === 0) return null;
  return (
    <ul className="inbox-errors" role="status">
      {failed.map(({ accountId, error }) => (
        <li key={accountId} className="form-error">
          {words('inbox.accountError', { handle: accounts.find((account) => account.id === accountId)?.handle ?? accountId, message: errorText(error!) })}
        </li>
      ))}
    </ul>
  );
}

interface ListProps {
  entries: InboxEntry[];
  accounts: AccountSummary[];
  wasUnread: ReadonlySet<string>;
  more: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** The entries as a virtual list (only those near the viewport are in the DOM), with the timeline's keys. */
function InboxList({ entries, accounts, wasUnread, more, loadingMore, onLoadMore }: ListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read fresh each render
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedEntryHeight,
    getItemKey: (index) => entries[index]!.key,
    overscan: 4,
  });
  const entryKeys = useMemo(() => entries.map((entry) => entry.key), [entries]);
  const { selected, setSelected, select, firstVisible } = useListSelection(virtualizer, scroller, entryKeys);
  const words = useWords();
  const { locale } = useIntl();
  useListKeys({ active: true, selected: selected >= 0 ? selected : null, select, firstVisible, scroller });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1)?.index ?? -1;
  useEffect(() => {
    if (more && !loadingMore && last >= entries.length - 8) onLoadMore();
  }, [last, entries.length, more, loadingMore, onLoadMore]);

  return (
    <div ref={scroller} className="timeline-scroller" data-testid="inbox">
      <div role="feed" aria-busy={loadingMore} aria-label={words('inbox.label')} className="timeline-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((row) => {
          const entry = entries[row.index]!;
          return (
            <article
              key={row.key}
              data-index={row.index}
              data-key={row.key}
              ref={virtualizer.measureElement}
              className="timeline-row inbox-row"
              style={{ transform: `translateY(${row.start}px)` }}
              data-testid="inbox-entry"
              data-unread={wasUnread.has(entry.key) || entry.unread || undefined}
              data-selected={row.index === selected || undefined}
              aria-posinset={row.index + 1}
              aria-setsize={more ? -1 : entries.length}
              aria-label={entryLabel(entry, words, locale)}
              tabIndex={row.index === selected || (selected < 0 && row.index === 0) ? 0 : -1}
              onFocus={(event) => event.target === event.currentTarget && setSelected(row.index)}
            >
              <ErrorBoundary resetKey={entry} fallback={() => <UnshowablePost url={entry.post?.url ?? null} />}>
                <InboxEntryRow entry={entry} accounts={accounts} />
              </ErrorBoundary>
            </article>
          );
        })}
      </div>
      <p className="timeline-end muted">{more ? (loadingMore ? words('inbox.loadingOlder') : ' ') : words('inbox.end')}</p>
    </div>
  );
}

/** Whether this window has focus now (read marks move only while someone can see them). */
function useWindowFocus(): boolean {
  const [focused, setFocused] = useState(() => document.hasFocus());
  useEffect(() => {
    const update = () => setFocused(document.hasFocus());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
    };
  }, []);
  return focused;
}
