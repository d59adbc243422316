import { useCallback } from 'react';
import type { NetworkInfo } from '../../../shared/domain/network.ts';
import { useAppInfo } from './app-info.ts';

const none: NetworkInfo[] = [];

/** What the core says of each network (its name, words and what it lacks), looked up by id. */
export function useNetworkInfo(): (network: string) => NetworkInfo | undefined {
  const networks = useAppInfo().data?.networks ?? none;
  return useCallback((network) => networks.find((info) => info.id === network), [networks]);
}
