/**
 * Signs the four demo accounts into a Braid data folder through the core's own channels, as a
 * person would: Mastodon by approving Braid on the server's page (loopback redirect), Bluesky
 * with an app password.
 */
import type { ChannelName, RequestOf, ResponseOf, Result } from '../../shared/contract.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import { createCore } from '../../electron/core/core.ts';
import type { BlueskyDirectory } from '../../electron/core/networks/bluesky/identity.ts';
import type { MastodonTestServer } from '../../tests/servers/mastodon/index.ts';
import type { BlueskyUser } from '../../tests/support/bluesky-network.ts';
import { approveOnServer } from '../../tests/support/mastodon-user.ts';
import { demoAccounts, demoPassword, type MastodonServerName } from './people.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

export interface SignInInput {
  dataDir: string;
  bluesky: BlueskyDirectory;
  mastodonServers: Record<MastodonServerName, MastodonTestServer>;
  blueskyUsers: Map<string, BlueskyUser>;
}

/** Answers the demo accounts as Braid lists them, in demoAccounts' order. */
export async function signInDemoAccounts({ dataDir, bluesky, mastodonServers, blueskyUsers }: SignInInput): Promise<AccountSummary[]> {
  const core = createCore({ dataDir, host: 'browser', networks: builtInNetworks({ bluesky }) });
  const value = async <C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const result = (await core.dispatch(channel, request)) as Result<ResponseOf<C>>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  try {
    const signedIn: AccountSummary[] = [];
    for (const account of demoAccounts) {
      if (account.network === 'mastodon') {
        const server = mastodonServers[account.server ?? 'one'];
        const begun = await value('accounts.mastodon.begin', { instance: server.url, mode: 'loopback' });
        const finished = value('accounts.mastodon.await', { flowId: begun.flowId });
        await approveOnServer(begun.authorizeUrl, { username: account.username, password: demoPassword });
        signedIn.push(await finished);
      } else {
        const user = blueskyUsers.get(account.username);
        if (!user) throw new Error(`no Bluesky user ${account.username}`);
        signedIn.push(await value('accounts.bluesky.signIn', { identifier: user.handle, password: user.appPassword }));
      }
    }
    return signedIn;
  } finally {
    core.close();
  }
}
