// What the demo's sample data needs from the Mastodon test server: statuses federated to two
// servers under one URI, boosts at a given time, and media files it serves.
import { afterEach, describe, expect, it } from 'vitest';
import { bandedPng } from '../../../scripts/demo/sample-images.ts';
import { startMastodonServer, type MastodonTestServer } from './index.ts';

const servers: MastodonTestServer[] = [];
const start = async () => {
  const server = await startMastodonServer();
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('sample data on the Mastodon test server', () => {
  it('holds a federated status under its home server’s URI, the same on two servers', async () => {
    const [one, two] = [await start(), await start()];
    const address = { uri: 'https://social.example/users/lena/statuses/42', url: 'https://social.example/@lena/42' };
    for (const server of [one, two]) server.addRemoteAccount('lena@social.example');
    const onOne = one.post('lena@social.example', { text: 'hello', federated: address });
    const onTwo = two.post('lena@social.example', { text: 'hello', federated: address });
    expect([onOne.uri, onTwo.uri]).toEqual([address.uri, address.uri]);
    expect(onOne.url).toBe(address.url);
    one.addUser({ username: 'amy', password: 'amy-password' });
    expect(() => one.post('amy', { text: 'hi', federated: address })).toThrow(/local user/);
  });

  it('keeps remote accounts made in the same millisecond as local users apart from them', async () => {
    const server = await start();
    const users = ['amy', 'ben', 'cat'].map((username) => server.addUser({ username, password: `${username}-password` }).id);
    const remotes = ['dan', 'eve', 'fay'].map((name) => server.addRemoteAccount(`${name}@social.example`).id);
    expect(new Set([...users, ...remotes]).size).toBe(6);
    expect(server.post('dan@social.example', { text: 'hi' }).account.acct).toBe('dan@social.example');
  });

  it('boosts at the given time, into the followers’ feeds', async () => {
    const server = await start();
    server.addUser({ username: 'amy', password: 'amy-password' });
    server.addUser({ username: 'ben', password: 'ben-password' });
    const original = server.post('amy', { text: 'worth sharing', createdAt: new Date('2026-11-24T10:00:00Z') });
    const reblog = server.reblog('ben', original.id, new Date('2026-11-24T12:00:00Z'));
    expect(reblog.created_at).toBe('2026-11-24T12:00:00.000Z');
    expect(reblog.reblog?.id).toBe(original.id);
    expect(server.reblogsOf('ben').map((s) => s.id)).toEqual([original.id]);
  });

  it('serves the file of an attachment posted with one, at its url and preview_url', async () => {
    const server = await start();
    server.addUser({ username: 'amy', password: 'amy-password' });
    server.addRemoteAccount('tomas@photog.example');
    const bytes = bandedPng(4, 3, [255, 0, 0], [0, 0, 255]);
    const file = { bytes, contentType: 'image/png' };
    const local = server.post('amy', { text: 'a picture', media: [{ width: 4, height: 3, description: 'red over blue', file }] });
    const remote = server.post('tomas@photog.example', { text: 'a picture', media: [{ width: 4, height: 3, url: 'https://photog.example/m/1.png', file }] });
    const [mine, theirs] = [local.media_attachments[0]!, remote.media_attachments[0]!];
    expect(theirs.remote_url).toBe('https://photog.example/m/1.png');
    for (const url of [mine.url, mine.preview_url, theirs.url]) {
      expect(url.startsWith(server.url)).toBe(true);
      const answer = await fetch(url);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await answer.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    }
    const withoutFile = server.post('amy', { text: 'no bytes', media: [{ width: 4, height: 3 }] });
    expect((await fetch(withoutFile.media_attachments[0]!.url)).status).toBe(404);
  });
});
