/**
 * Accounts signed in ahead of an end-to-end test: a core of its own on the data folder that the
 * browser host then opens, signing in test servers' users the way the app does.
 */
import { createCore } from '../../electron/core/core.ts';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract.ts';
import type { BlueskyNetwork, BlueskyUser } from './bluesky-network.ts';
import { signInMastodon } from './mastodon-user.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

export interface AccountsToSignIn {
  dataDir: string;
  /** Not needed when only Mastodon accounts sign in. */
  bluesky?: BlueskyNetwork;
  mastodon: { server: { url: string }; username: string; password: string }[];
  blueskyUsers?: BlueskyUser[];
}

/** Where the core finds the local Bluesky network (for createCore and for the host's env). */
export const blueskyDirectory = (bluesky: BlueskyNetwork) => ({ plcUrl: bluesky.plcUrl, entryway: bluesky.pdsUrl });
export const blueskyHostEnv = (bluesky: BlueskyNetwork) => ({ BRAID_BLUESKY_PLC_URL: bluesky.plcUrl, BRAID_BLUESKY_ENTRYWAY: bluesky.pdsUrl });

export async function signInAccounts({ dataDir, bluesky, mastodon, blueskyUsers = [] }: AccountsToSignIn): Promise<void> {
  const core = createCore({ dataDir, host: 'browser', networks: builtInNetworks(bluesky ? { bluesky: blueskyDirectory(bluesky) } : {}) });
  const value = async <C extends ChannelName>(channel: C, request?: RequestOf<C>): Promise<ResponseOf<C>> => {
    const result = await core.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as ResponseOf<C>;
  };
  try {
    for (const { server, username, password } of mastodon) await signInMastodon({ value }, server, username, password);
    for (const user of blueskyUsers) await value('accounts.bluesky.signIn', { identifier: user.handle, password: user.appPassword });
  } finally {
    core.close();
  }
}
