import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../api.ts';
import { accountsKey } from './accounts.ts';

export const useBeginMastodon = () =>
  useMutation({ mutationFn: (input: { instance: string; mode: 'loopback' | 'oob' }) => call('accounts.mastodon.begin', input) });

/** Ends a Mastodon sign-in: by waiting for the browser to come back, or with a pasted code. */
export function useFinishMastodon() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { flowId: string; code?: string }) =>
      input.code === undefined ? call('accounts.mastodon.await', { flowId: input.flowId }) : call('accounts.mastodon.finish', { flowId: input.flowId, code: input.code }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountsKey() }),
  });
}

/** Signs in with an access token made on the server (the escape hatch where the browser sign-in cannot work). */
export function useMastodonToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { instance: string; token: string }) => call('accounts.mastodon.token', input),
    onSuccess: () => client.invalidateQueries({ queryKey: accountsKey() }),
  });
}

export const cancelMastodon = (flowId: string) => call('accounts.mastodon.cancel', { flowId }).catch(() => null);

export function useBlueskySignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { identifier: string; password: string; authFactorToken?: string }) => call('accounts.bluesky.signIn', input),
    onSuccess: () => client.invalidateQueries({ queryKey: accountsKey() }),
  });
}

export const useBeginBlueskyOAuth = () => useMutation({ mutationFn: (identifier: string) => call('accounts.bluesky.begin', { identifier }) });

export function useAwaitBlueskyOAuth() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (flowId: string) => call('accounts.bluesky.await', { flowId }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountsKey() }),
  });
}

export const cancelBlueskyOAuth = (flowId: string) => call('accounts.bluesky.cancel', { flowId }).catch(() => null);
