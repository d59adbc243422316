import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { InboxAlerts, InboxChanges, InboxView } from '../../../shared/contract.ts';
import { call, onEvent } from '../api.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { postKey } from '../../../shared/domain/post-key.ts';
import { heldList } from './held-list.ts';
import { answerOf, firstScreenItems } from './first-calls.ts';

export const inboxKey = () => ['inbox'] as const;
const summaryKey = () => ['inbox-summary'] as const;
const alertsKey = () => ['inbox-alerts'] as const;

// Entries enough to fill the first screen, asked before the whole inbox (by the page's first script, first-calls.ts).
// No structural sharing: deep-comparing thousands of entries on every change costs more than it saves.
const inboxQuery = { queryKey: inboxKey(), queryFn: () => answerOf('inbox.view', () => call('inbox.view', { limit: firstScreenItems })), structuralSharing: false, staleTime: Infinity } as const;

/** Asked before React starts when Braid opens on the inbox. */
export const prefetchInbox = (client: QueryClient) => client.prefetchQuery(inboxQuery);

/** The inbox as this window holds it: a numbered view, then only what changed (held-list.ts). */
const heldInbox = (client: QueryClient) =>
  heldList(client, {
    queryKey: inboxKey(),
    whole: () => call('inbox.view'),
    itemsOf: (view: InboxView) => view.entries,
    keyOf: (entry) => entry.key,
    withChanges: (held, entries, { accounts, unread, to }: InboxChanges) => ({ ...held, entries, accounts, unread, version: to }),
  });

/**
 * Keeps the inbox this window holds, and its counts, current (inbox.changed carries what changed):
 * mounted once for the whole app, so that opening the inbox again paints what is held, and only
 * what changed since crosses the bridge.
 */
export function useInboxUpdates() {
  const client = useQueryClient();
  useEffect(() => {
    const held = heldInbox(client);
    return onEvent('inbox.changed', (changes) => {
      client.setQueryData<InboxView>(summaryKey(), (summary) => summary && { ...summary, accounts: changes.accounts, unread: changes.unread, version: changes.to });
      void held.apply(changes).catch(() => undefined);
    });
  }, [client]);
}

/** The inbox: its newest entries first (painted at once from the core's cache), then all of it, once. */
export function useInbox() {
  const client = useQueryClient();
  const query = useQuery(inboxQuery);
  const { fetchWhole } = useMemo(() => heldInbox(client), [client]);
  const cut = query.data?.complete === false;
  useEffect(() => {
    if (cut) void fetchWhole().catch(() => undefined);
  }, [cut, fetchWhole]);
  return query;
}

/** The inbox's counts alone (unread in all and per account), for the page link, the title and the rail; kept current by useInboxUpdates. */
export function useInboxCounts() {
  return useQuery({ queryKey: summaryKey(), queryFn: () => call('inbox.view', { limit: 0 }), staleTime: Infinity }).data;
}

/** The newest pages (refresh), older ones (loadMore), or everything read (markRead): each answers what changed, applied here. */
export function useInboxCall(channel: 'inbox.refresh' | 'inbox.loadMore' | 'inbox.markRead') {
  const client = useQueryClient();
  return useMutation({ mutationFn: async () => heldInbox(client).apply(await call(channel)) });
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
  client.setQueryData<InboxView>(inboxKey(), (view) =>
    view && view.entries.some((entry) => entry.post && postKey(entry.post) === key)
      ? { ...view, entries: view.entries.map((entry) => (entry.post && postKey(entry.post) === key ? { ...entry, post } : entry)) }
      : view,
  );
}
