import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { call, onEvent } from '../api.ts';
import { answerOf } from './first-calls.ts';

export const accountsKey = () => ['accounts'] as const;

const accountsQuery = { queryKey: accountsKey(), queryFn: () => answerOf('accounts.list', () => call('accounts.list')) } as const;

/** Asked first as the app starts: a tiny answer the core gives before it builds the timeline. */
export const prefetchAccounts = (client: QueryClient) => client.prefetchQuery(accountsQuery);

/** The accounts, kept current by the core's accounts.changed event; checked with their servers once. */
export function useAccounts() {
  const client = useQueryClient();
  useEffect(() => onEvent('accounts.changed', (accounts) => client.setQueryData(accountsKey(), accounts)), [client]);
  useEffect(() => {
    call('accounts.check').then((accounts) => client.setQueryData(accountsKey(), accounts), () => undefined);
  }, [client]);
  return useQuery(accountsQuery);
}

function useAccountsMutation<T>(run: (input: T) => Promise<AccountSummary[] | null>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (accounts) => (accounts ? client.setQueryData(accountsKey(), accounts) : client.invalidateQueries({ queryKey: accountsKey() })),
  });
}

export const useRemoveAccount = () => useAccountsMutation((id: string) => call('accounts.remove', { id }));

export const useSetPostByDefault = () =>
  useAccountsMutation((input: { id: string; postByDefault: boolean }) => call('accounts.setPostByDefault', input));
