/**
 * The people an account follows, read through NetworkPeople.following page by page: a Mastodon
 * account following 250 people on the Mastodon test server (Link paging, 80 a page), some of
 * them naming their Bluesky account in a profile field; a Bluesky account on the local network
 * following 30 people, one naming their Mastodon account in the description. Every person comes
 * once, with what their profile claims.
 */
import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { Author } from '../../shared/domain/post.ts';
import type { NetworkPeople } from '../../electron/core/networks/network.ts';
import { builtInNetworks, createNetworkRegistry } from '../../electron/core/networks/registry.ts';
import { openDatabase } from '../../electron/core/store/database.ts';
import { startMastodonServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork } from '../support/bluesky-global-setup.ts';
import { startCore } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { tempDir } from '../support/temp-dir.ts';

vi.setConfig({ testTimeout: 180_000 });

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A core on a fresh folder, and a registry of the same networks on its database and secrets, as after a start of Braid. */
function coreWithRegistry(networks = builtInNetworks()) {
  const dir = tempDir('following');
  const db = openDatabase(dir.path);
  const braid = startCore({ db, networks, liveUpdates: false }, dir);
  cleanups.push(() => braid.close());
  const registry = createNetworkRegistry(networks, {
    db,
    secrets: braid.core.secrets,
    log: () => undefined,
    saveAccount: () => {
      throw new Error('not in this test');
    },
    markExpired: () => undefined,
  });
  return { braid, registry };
}

/** Every page, until the cursor says the end; fails past `maxPages`. */
async function allFollowing(people: NetworkPeople, accountId: string, maxPages: number) {
  const following = people.following?.bind(people);
  if (!following) throw new Error('the network cannot list whom an account follows');
  const found: Author[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    cursors.push(cursor);
    const page = await following(accountId, cursor);
    found.push(...page.people);
    cursor = page.cursor;
    if (cursors.length > maxPages) throw new Error(`more than ${maxPages} pages`);
  } while (cursor !== null);
  return { found, cursors };
}

describe('whom a Mastodon account follows', () => {
  it('reads 250 follows 80 a page by the Link header, each person once, with the Bluesky accounts their fields name', async () => {
    const server = await startMastodonServer();
    cleanups.push(() => server.close());
    const amy = server.addUser({ username: 'amy', password: 'amy-password-1' });
    server.addUser({ username: 'zed', password: 'zed-password-1' });
    const accts: string[] = ['zed'];
    for (let i = 0; i < 249; i++) {
      // Some through the bridge, as Bridgy Fed names Bluesky people on Mastodon.
      const acct = i % 25 === 0 ? `p${i}.bsky.social@bsky.brid.gy` : `p${i}@other.example`;
      server.addRemoteAccount(acct, { displayName: `Person ${i}` });
      // A bridged account's note says where it comes from, as Bridgy Fed writes it.
      if (i % 25 === 0) server.setProfile(acct, { note: `Sailing. 🌉 bridged from https://bsky.app/profile/p${i}.bsky.social on Bluesky by https://fed.brid.gy/` });
      else if (i % 10 === 0) server.setProfile(acct, { fields: [{ name: 'Bluesky', value: `@p${i}.bsky.social` }] });
      else if (i % 10 === 5) server.setProfile(acct, { note: `Also at https://bsky.app/profile/p${i}.example.com` });
      accts.push(acct);
    }
    for (const acct of accts) server.follow('amy', acct);
    const { braid, registry } = coreWithRegistry();
    const accountId = await signInMastodon(braid, server, 'amy', 'amy-password-1');
    const people = registry.get('mastodon').people;
    if (!people) throw new Error('no people on Mastodon');

    const { found, cursors } = await allFollowing(people, accountId, 10);
    const host = new URL(server.url).host;
    const expected = [...accts].reverse().map((acct) => (acct.includes('@') ? acct : `${acct}@${host}`));
    expect(found.map((person) => person.handle)).toEqual(expected);
    expect(new Set(found.map((person) => person.id)).size).toBe(250);
    expect(found.every((person) => person.network === 'mastodon')).toBe(true);

    const claimsOf = (handle: string) => found.find((person) => person.handle === handle)?.claims;
    expect(claimsOf('p0.bsky.social@bsky.brid.gy')).toEqual([{ network: 'bluesky', account: 'p0.bsky.social', verified: false }]);
    expect(claimsOf('p10@other.example')).toEqual([{ network: 'bluesky', account: 'p10.bsky.social', verified: false }]);
    expect(claimsOf('p15@other.example')).toEqual([{ network: 'bluesky', account: 'p15.example.com', verified: false }]);
    expect(claimsOf('p11@other.example') ?? []).toEqual([]);
    expect(found.filter((person) => (person.claims ?? []).length > 0)).toHaveLength(50);

    // 80 a page: 80, 80, 80, 10; the short page is the last, so nothing is asked past it.
    const asked = server.requests.filter((request) => request.path === `/api/v1/accounts/${amy.id}/following`);
    expect(asked.map((request) => request.query.get('limit'))).toEqual(['80', '80', '80', '80']);
    expect(asked.map((request) => request.query.get('max_id'))).toEqual(cursors);
    expect(cursors).toHaveLength(4);
  });

  it('answers the server’s refusal as an error of the account', async () => {
    const server = await startMastodonServer();
    cleanups.push(() => server.close());
    server.addUser({ username: 'amy', password: 'amy-password-1' });
    const { braid, registry } = coreWithRegistry();
    const accountId = await signInMastodon(braid, server, 'amy', 'amy-password-1');
    server.simulateOutage(502);
    await expect(registry.get('mastodon').people?.following?.(accountId, null)).rejects.toMatchObject({ code: 'server', status: 502 });
  });
});

describe('whom a Bluesky account follows', () => {
  it('reads 30 follows, each person once, with the Mastodon account a description names', async () => {
    const network = await connectBlueskyNetwork(inject('blueskyNetwork'));
    const suffix = randomBytes(3).toString('hex');
    const me = await network.createUser({ handle: `fme-${suffix}.test` });
    const others = [];
    for (let batch = 0; batch < 30; batch += 6) {
      others.push(...(await Promise.all(Array.from({ length: 6 }, (_, i) => network.createUser({ handle: `f${batch + i}-${suffix}.test`, displayName: `Friend ${batch + i}` })))));
    }
    const mara = others[7]!;
    const maraAgent = new AtpAgent({ service: network.pdsUrl });
    await maraAgent.login({ identifier: mara.handle, password: mara.appPassword });
    await maraAgent.upsertProfile((profile) => ({ ...profile, displayName: 'Mara', description: 'Birds and boats. Also @mara@mastodon.example' }));
    const myAgent = new AtpAgent({ service: network.pdsUrl });
    await myAgent.login({ identifier: me.handle, password: me.appPassword });
    for (const other of others) await myAgent.follow(other.did);
    await network.processAll();

    const networks = builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } });
    const { braid, registry } = coreWithRegistry(networks);
    const accountId = (await braid.value('accounts.bluesky.signIn', { identifier: me.handle, password: me.appPassword })).id;
    const people = registry.get('bluesky').people;
    if (!people) throw new Error('no people on Bluesky');

    const { found } = await allFollowing(people, accountId, 5);
    expect(found).toHaveLength(30);
    expect(new Set(found.map((person) => person.id))).toEqual(new Set(others.map((other) => other.did)));
    expect(found.find((person) => person.id === mara.did)).toMatchObject({
      network: 'bluesky',
      handle: mara.handle,
      displayName: 'Mara',
      claims: [{ network: 'mastodon', account: 'mara@mastodon.example', verified: false }],
    });
    expect(found.filter((person) => person.claims !== undefined)).toHaveLength(1);
  });
});
