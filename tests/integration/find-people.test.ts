/**
 * Finding your people through the contract, on real servers: a Mastodon account on the test
 * server follows a Bluesky person through Bridgy Fed, a person whose profile names their Bluesky
 * account, a namesake, and someone with no account there; the Bluesky account looks for them on
 * the local network. The bridged and the profile-linked are found (sure, likely), the namesake is
 * a maybe, and following the sure and likely ones lands on the Bluesky server exactly once each.
 * One more person's profile links only their website (served here, on 127.0.0.1), whose rel="me"
 * link names their Bluesky account: found too, likely.
 */
import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { FollowBatch } from '../../shared/contract.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';

vi.setConfig({ testTimeout: 120_000 });

const suffix = randomBytes(3).toString('hex');
let network: BlueskyNetworkClient;
let mastodon: MastodonTestServer;
let braid: CoreHarness;
let me: BlueskyUser;
let amyId = '';
let meId = '';
const handles = { bridged: `fkim-${suffix}.test`, linked: `flee-${suffix}.test`, namesake: `funa${suffix}-x.test`, site: `fsam-${suffix}.test` };
let website: Server;
let siteUrl = '';
let siteReads = 0;

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  mastodon = await startMastodonServer();
  [me] = await Promise.all([
    network.createUser({ handle: `fme-${suffix}.test` }),
    network.createUser({ handle: handles.bridged, displayName: 'Kim' }),
    network.createUser({ handle: handles.linked, displayName: 'Lee' }),
    // The local network's people search matches handles only: the namesake's handle holds the name.
    network.createUser({ handle: handles.namesake, displayName: `funa${suffix}` }),
    network.createUser({ handle: handles.site, displayName: 'Sam' }),
  ]);
  website = createServer((_request, response) => {
    siteReads += 1;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Sam</title><a href="/blog">Blog</a> <a rel="me noopener" href="https://bsky.app/profile/${handles.site}">Bluesky</a>`);
  });
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(website.address() as AddressInfo).port}/`;
  await network.processAll();
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addRemoteAccount(`${handles.bridged}@bsky.brid.gy`, { displayName: 'Kim (bridged)' });
  mastodon.addRemoteAccount('lee@other.example', { displayName: 'Lee' });
  mastodon.setProfile('lee@other.example', { fields: [{ name: 'Bluesky', value: `https://bsky.app/profile/${handles.linked}` }] });
  mastodon.addRemoteAccount('una@other.example', { displayName: `funa${suffix}` });
  mastodon.addRemoteAccount('zed@other.example', { displayName: 'Zed Nowhere' });
  mastodon.addRemoteAccount('sam@other.example', { displayName: 'Samuel' });
  mastodon.setProfile('sam@other.example', { fields: [{ name: 'Website', value: siteUrl }] });
  for (const acct of [`${handles.bridged}@bsky.brid.gy`, 'lee@other.example', 'una@other.example', 'zed@other.example', 'sam@other.example']) mastodon.follow('amy', acct);
  // The test's website is on this machine, which a real run would never read.
  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }), liveUpdates: false, readLoopbackSites: true });
  amyId = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
  meId = (await braid.value('accounts.bluesky.signIn', { identifier: me.handle, password: me.appPassword })).id;
}, 180_000);

afterAll(async () => {
  braid?.close();
  await mastodon?.close();
  website?.closeAllConnections();
  await new Promise((resolve) => (website ? website.close(resolve) : resolve(undefined)));
});

describe('finding the people a Mastodon account follows on Bluesky', () => {
  it('finds the bridged (sure) and the profile-linked (likely), marks a namesake maybe, and nothing for the rest', async () => {
    const result = await braid.value('people.find', { from: amyId, to: meId });
    const best = new Map(result.matches.map((match) => [match.person.handle.split('@')[0], match.candidates[0]]));
    expect(best.get(handles.bridged)).toMatchObject({ author: { handle: handles.bridged }, confidence: 'sure', evidence: [{ kind: 'bridged' }], following: false });
    expect(best.get('lee')).toMatchObject({ author: { handle: handles.linked }, confidence: 'likely', evidence: [{ kind: 'names', by: 'followed', verified: false }] });
    expect(best.get('una')).toMatchObject({ author: { handle: handles.namesake }, confidence: 'maybe', evidence: [{ kind: 'name' }] });
    expect(best.get('zed')).toBeUndefined();
    expect(best.get('sam')).toMatchObject({ author: { handle: handles.site }, confidence: 'likely', evidence: [{ kind: 'website', site: siteUrl }] });
    expect(result.unfinished).toBe(0);
    // Strongest first.
    expect(result.matches.map((match) => match.candidates[0]?.confidence ?? 'none')).toEqual(['sure', 'likely', 'likely', 'maybe', 'none']);
  });

  it('reads the website once a run, and not at all when asked not to', async () => {
    const before = siteReads;
    const result = await braid.value('people.find', { from: amyId, to: meId, readWebsites: false, byName: false });
    expect(result.matches.find((match) => match.person.handle.startsWith('sam@'))?.candidates).toEqual([]);
    expect(siteReads).toBe(before);
    await braid.value('people.find', { from: amyId, to: meId });
    expect(siteReads).toBe(before + 1);
  });

  it('follows the ticked ones once each as the Bluesky account, and a second batch of the same is a success that adds nothing', async () => {
    const people = [handles.bridged, handles.linked].map((handle) => ({ who: handle, label: handle }));
    const settle = async (batch: FollowBatch) => {
      await vi.waitFor(async () => expect((batch = await braid.value('people.followBatch', { batch: batch.batch })).done).toBe(2), { timeout: 30_000, interval: 100 });
      return batch;
    };
    await settle(await braid.value('people.followMany', { accountId: meId, people }));
    await settle(await braid.value('people.followMany', { accountId: meId, people }));
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: me.handle, password: me.appPassword });
    const { data } = await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.graph.follow', limit: 100 });
    expect(data.records).toHaveLength(2);
    const again = await braid.value('people.find', { from: amyId, to: meId });
    expect(again.matches.filter((match) => match.candidates[0]?.following).map((match) => match.candidates[0]!.author.handle).sort()).toEqual([handles.bridged, handles.linked].sort());
  });
});
