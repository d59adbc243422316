/**
 * A server that refuses a post says why, and Braid shows its words once, without retrying what
 * cannot succeed. The first server answers errors as an HTML page unless a request asks for JSON,
 * and counts a URL with its full length while it advertises 23 (as a widely used Mastodon-API
 * server did): a text Braid counts as fitting is refused with 422. The second answers every
 * error as an HTML page: its status still decides (422 refused, 401 signed out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../shared/domain/draft.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { draftOf } from '../support/drafts.ts';
import { signInMastodon } from '../support/mastodon-user.ts';

let server: MastodonTestServer;
let htmlOnly: MastodonTestServer;
let braid: CoreHarness;
let amy: string;
let bob: string;

beforeAll(async () => {
  server = await startMastodonServer({ htmlErrors: 'unless-json-asked', countUrlsInFull: true });
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  braid = startCore({ liveUpdates: false, outbox: { policy: { maxAttempts: 4, maxRateLimitedAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, resetJitterMs: 10, random: Math.random } } });
  amy = await signInMastodon(braid, server, 'amy', 'amy-password-1');
  htmlOnly = await startMastodonServer({ htmlErrors: true, countUrlsInFull: true });
  htmlOnly.addUser({ username: 'bob', password: 'bob-password-1' });
  bob = await signInMastodon(braid, htmlOnly, 'bob', 'bob-password-1');
}, 60_000);
afterAll(async () => {
  braid?.close();
  await Promise.all([server?.close(), htmlOnly?.close()]);
});

const settled = async (draftId: string): Promise<OutboxEntry> => {
  let entry: OutboxEntry | undefined;
  await expect
    .poll(async () => {
      entry = (await braid.value('outbox.list')).find((candidate) => candidate.draftId === draftId);
      return entry?.targets.every((target) => target.state === 'posted' || target.state === 'failed');
    }, { timeout: 15_000 })
    .toBe(true);
  return entry!;
};

describe('a post the server refuses', () => {
  it('is failed at once with the server’s own words, never taken for "it may have been posted"', async () => {
    const text = `${'Words about a long link. '.repeat(18)}https://example.com/${'a'.repeat(200)}`; // 23 + 450 for Braid; 670 for this server
    const draft = draftOf(text, [amy]);
    await braid.value('outbox.send', draft);
    const [target] = (await settled(draft.id)).targets;
    expect(target).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'invalid_input' } });
    expect(target!.error!.message).toContain('Text character limit of 500 exceeded');
    expect(target!.error!.message).not.toContain('may have been posted');
    expect(server.statusesOf('amy')).toHaveLength(0);
  });

  it('is failed at once where the server only ever answers error pages: the page\'s status decides', async () => {
    const draft = draftOf(`${'Words about a long link. '.repeat(18)}https://example.com/${'b'.repeat(200)}`, [bob]);
    await braid.value('outbox.send', draft);
    const [target] = (await settled(draft.id)).targets;
    expect(target).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'invalid_input' } });
    expect(target!.error!.message).toContain('error page instead of data (HTTP 422)');
    expect(htmlOnly.statusesOf('bob')).toHaveLength(0);
  });
});

describe('a sign-in the server no longer takes', () => {
  it('reads as "needs to sign in again" even when the 401 comes as an HTML page', async () => {
    htmlOnly.revokeTokensOf('bob');
    const checked = await braid.value('accounts.check');
    expect(checked.find((account) => account.id === bob)?.status).toBe('auth_expired');
    expect(checked.find((account) => account.id === amy)?.status).toBe('ok');
  });
});

describe('a server that cannot be reached', () => {
  it('is "could not reach" on its target, never "it may have been posted"', async () => {
    const gone = await startMastodonServer();
    gone.addUser({ username: 'cy', password: 'cy-password-1' });
    const cy = await signInMastodon(braid, gone, 'cy', 'cy-password-1');
    await gone.close(); // the connection is refused: no request can have reached it
    // A server that went down a while ago: the client has seen its kept-alive connections close.
    // (A request written on a connection the server is just closing might have reached it.)
    await new Promise((resolve) => setTimeout(resolve, 200));
    const draft = draftOf('Hello from a server that went away', [cy]);
    await braid.value('outbox.send', draft);
    const [target] = (await settled(draft.id)).targets;
    expect(target).toMatchObject({ state: 'failed', error: { code: 'network' } });
    expect(target!.error!.message).toContain('Could not reach');
    expect(target!.error!.message).not.toContain('may have been posted');
  });
});
