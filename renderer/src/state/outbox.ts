import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Draft, OutboxEntry } from '../../../shared/domain/draft.ts';
import { call, onEvent } from '../api.ts';
import { draftsKey, dropDraft } from './drafts.ts';

export const outboxKey = () => ['outbox'] as const;

const newestFirst = (a: OutboxEntry, b: OutboxEntry) => b.sentAt.localeCompare(a.sentAt);

function putEntry(client: QueryClient, entry: OutboxEntry) {
  client.setQueryData<OutboxEntry[]>(outboxKey(), (list) => [entry, ...(list ?? []).filter((e) => e.draftId !== entry.draftId)].sort(newestFirst));
}

/** Sent drafts and where each target is, kept current by the core's outbox.changed event. */
export function useOutbox() {
  const client = useQueryClient();
  useEffect(() => onEvent('outbox.changed', (entries) => client.setQueryData(outboxKey(), entries)), [client]);
  return useQuery({ queryKey: outboxKey(), queryFn: () => call('outbox.list') });
}

/** Send: the core saves the draft and its jobs, then posts; the draft leaves the drafts list. */
export function useSendDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: Draft) => call('outbox.send', draft),
    onSuccess: (entry, draft) => {
      putEntry(client, entry);
      dropDraft(client, draft.id);
      void client.invalidateQueries({ queryKey: draftsKey() });
    },
  });
}

/** Try one failed target again; one refused as too long, as a thread or cut to fit. */
export function useRetryTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ jobId, fix }: { jobId: string; fix?: 'thread' | 'cut' }) => call('outbox.retry', fix ? { jobId, fix } : { jobId }),
    onSuccess: (entry) => putEntry(client, entry),
  });
}

/** Take a sent draft off the outbox (targets not posted yet are cancelled). */
export function useDiscardEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draftId: string) => call('outbox.discard', { draftId }),
    onSuccess: (_nothing, draftId) => client.setQueryData<OutboxEntry[]>(outboxKey(), (list) => list?.filter((e) => e.draftId !== draftId)),
  });
}
