import { useQuery, type QueryClient } from '@tanstack/react-query';
import { call } from '../api.ts';
import { answerOf } from './first-calls.ts';

export const appInfoKey = () => ['app-info'] as const;

export const useAppInfo = () => useQuery({ queryKey: appInfoKey(), queryFn: () => call('app.info') });

/** Asked before React starts: the first screen's pictures wait on its image origins. */
export const prefetchAppInfo = (client: QueryClient) => client.prefetchQuery({ queryKey: appInfoKey(), queryFn: () => answerOf('app.info', () => call('app.info')) });
