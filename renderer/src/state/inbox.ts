import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { InboxAlerts, InboxView } from '../../../shared/contract.ts';
import { call, onEvent } from '../api.ts';

export const inboxKey = () => ['inbox'] as const;
const alertsKey = () => ['inbox-alerts'] as const;

/** The inbox as the core keeps it (painted at once from its cache), read again whenever it changes. */
export function useInbox() {
  const client = useQueryClient();
  useEffect(() => onEvent('inbox.changed', () => void client.invalidateQueries({ queryKey: inboxKey() })), [client]);
  return useQuery({ queryKey: inboxKey(), queryFn: () => call('inbox.view') });
}

/** Unread entries in all: the page link's badge and the window title. */
export function useUnreadCount(): number {
  return useInbox().data?.unread ?? 0;
}

/** The newest pages (refresh), older ones (loadMore), or everything read (markRead): each answers the whole inbox. */
export function useInboxCall(channel: 'inbox.refresh' | 'inbox.loadMore' | 'inbox.markRead') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(channel),
    onSuccess: (view: InboxView) => client.setQueryData(inboxKey(), view),
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
