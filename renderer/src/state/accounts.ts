import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, onEvent } from '../api.ts';

export const accountsKey = () => ['accounts'] as const;

export function useAccounts() {
  const client = useQueryClient();
  useEffect(() => onEvent('accounts.changed', (accounts) => client.setQueryData(accountsKey(), accounts)), [client]);
  return useQuery({ queryKey: accountsKey(), queryFn: () => call('accounts.list') });
}
