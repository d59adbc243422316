/**
 * B8 requests_per_refresh: what one timeline refresh asks of each account's server, counted on
 * the Mastodon test server and at the fetch the Bluesky agents use (local Bluesky network); and
 * the same for one inbox refresh with everything read (inbox_requests_per_refresh, the larger of
 * the two networks), and while something is unread (Mastodon then also reads its marker).
 */
import { AtpAgent } from '@atproto/api';
import { startMastodonServer } from '../tests/servers/mastodon/index.ts';
import { startBlueskyNetwork } from '../tests/support/bluesky-network.ts';
import { startCore } from '../tests/support/core-harness.ts';
import { approveOnServer } from '../tests/support/mastodon-user.ts';
import { builtInNetworks } from '../electron/core/networks/registry.ts';

export interface RequestFigures {
  requests_per_refresh: number;
  inbox_requests_per_refresh: number;
  inbox_requests_per_refresh_mastodon: number;
  inbox_requests_per_refresh_bluesky: number;
  inbox_requests_per_refresh_mastodon_unread: number;
  inbox_requests_per_refresh_bluesky_unread: number;
}

export async function measureRequestsPerRefresh(): Promise<RequestFigures> {
  const mastodon = await startMastodonServer();
  const bluesky = await startBlueskyNetwork();
  const pdsPort = new URL(bluesky.pdsUrl).port;
  const blueskyRequests: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.port === pdsPort) blueskyRequests.push(url.pathname);
    return realFetch(input, init);
  };
  const braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: bluesky.plcUrl, entryway: bluesky.pdsUrl } }) });
  try {
    mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
    mastodon.addUser({ username: 'zed', password: 'zed-password-1' });
    mastodon.follow('amy', 'zed');
    const reader = await bluesky.createUser({ handle: 'bench-reader.test' });
    const writer = await bluesky.createUser({ handle: 'bench-writer.test' });
    const writerAgent = new AtpAgent({ service: bluesky.pdsUrl });
    await writerAgent.login({ identifier: writer.handle, password: writer.appPassword });
    const readerAgent = new AtpAgent({ service: bluesky.pdsUrl });
    await readerAgent.login({ identifier: reader.handle, password: reader.appPassword });
    await readerAgent.follow(writer.did);
    for (let i = 0; i < 20; i++) {
      mastodon.post('zed', { text: `post ${i}` });
      await writerAgent.post({ text: `post ${i}` });
    }
    await bluesky.processAll();
    const begun = await braid.value('accounts.mastodon.begin', { instance: mastodon.url, mode: 'loopback' });
    const waiting = braid.value('accounts.mastodon.await', { flowId: begun.flowId });
    await approveOnServer(begun.authorizeUrl, { username: 'amy', password: 'amy-password-1' });
    await waiting;
    await braid.value('accounts.bluesky.signIn', { identifier: reader.handle, password: reader.appPassword });
    await braid.value('timeline.refresh');

    const refreshes = 5;
    const mastodonBefore = mastodon.requests.filter((r) => r.path !== '/api/v1/streaming').length;
    const blueskyBefore = blueskyRequests.length;
    for (let i = 0; i < refreshes; i++) await braid.value('timeline.refresh');
    const mastodonPerRefresh = (mastodon.requests.filter((r) => r.path !== '/api/v1/streaming').length - mastodonBefore) / refreshes;
    const blueskyPerRefresh = (blueskyRequests.length - blueskyBefore) / refreshes;

    // The inbox: a like on each network, read once; then what each refresh asks.
    const own = mastodon.post('amy', { text: 'mine' });
    mastodon.favourite('zed', own.id);
    const mine = await readerAgent.post({ text: 'mine' });
    await bluesky.processAll();
    await writerAgent.like(mine.uri, mine.cid);
    await bluesky.processAll();
    await braid.value('inbox.refresh');
    const inboxRefreshes = async () => {
      const mastodonAsked = mastodon.requests.filter((r) => r.path !== '/api/v1/streaming').length;
      const blueskyAsked = blueskyRequests.length;
      for (let i = 0; i < refreshes; i++) await braid.value('inbox.refresh');
      return {
        mastodon: (mastodon.requests.filter((r) => r.path !== '/api/v1/streaming').length - mastodonAsked) / refreshes,
        bluesky: (blueskyRequests.length - blueskyAsked) / refreshes,
      };
    };
    // While something is unread, Mastodon's marker is read too (reading elsewhere must show here).
    const unread = await inboxRefreshes();
    await braid.value('inbox.markRead');
    const read = await inboxRefreshes();
    return {
      requests_per_refresh: Math.max(mastodonPerRefresh, blueskyPerRefresh),
      inbox_requests_per_refresh: Math.max(read.mastodon, read.bluesky),
      inbox_requests_per_refresh_mastodon: read.mastodon,
      inbox_requests_per_refresh_bluesky: read.bluesky,
      inbox_requests_per_refresh_mastodon_unread: unread.mastodon,
      inbox_requests_per_refresh_bluesky_unread: unread.bluesky,
    };
  } finally {
    globalThis.fetch = realFetch;
    braid.close();
    await mastodon.close();
    await bluesky.close();
  }
}

if (import.meta.main) console.log(await measureRequestsPerRefresh());
