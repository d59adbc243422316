import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ArchiveQueryInput, ArchiveStatus } from '../../../shared/domain/archive.ts';
import { call, onEvent } from '../api.ts';

const statusKey = ['archive-status'] as const;

/** Where each account's archive stands, kept current by archive.changed while the page is open. */
export function useArchiveStatus() {
  const client = useQueryClient();
  useEffect(() => onEvent('archive.changed', (status) => client.setQueryData<ArchiveStatus>(statusKey, status)), [client]);
  return useQuery({ queryKey: statusKey, queryFn: () => call('archive.status') });
}

/** Starts or stops the imports; the status answered replaces the shown one. */
export function useArchiveControl() {
  const client = useQueryClient();
  const onSuccess = (status: ArchiveStatus) => client.setQueryData(statusKey, status);
  const sync = useMutation({ mutationFn: (accounts?: string[]) => call('archive.sync', accounts ? { accounts } : undefined), onSuccess });
  const pause = useMutation({ mutationFn: () => call('archive.pause'), onSuccess });
  return { sync, pause };
}

export const useArchiveExport = () => useMutation({ mutationFn: () => call('archive.export') });

export type ArchiveSearch = Omit<ArchiveQueryInput, 'limit' | 'cursor'>;

const pageSize = 30;

/** The archive's matches, a page at a time; nothing is asked before there are words or a filter. */
export const useArchiveSearch = (search: ArchiveSearch | null) =>
  useInfiniteQuery({
    queryKey: ['archive-search', search],
    queryFn: ({ pageParam }) => call('archive.search', { ...search!, limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.cursor,
    enabled: search !== null,
  });
