/**
 * What a follow, an unmute or an unblock changes in the timeline: that account's part is read
 * again at once, so the person's posts come in without waiting for the next poll (the mute and
 * the block take them out at once, people-mastodon.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';

let server: MastodonTestServer;
let braid: CoreHarness;
let amy: string;
let tom: string;
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  server = await startMastodonServer();
  server.addUser({ username: 'amy', password: 'amy-password-1', displayName: 'Amy' });
  server.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom' });
  server.post('amy', { text: 'Amy at the market', createdAt: ago(30) });
  server.post('tom', { text: 'Tom on the hill', createdAt: ago(20) });
  braid = startCore({ liveUpdates: false });
  amy = await signInMastodon(braid, server, 'amy', 'amy-password-1');
  tom = `tom@${new URL(server.url).host}`;
}, 60_000);

afterAll(async () => {
  braid?.close();
  await server?.close();
});

const texts = async () => (await braid.value('timeline.view')).items.flatMap((item) => item.posts.map((post) => (post.content.kind === 'html' ? post.content.html.replace(/<[^>]+>/g, '') : '')));

it('a follow brings the person’s posts in, a mute takes them out, an unmute and an unblock bring them back', async () => {
  await braid.value('timeline.refresh');
  expect(await texts()).toEqual(['Amy at the market']);

  expect(await braid.value('people.relate', { accountId: amy, who: tom, action: 'follow' })).toMatchObject({ following: true });
  await expect.poll(texts, { timeout: 10_000 }).toEqual(['Tom on the hill', 'Amy at the market']);

  await braid.value('people.relate', { accountId: amy, who: tom, action: 'mute' });
  expect(await texts()).toEqual(['Amy at the market']);
  await braid.value('people.relate', { accountId: amy, who: tom, action: 'unmute' });
  await expect.poll(texts, { timeout: 10_000 }).toEqual(['Tom on the hill', 'Amy at the market']);

  // A block ends the follow too: unblocked, nothing of his comes back until followed again.
  await braid.value('people.relate', { accountId: amy, who: tom, action: 'block' });
  expect(await texts()).toEqual(['Amy at the market']);
  expect(await braid.value('people.relate', { accountId: amy, who: tom, action: 'unblock' })).toMatchObject({ blocking: false, following: false });
  await braid.value('people.relate', { accountId: amy, who: tom, action: 'follow' });
  await expect.poll(texts, { timeout: 10_000 }).toEqual(['Tom on the hill', 'Amy at the market']);
});
