import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { InboxAlerts, InboxView } from '../../../shared/contract.ts';
import { call, onEvent } from '../api.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { postKey } from '../../../shared/domain/post-key.ts';

export const inboxKey = () => ['inbox'] as const;
const summaryKey = () => ['inbox-summary'] as const;
const alertsKey = () => ['inbox-alerts'] as const;
/** Entries enough to fill the first screen, asked before the whole inbox. */
const firstPaintEntries = 40;

/**
 * The inbox as the core keeps it (painted at once from its cache): its newest entries first, then
 * all of it; read again whenever it changes.
 */
const firstQuery = { queryKey: [...inboxKey(), 'first'], queryFn: () => call('inbox.view', { limit: firstPaintEntries }), staleTime: Infinity };

/** Asked before React starts when Braid opens on the inbox. */
export const prefetchInbox = (client: QueryClient) => client.prefetchQuery(firstQuery);

export function useInbox() {
  const client = useQueryClient();
  useEffect(() => onEvent('inbox.changed', () => void client.invalidateQueries({ queryKey: inboxKey() })), [client]);
  const first = useQuery(firstQuery);
  const whole = useQuery({ queryKey: inboxKey(), queryFn: () => call('inbox.view'), enabled: first.isFetched });
  return whole.data ? whole : first;
}

/** The inbox's counts alone (unread in all and per account), for the page link, the title and the rail; read again on inbox.changed. */
export function useInboxCounts() {
  const client = useQueryClient();
  useEffect(() => onEvent('inbox.changed', () => void client.invalidateQueries({ queryKey: summaryKey() })), [client]);
  return useQuery({ queryKey: summaryKey(), queryFn: () => call('inbox.view', { limit: 0 }) }).data;
}

/** The newest pages (refresh), older ones (loadMore), or everything read (markRead): the inbox.changed
 *  they cause reads the inbox again, so their own answer is only the counts. */
export function useInboxCall(channel: 'inbox.refresh' | 'inbox.loadMore' | 'inbox.markRead') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(channel, { limit: 0 }),
    onSuccess: (view: InboxView) => client.setQueryData(summaryKey(), view),
  });
}

export function useInboxAlerts() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: alertsKey(), queryFn: () => call('inbox.alerts.get') });
  const save = useMutation({
    mutationFn: (alerts: InboxAlerts) => call('inbox.alerts.set', alerts),
    onSuccess: (alerts) => client.setQueryData(alertsKey(), alerts),
  });
  return { alerts: query.data, save };
}

/** A post acted on (liked, boosted) shows its new state in the inbox too, wherever an entry holds it. */
export function replaceInboxPost(client: QueryClient, post: Post) {
  const key = postKey(post);
  client.setQueriesData<InboxView>({ queryKey: inboxKey() }, (view) =>
    view && view.entries.some((entry) => entry.post && postKey(entry.post) === key)
      ? { ...view, entries: view.entries.map((entry) => (entry.post && postKey(entry.post) === key ? { ...entry, post } : entry)) }
      : view,
  );
}
