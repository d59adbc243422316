import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { TimelineGap, TimelineView } from '../../../shared/contract.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { postKey } from '../../../shared/domain/post-key.ts';
import { call, onEvent } from '../api.ts';

export const timelineKey = () => ['timeline'] as const;

const positionQuery = { queryKey: ['reading-position'], queryFn: () => call('timeline.position.get'), staleTime: Infinity } as const;

// The first screen needs only the newest posts (the core adds as many past the saved reading
// position, so that it can be restored): a small answer paints sooner; the rest follows.
const firstScreenItems = 40;
// No structural sharing: deep-comparing thousands of posts on every update costs more than
// re-rendering the dozen rows on screen.
const timelineQuery = { queryKey: timelineKey(), queryFn: () => call('timeline.view', { limit: firstScreenItems }), structuralSharing: false } as const;

/** Asks for the cached timeline before anything else, as the app starts. */
export const prefetchTimeline = (client: QueryClient) => client.prefetchQuery(timelineQuery);

/** Views are snapshots of the core: an answer to an older request never replaces a newer one. */
function useLatestView(client: QueryClient) {
  const sequence = useRef({ started: 0, applied: 0 });
  return useCallback(
    async (load: () => Promise<TimelineView>) => {
      const id = ++sequence.current.started;
      const view = await load();
      if (id > sequence.current.applied) {
        sequence.current.applied = id;
        client.setQueryData(timelineKey(), view);
      }
      return view;
    },
    [client],
  );
}

/**
 * The merged home timeline: painted from what the core has (its cache) at once, refreshed from
 * the servers, kept current by `timeline.updated`, extended by loadMore and loadGap.
 */
export function useTimeline() {
  const client = useQueryClient();
  const apply = useLatestView(client);
  const query = useQuery(timelineQuery);
  const refresh = useMutation({ mutationFn: () => apply(() => call('timeline.refresh')) });
  const loadMore = useMutation({ mutationFn: () => apply(() => call('timeline.loadMore')) });
  const loadGap = useMutation({ mutationFn: (gap: TimelineGap) => apply(() => call('timeline.loadGap', gap)) });
  const { mutate: refreshNow } = refresh;

  // Servers are asked only once the cached timeline is on screen: first paint waits for nothing.
  const painted = query.isSuccess;
  useEffect(() => {
    if (painted) void apply(() => call('timeline.view')).catch(() => undefined).finally(() => refreshNow());
  }, [painted, apply, refreshNow]);
  useEffect(() => onEvent('timeline.updated', () => void apply(() => call('timeline.view')).catch(() => undefined)), [apply]);
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

/** Puts a post the core answered (after a like or boost) in place in the shown timeline. */
export function replacePost(client: QueryClient, post: Post) {
  const key = postKey(post);
  client.setQueryData<TimelineView>(timelineKey(), (view) =>
    view && {
      ...view,
      items: view.items.map((item) =>
        item.posts.some((p) => postKey(p) === key) ? { ...item, posts: item.posts.map((p) => (postKey(p) === key ? post : p)) } : item,
      ),
    },
  );
}

export const useReadingPosition = () => useQuery(positionQuery);
