import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, leakedSecrets, type CoreHarness } from '../support/core-harness.ts';
import { approveOnServer } from '../support/mastodon-user.ts';
import { tokenFor } from '../servers/mastodon/test-token.ts';

const alice = { username: 'alice', password: 'correct horse battery' };
const bob = { username: 'bob', password: 'hunter2hunter2' };

let server: MastodonTestServer;
let braid: CoreHarness;

beforeAll(async () => {
  server = await startMastodonServer({ title: 'Test Social', maxCharacters: 1000, imageSizeLimit: 8_388_608 });
  server.addUser({ ...alice, displayName: 'Alice Liddell' });
  server.addUser({ ...bob, displayName: 'Bob' });
});
afterAll(() => server.close());
afterEach(() => braid?.close());

async function signInLoopback(harness: CoreHarness, who: { username: string; password: string }, instance = server.url) {
  const begun = await harness.value('accounts.mastodon.begin', { instance, mode: 'loopback' });
  const waiting = harness.call('accounts.mastodon.await', { flowId: begun.flowId });
  const approval = await approveOnServer(begun.authorizeUrl, who);
  expect(approval.finalPage).toContain('Signed in');
  const result = await waiting;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('Mastodon sign-in, through the core’s contract', () => {
  it('signs in with a pasted access token (the escape hatch), a local server typed without a scheme reached over http', async () => {
    braid = startCore();
    server.addUser({ username: 'tina', password: 'tina pw', displayName: 'Tina Token' });
    const token = await tokenFor(server, 'tina');
    const host = new URL(server.url).host;
    const account = await braid.value('accounts.mastodon.token', { instance: host, token });
    expect(account).toMatchObject({ network: 'mastodon', handle: `tina@${host}`, displayName: 'Tina Token', status: 'ok' });
    expect((await braid.value('accounts.list')).map((a) => a.id)).toEqual([account.id]);
    expect(await braid.call('accounts.mastodon.token', { instance: host, token: 'not-a-token-of-this-server' })).toMatchObject({ ok: false });
    expect(leakedSecrets(braid.transcript(), [token])).toEqual([]);
  });

  it('signs in by the loopback flow with PKCE, and keeps the account and the server’s limits', async () => {
    braid = startCore();
    const begun = await braid.value('accounts.mastodon.begin', { instance: server.url, mode: 'loopback' });
    const url = new URL(begun.authorizeUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('scope')).toBe('read write:statuses write:media write:favourites write:follows write:mutes write:blocks');
    await braid.call('accounts.mastodon.cancel', { flowId: begun.flowId });

    const account = await signInLoopback(braid, alice);
    const host = new URL(server.url).host;
    expect(account).toMatchObject({ network: 'mastodon', handle: `alice@${host}`, displayName: 'Alice Liddell', status: 'ok', postByDefault: true, server: host });
    expect(account.id).toMatch(new RegExp(`^mastodon:${host.replace('.', '\\.')}:`));
    expect(await braid.value('accounts.list')).toEqual([account]);
    expect(account.limits).toEqual({
      maxCharacters: 1000,
      maxMediaAttachments: 4,
      charactersReservedPerUrl: 23,
      descriptionLimit: 1500,
      imageSizeLimit: 8_388_608, // not Mastodon's default: read from the answer (masto's camelCase keys)
      imageMatrixLimit: 33_177_600,
      quotes: true, // the server speaks API version 7 (Mastodon 4.5)
      source: 'v2',
    });
  });

  it('signs in by the out-of-band code a user pastes, and registers the app only once per server and redirect', async () => {
    braid = startCore();
    const appsBefore = server.counters().appsRegistered;
    await signInLoopback(braid, alice);
    const begun = await braid.value('accounts.mastodon.begin', { instance: server.url, mode: 'oob' });
    expect(new URL(begun.authorizeUrl).searchParams.get('redirect_uri')).toBe('urn:ietf:wg:oauth:2.0:oob');
    const approval = await approveOnServer(begun.authorizeUrl, bob);
    expect(approval.shownCode).toBeTruthy();

    const wrong = await braid.call('accounts.mastodon.finish', { flowId: begun.flowId, code: 'not-the-code' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('did not accept this code') as string } });
    const account = await braid.value('accounts.mastodon.finish', { flowId: begun.flowId, code: ` ${approval.shownCode!} ` });
    expect(account.handle).toMatch(/^bob@/);
    expect((await braid.value('accounts.list')).map((a) => a.handle.split('@')[0])).toEqual(['alice', 'bob']);
    // One app for the loopback redirect, one for the pasted code: a server may not take both in one.
    expect(server.counters().appsRegistered - appsBefore).toBe(2);
    await signInLoopback(braid, alice);
    expect(server.counters().appsRegistered - appsBefore).toBe(2);
  });

  it('signs in on a server that keeps a list of redirect URIs as one URI, both ways', async () => {
    const asOne = await startMastodonServer({ redirectUrisAsOne: true });
    try {
      asOne.addUser({ username: 'gus', password: 'gus-password-1' });
      braid = startCore();
      const looped = await signInLoopback(braid, { username: 'gus', password: 'gus-password-1' }, asOne.url);
      expect(looped.handle).toMatch(/^gus@/);
      const begun = await braid.value('accounts.mastodon.begin', { instance: asOne.url, mode: 'oob' });
      const approval = await approveOnServer(begun.authorizeUrl, { username: 'gus', password: 'gus-password-1' });
      expect(approval.shownCode, approval.finalPage.slice(0, 300)).toBeTruthy();
      expect((await braid.value('accounts.mastodon.finish', { flowId: begun.flowId, code: approval.shownCode! })).id).toBe(looped.id);
    } finally {
      await asOne.close();
    }
  });

  it('stays signed in across a restart, and only a revoked account asks to sign in again', async () => {
    braid = startCore();
    const a = await signInLoopback(braid, alice);
    const b = await signInLoopback(braid, bob);
    braid = braid.restart();
    expect((await braid.value('accounts.check')).map((x) => x.status)).toEqual(['ok', 'ok']);

    server.revokeTokensOf('bob');
    const checked = await braid.value('accounts.check');
    expect(checked.find((x) => x.id === a.id)?.status).toBe('ok');
    expect(checked.find((x) => x.id === b.id)?.status).toBe('auth_expired');
    expect(braid.transcript()).toContain('"event":"accounts.changed"');

    const again = await signInLoopback(braid, bob);
    expect(again).toMatchObject({ id: b.id, status: 'ok' });
  });

  it('removing an account revokes its token on the server and forgets its secrets', async () => {
    braid = startCore();
    const account = await signInLoopback(braid, alice);
    const token = server.tokensOf('alice').at(-1)!;
    const revocations = server.counters().revocations;
    await braid.value('accounts.remove', { id: account.id });
    expect(server.counters().revocations).toBe(revocations + 1);
    expect(server.tokensOf('alice')).not.toContain(token);
    expect(await braid.value('accounts.list')).toEqual([]);
    expect(braid.core.secrets.read(`account:${account.id}`)).toEqual({ ok: true, value: null });
  });

  it('chooses which accounts are posted to by default', async () => {
    braid = startCore();
    const account = await signInLoopback(braid, alice);
    const updated = await braid.value('accounts.setPostByDefault', { id: account.id, postByDefault: false });
    expect(updated[0]?.postByDefault).toBe(false);
    braid = braid.restart();
    expect((await braid.value('accounts.list'))[0]?.postByDefault).toBe(false);
    await expect(braid.value('accounts.setPostByDefault', { id: 'mastodon:nowhere:1', postByDefault: true })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('says so when the user declines on the server', async () => {
    braid = startCore();
    const begun = await braid.value('accounts.mastodon.begin', { instance: server.url, mode: 'loopback' });
    const waiting = braid.call('accounts.mastodon.await', { flowId: begun.flowId });
    await approveOnServer(begun.authorizeUrl, alice, 'deny');
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'You declined access on the server’s page.' } });
  });

  it('never lets a token, secret or code reach the renderer, the database or the logs', async () => {
    braid = startCore();
    await signInLoopback(braid, alice);
    await signInLoopback(braid, bob);
    await braid.value('accounts.check');
    const secrets = server.secrets();
    expect(secrets.length).toBeGreaterThan(3);
    expect(leakedSecrets(braid.transcript(), secrets)).toEqual([]);
    expect(leakedSecrets(braid.plainFiles(), secrets)).toEqual([]);
  });
});

describe('servers that differ from Mastodon', () => {
  it('reads limits from /api/v1/instance where v2 is missing, and signs in without PKCE metadata', async () => {
    const old = await startMastodonServer({ v2Instance: false, pkce: false, maxCharacters: 5000 });
    old.addUser(alice);
    braid = startCore();
    try {
      const account = await signInLoopback(braid, alice, old.url);
      expect(account.status).toBe('ok');
      expect(account.limits).toMatchObject({ maxCharacters: 5000, source: 'v1' });
      expect(old.requests.some((r) => r.path === '/api/v1/instance' && r.status === 200)).toBe(true);
    } finally {
      await old.close();
    }
  });

  it('refreshes expiring tokens (Pleroma/Akkoma) instead of asking to sign in again', async () => {
    const pleroma = await startMastodonServer({ expiringTokens: { expiresIn: 30 } });
    pleroma.addUser(alice);
    braid = startCore();
    try {
      await signInLoopback(braid, alice, pleroma.url);
      const issued = pleroma.counters().tokensIssued;
      expect((await braid.value('accounts.check'))[0]?.status).toBe('ok');
      expect(pleroma.counters().tokensIssued).toBe(issued + 1);
    } finally {
      await pleroma.close();
    }
  });

  it.each([
    ['an HTML error page', (res: ServerResponse) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>'), /error page instead of data \(HTTP 502\)/],
    ['invalid JSON', (res: ServerResponse) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"client_id": '), /not JSON/],
    ['a web page with status 200', (res: ServerResponse) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Welcome to nginx</title>'), /web page instead of data/],
  ])('explains a server that answers %s', async (_label, answer, message) => {
    const odd: Server = createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    braid = startCore();
    try {
      const result = await braid.call('accounts.mastodon.begin', { instance: `http://127.0.0.1:${(odd.address() as AddressInfo).port}`, mode: 'oob' });
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) as string } });
    } finally {
      odd.close();
    }
  });

  it('explains an unreachable server and an address that is not one', async () => {
    braid = startCore();
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    expect(await braid.call('accounts.mastodon.begin', { instance: `http://127.0.0.1:${port}`, mode: 'loopback' })).toMatchObject({
      ok: false,
      error: { code: 'network', message: `Could not reach 127.0.0.1:${port}: the connection was refused.` },
    });
    // Typed without a scheme: https first, then (a server on this machine) http; both named.
    expect(await braid.call('accounts.mastodon.begin', { instance: `127.0.0.1:${port}`, mode: 'loopback' })).toMatchObject({
      ok: false,
      error: { code: 'network', message: `Could not reach 127.0.0.1:${port}: the connection was refused (Braid tried https://127.0.0.1:${port} and http://127.0.0.1:${port}).` },
    });
    expect(await braid.call('accounts.mastodon.begin', { instance: 'http://mastodon.social', mode: 'loopback' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
