/**
 * A network is one module: Pigeon (tests/support/pigeon-network.ts), a network the core has
 * never heard of, registered through the registry alone next to Mastodon. Its account joins the
 * account list, its posts merge into the home timeline in time order, and a draft fans out to it
 * through the durable outbox, all through the contract as the renderer uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { draftOf } from '../support/drafts.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { createPigeonServer, pigeonNetwork, type PigeonServer } from '../support/pigeon-network.ts';
import { texts, viewAfter } from '../support/timeline-texts.ts';

let mastodon: MastodonTestServer;
let pigeon: PigeonServer;
let braid: CoreHarness;
let mastodonId: string;
let pigeonId: string;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 9, minute));

beforeAll(async () => {
  mastodon = await startMastodonServer();
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'zed', password: 'zed-password-1' });
  mastodon.follow('amy', 'zed');
  for (let i = 0; i < 3; i++) mastodon.post('zed', { text: `mastodon ${i}`, createdAt: at(i * 2) });
  pigeon = createPigeonServer();
  pigeon.tokens.set('coo-token', 'paloma');
  for (let i = 0; i < 3; i++) pigeon.post('rock', `pigeon ${i}`, at(i * 2 + 1));

  braid = startCore({ networks: [...builtInNetworks(), pigeonNetwork(pigeon)], liveUpdates: false });
  mastodonId = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
  pigeonId = (await braid.core.addToken('pigeon', pigeon.host, 'coo-token')).id;
}, 60_000);
afterAll(async () => {
  braid?.close();
  await mastodon?.close();
});

describe('a third network registered through the registry alone', () => {
  it('is in the account list and in what the renderer learns of networks, with what it lacks', async () => {
    const accounts = await braid.value('accounts.list');
    expect(accounts.map((account) => [account.id, account.network, account.handle])).toEqual([
      [mastodonId, 'mastodon', `amy@${new URL(mastodon.url).host}`],
      [pigeonId, 'pigeon', 'paloma@pigeon.test'],
    ]);
    const info = await braid.value('app.info');
    expect(info.networks.map((network) => network.id)).toEqual(['mastodon', 'bluesky', 'pigeon']);
    expect(info.networks.find((network) => network.id === 'pigeon')?.lacks).toEqual([{ feature: 'content_warning', message: 'Pigeon has no content warnings.' }]);
    expect((await braid.value('accounts.check')).map((account) => account.status)).toEqual(['ok', 'ok']);
  });

  it('merges its posts into the home timeline by time', async () => {
    const view = await viewAfter(braid, 'timeline.refresh');
    expect(texts(view)).toEqual(['pigeon 2', 'mastodon 2', 'pigeon 1', 'mastodon 1', 'pigeon 0', 'mastodon 0']);
    expect(view.accounts.map((account) => account.error)).toEqual([null, null]);
  });

  it('takes a draft through the outbox with its own keys, once, next to Mastodon', async () => {
    const draft = draftOf('Hello from Braid, everywhere', [mastodonId, pigeonId]);
    await braid.value('outbox.send', draft);
    await expect.poll(async () => (await braid.value('outbox.list')).find((entry) => entry.draftId === draft.id)?.targets.map((target) => target.state), { timeout: 15_000 }).toEqual(['posted', 'posted']);
    expect(mastodon.statusesOf('amy').map((status) => status.content)).toEqual([expect.stringContaining('Hello from Braid, everywhere')]);
    const sent = pigeon.posts.filter((post) => post.author === 'paloma');
    expect(sent.map((post) => post.text)).toEqual(['Hello from Braid, everywhere']);
    expect(sent[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    const entry = (await braid.value('outbox.list')).find((candidate) => candidate.draftId === draft.id)!;
    expect(entry.targets.find((target) => target.accountId === pigeonId)?.urls).toEqual([`https://pigeon.test/paloma/${sent[0]!.id}`]);
  });

  it('answers actions it lacks with its own words, and signs out through its module', async () => {
    const view = await braid.value('timeline.view');
    const pigeonPost = view.items.find((item) => item.posts[0]!.network === 'pigeon')!.posts[0]!;
    const liked = await braid.call('post.like', { key: `pigeon ${pigeonPost.uri}`, accountId: mastodonId, on: true });
    expect(liked).toMatchObject({ ok: false, error: { code: 'not_supported', message: "A Pigeon post can't be liked from a Mastodon account." } });
    await braid.value('accounts.remove', { id: pigeonId });
    expect(pigeon.signedOut).toEqual([pigeonId]);
    expect((await braid.value('accounts.list')).map((account) => account.id)).toEqual([mastodonId]);
  });
});
