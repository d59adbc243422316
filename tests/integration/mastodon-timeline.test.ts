import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSchema } from '../../shared/domain/post.ts';
import { createMastodonAdapter } from '../../electron/core/networks/mastodon/adapter.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { approveOnServer } from '../support/mastodon-user.ts';

let server: MastodonTestServer;
let token: string;

/** A user's access token, the way an app gets one (out-of-band code). */
async function tokenFor(on: MastodonTestServer, username: string, password: string): Promise<string> {
  const oob = 'urn:ietf:wg:oauth:2.0:oob';
  const app = (await fetch(`${on.url}/api/v1/apps`, { method: 'POST', body: new URLSearchParams({ client_name: 't', redirect_uris: oob, scopes: 'read write' }) }).then((r) => r.json())) as { client_id: string; client_secret: string };
  const { shownCode } = await approveOnServer(`${on.url}/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${oob}&scope=read+write`, { username, password });
  const answer = (await fetch(`${on.url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: shownCode!, client_id: app.client_id, client_secret: app.client_secret, redirect_uri: oob }),
  }).then((r) => r.json())) as { access_token: string };
  return answer.access_token;
}

beforeAll(async () => {
  server = await startMastodonServer({ title: 'Test Social' });
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  server.addUser({ username: 'zed', password: 'zed-password-1', displayName: 'Zed' });
  server.addRemoteAccount('zoe@other.example', { displayName: 'Zoë' });
  server.follow('amy', 'zed');
  for (let i = 0; i < 7; i++) server.post('zed', { text: `Post number ${i}`, createdAt: new Date(Date.UTC(2026, 10, 25, 9, i)) });
  const remote = server.post('zoe@other.example', {
    text: 'From elsewhere, with a picture https://example.com/page',
    spoilerText: 'cats',
    media: [{ description: 'A cat', width: 800, height: 600 }],
    createdAt: new Date(Date.UTC(2026, 10, 25, 9, 30)),
  });
  // zed boosts the remote post (amy does not follow its author), later than everything else
  const zedToken = await tokenFor(server, 'zed', 'zed-password-1');
  await fetch(`${server.url}/api/v1/statuses/${remote.id}/reblog`, { method: 'POST', headers: { Authorization: `Bearer ${zedToken}` } });
  token = await tokenFor(server, 'amy', 'amy-password-1');
});
afterAll(() => server?.close());

const adapter = () => createMastodonAdapter(async () => ({ origin: server.url, accessToken: token }));

describe('the Mastodon adapter against the Mastodon test server', () => {
  it('maps the home timeline into valid posts, boosts included', async () => {
    const page = await adapter().home('mastodon:test:amy', null, 40);
    for (const post of page.posts) expect(postSchema.safeParse(post).success).toBe(true);
    const boosted = page.posts[0]!;
    expect(boosted).toMatchObject({
      author: { handle: 'zoe@other.example', displayName: 'Zoë' },
      boostedBy: { handle: `zed@${new URL(server.url).host}`, displayName: 'Zed' },
      contentWarning: 'cats',
      media: [{ kind: 'image', alt: 'A cat', width: 800, height: 600 }],
    });
    expect(boosted.content.kind === 'html' && boosted.content.html).toContain('From elsewhere');
    expect(Date.parse(boosted.sortAt)).toBeGreaterThan(Date.parse(boosted.createdAt));
    expect(page.posts.filter((post) => post.author.handle.startsWith('zed@'))).toHaveLength(7);
  });

  it('pages with max_id until the end, whether or not the server sends Link headers', async () => {
    for (const linkHeaders of [true, false]) {
      const quiet = await startMastodonServer({ linkHeaders });
      quiet.addUser({ username: 'amy', password: 'x-password-1' });
      quiet.addUser({ username: 'zed', password: 'y-password-1' });
      quiet.follow('amy', 'zed');
      for (let i = 0; i < 9; i++) quiet.post('zed', { text: `n${i}`, createdAt: new Date(Date.UTC(2026, 10, 25, 8, i)) });
      const quietToken = await tokenFor(quiet, 'amy', 'x-password-1');
      const paging = createMastodonAdapter(async () => ({ origin: quiet.url, accessToken: quietToken }));
      const texts: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await paging.home('a', cursor, 4);
        texts.push(...page.posts.map((post) => (post.content.kind === 'html' ? post.content.html.replace(/<[^>]+>/g, '') : '')));
        cursor = page.cursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(texts, `linkHeaders: ${linkHeaders}`).toEqual(['n8', 'n7', 'n6', 'n5', 'n4', 'n3', 'n2', 'n1', 'n0']);
      await quiet.close();
    }
  });

  it('explains a revoked token as an expired sign-in', async () => {
    const revoked = createMastodonAdapter(async () => ({ origin: server.url, accessToken: 'not-a-token' }));
    await expect(revoked.home('a', null, 20)).rejects.toMatchObject({ code: 'auth_expired' });
  });
});
