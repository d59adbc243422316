import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ReadingPosition, TimelineChanges, TimelineGap, TimelineView } from '../../../shared/contract.ts';
import { itemKey } from '../../../shared/timeline/item-key.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { postKey } from '../../../shared/domain/post-key.ts';
import { call, onEvent } from '../api.ts';
import { heldList } from './held-list.ts';
import { answerOf, firstScreenItems } from './first-calls.ts';

export const timelineKey = () => ['timeline'] as const;

const positionQuery = { queryKey: ['reading-position'], queryFn: () => call('timeline.position.get'), staleTime: Infinity } as const;

// The first screen needs only the newest posts (the core adds as many past the saved reading
// position, so that it can be restored), asked by the page's first script (first-calls.ts).
// No structural sharing: deep-comparing thousands of posts on every update costs more than
// re-rendering the dozen rows on screen.
const timelineQuery = { queryKey: timelineKey(), queryFn: () => answerOf('timeline.view', () => call('timeline.view', { limit: firstScreenItems })), structuralSharing: false } as const;

/** Asks for the cached timeline before anything else, as the app starts. */
export const prefetchTimeline = (client: QueryClient) => client.prefetchQuery(timelineQuery);

/** The timeline as this window holds it: a numbered view, then only what changed (held-list.ts). */
function useHeldTimeline(client: QueryClient) {
  return useMemo(
    () =>
      heldList(client, {
        queryKey: timelineKey(),
        whole: () => call('timeline.view'),
        itemsOf: (view: TimelineView) => view.items,
        keyOf: itemKey,
        withChanges: (held, items, { accounts, gaps, hasMore, to }: TimelineChanges) => ({ ...held, items, accounts, gaps, hasMore, version: to }),
      }),
    [client],
  );
}

/**
 * The merged home timeline: painted from what the core has (its cache) at once, refreshed from
 * the servers, kept current by `timeline.changed`, extended by loadMore and loadGap.
 */
export function useTimeline() {
  const client = useQueryClient();
  const { fetchWhole, apply } = useHeldTimeline(client);
  const query = useQuery(timelineQuery);
  const refresh = useMutation({ mutationFn: async () => apply(await call('timeline.refresh')) });
  const loadMore = useMutation({ mutationFn: async () => apply(await call('timeline.loadMore')) });
  const loadGap = useMutation({ mutationFn: async (gap: TimelineGap) => apply(await call('timeline.loadGap', gap)) });
  const { mutate: refreshNow } = refresh;

  // Servers are asked only once the cached timeline is on screen: first paint waits for nothing.
  const painted = query.isSuccess;
  useEffect(() => {
    if (painted) void fetchWhole().catch(() => undefined).finally(() => refreshNow());
  }, [painted, fetchWhole, refreshNow]);
  useEffect(() => onEvent('timeline.changed', (changes) => void apply(changes).catch(() => undefined)), [apply]);
  // An account added or removed changes the timeline; a status change (checked, needs sign-in) does not.
  const accountIds = useRef('');
  useEffect(
    () =>
      onEvent('accounts.changed', (accounts) => {
        const ids = accounts.map((account) => account.id).join(' ');
        if (accountIds.current && ids !== accountIds.current) refreshNow();
        accountIds.current = ids;
      }),
    [refreshNow],
  );
  useEffect(() => {
    const report = () => void call('timeline.setFocused', { focused: document.hasFocus() }).catch(() => undefined);
    report();
    window.addEventListener('focus', report);
    window.addEventListener('blur', report);
    return () => {
      window.removeEventListener('focus', report);
      window.removeEventListener('blur', report);
    };
  }, []);

  return { query, refresh, loadMore, loadGap };
}

/** Timeline items or conversation nodes with the post of the same key swapped for `post`; the others stay the same objects. */
export function withPostReplaced<T extends { posts: Post[] }>(holders: T[], post: Post): T[] {
  const key = postKey(post);
  return holders.map((holder) => (holder.posts.some((p) => postKey(p) === key) ? { ...holder, posts: holder.posts.map((p) => (postKey(p) === key ? post : p)) } : holder));
}

/** Puts a post the core answered (after a like or boost) in place in the shown timeline. */
export function replacePost(client: QueryClient, post: Post) {
  client.setQueryData<TimelineView>(timelineKey(), (view) => view && { ...view, items: withPostReplaced(view.items, post) });
}

export const useReadingPosition = () => useQuery(positionQuery);

/**
 * Saves where the reader is: in the core (debounced by the caller) and, on leaving the timeline,
 * in this session's cache too, so that coming back to it restores the latest position.
 */
export function useSaveReadingPosition() {
  const client = useQueryClient();
  return useCallback(
    (position: ReadingPosition, { leaving = false } = {}) => {
      if (leaving) client.setQueryData(positionQuery.queryKey, position);
      return call('timeline.position.set', position).catch(() => undefined);
    },
    [client],
  );
}
