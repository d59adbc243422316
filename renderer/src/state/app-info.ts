import { useQuery } from '@tanstack/react-query';
import { call } from '../api.ts';

export const appInfoKey = () => ['app-info'] as const;

export const useAppInfo = () => useQuery({ queryKey: appInfoKey(), queryFn: () => call('app.info') });
