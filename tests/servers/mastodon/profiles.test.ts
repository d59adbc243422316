import { afterEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

const servers: MastodonTestServer[] = [];

async function start(): Promise<MastodonTestServer> {
  const server = await startMastodonServer();
  servers.push(server);
  server.addUser({ username: 'alice', password: 'alice pw' });
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});


describe('account profiles (note and fields)', () => {
  it('renders a local account’s note and fields as HTML, field links with rel="me", and keeps what was typed in source', async () => {
    const server = await start();
    const verifiedAt = new Date('2026-11-20T08:00:00.000Z');
    server.setProfile('alice', {
      note: 'Writes Braid.\n\nAlso https://bsky.app/profile/alice.test',
      fields: [
        { name: 'Bluesky', value: 'https://bsky.app/profile/alice.test', verifiedAt },
        { name: 'Pronouns', value: 'she/her' },
      ],
    });
    const { account } = server.post('alice', { text: 'hello' });
    expect(account.note).toBe(
      '<p>Writes Braid.</p><p>Also <a href="https://bsky.app/profile/alice.test" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://</span><span class="">bsky.app/profile/alice.test</span><span class="invisible"></span></a></p>',
    );
    expect(account.fields).toEqual([
      {
        name: 'Bluesky',
        value: '<a href="https://bsky.app/profile/alice.test" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">https://</span><span class="">bsky.app/profile/alice.test</span><span class="invisible"></span></a>',
        verified_at: '2026-11-20T08:00:00.000Z',
      },
      { name: 'Pronouns', value: 'she/her', verified_at: null },
    ]);

    const me = await fetch(`${server.url}/api/v1/accounts/verify_credentials`, { headers: { Authorization: `Bearer ${await tokenFor(server, 'alice', 'read')}` } });
    const body = (await me.json()) as { note: string; fields: unknown[]; source: { note: string; fields: unknown[] } };
    expect(body.note).toBe(account.note);
    expect(body.fields).toEqual(account.fields);
    expect(body.source.note).toBe('Writes Braid.\n\nAlso https://bsky.app/profile/alice.test');
    expect(body.source.fields).toEqual([
      { name: 'Bluesky', value: 'https://bsky.app/profile/alice.test', verified_at: '2026-11-20T08:00:00.000Z' },
      { name: 'Pronouns', value: 'she/her', verified_at: null },
    ]);
  });

  it('shows a verified field of another server’s account as its link alone, without rel="me"', async () => {
    const server = await start();
    server.addRemoteAccount('ann@social.example');
    server.setProfile('ann@social.example', { fields: [{ name: 'Bluesky', value: 'https://bsky.app/profile/ann.test', verifiedAt: new Date() }] });
    const { account } = server.post('ann@social.example', { text: 'hello' });
    expect(account.fields[0]?.value).toBe(
      '<a href="https://bsky.app/profile/ann.test" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://</span><span class="">bsky.app/profile/ann.test</span><span class="invisible"></span></a>',
    );
    expect(account.note).toBe('');
  });

  it('refuses what Mastodon would not store: a verified value that is not a link, more than 4 fields', async () => {
    const server = await start();
    expect(() => server.setProfile('alice', { fields: [{ name: 'Bluesky', value: '@alice.test', verifiedAt: new Date() }] })).toThrow(/only a link/);
    const field = { name: 'x', value: 'y' };
    expect(() => server.setProfile('alice', { fields: [field, field, field, field, field] })).toThrow(/at most 4/);
    expect(server.post('alice', { text: 'hello' }).account).toMatchObject({ note: '', fields: [] });
  });
});
