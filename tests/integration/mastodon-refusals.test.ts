/**
 * A server that refuses a post says why, and Braid shows its words once, without retrying what
 * cannot succeed. The first server answers errors as an HTML page unless a request asks for JSON,
 * and counts a URL with its full length while it advertises 23 (as a widely used Mastodon-API
 * server did): a text Braid counts as fitting is refused with 422. The second answers every
 * error as an HTML page: its status still decides (422 refused, 401 signed out).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseSync } from '../../electron/core/store/sqlite.ts';
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

/** 450 + 23 characters by Mastodon's count (a link is 23), 670 by a server that counts as written. */
const longLinkText = (letter: string) => `${'Words about a long link. '.repeat(18)}https://example.com/${letter.repeat(200)}`;

describe('a post the server refuses', () => {
  it('is failed at once as too long, with the server’s limit and Braid’s count, never taken for "it may have been posted"', async () => {
    const draft = draftOf(longLinkText('a'), [amy]);
    await braid.value('outbox.send', draft);
    const [target] = (await settled(draft.id)).targets;
    expect(target).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'too_long' } });
    expect(target!.error!.message).toContain('refused it as too long: over its limit of 500 characters, 473 by Braid’s');
    expect(target!.error!.message).toContain('Send it as a thread, or cut it to fit.');
    expect(target!.error!.message).not.toContain('may have been posted');
    expect(server.statusesOf('amy')).toHaveLength(0);

    // Sent again as a thread, counted as this server counts: every part is accepted.
    await braid.value('outbox.retry', { jobId: target!.jobId, fix: 'thread' });
    const [threaded] = (await settled(draft.id)).targets;
    expect(threaded).toMatchObject({ state: 'posted', error: null });
    const statuses = server.statusesOf('amy');
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    expect(statuses.at(-1)!.in_reply_to_id).toBeNull();
    expect(statuses.at(0)!.in_reply_to_id).toBe(statuses.at(1)!.id);
    expect(statuses.at(0)!.content).toContain(`${statuses.length}/${statuses.length}`);
  });

  it('can be cut to fit instead: one post ending with "…", never cut inside the link', async () => {
    const before = server.statusesOf('amy').length;
    const draft = draftOf(`${'Words about a long link. '.repeat(17)}https://example.com/${'c'.repeat(200)} end.`, [amy], { allowThread: false });
    await braid.value('outbox.send', draft);
    const [target] = (await settled(draft.id)).targets;
    expect(target!.error!.code).toBe('too_long');
    // As it is, it would only be refused again: the core refuses to retry it any other way than fixed.
    await braid.value('outbox.retry', { jobId: target!.jobId, fix: 'cut' });
    expect((await settled(draft.id)).targets[0]).toMatchObject({ state: 'posted' });
    const [cut] = server.statusesOf('amy');
    expect(server.statusesOf('amy')).toHaveLength(before + 1);
    expect(cut!.content).toMatch(/…<\/p>$/);
    expect(cut!.content).not.toContain('ccc'); // the link did not fit whole, so it was left out, not cut
    expect(await braid.call('outbox.retry', { jobId: target!.jobId, fix: 'thread' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
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

describe('a server known to count a post as written (GoToSocial)', () => {
  it('is recognised from its instance answer, and a text with a long link is split as it counts', async () => {
    const gts = await startMastodonServer({ flavour: 'gotosocial', maxCharacters: 500 });
    gts.addUser({ username: 'gus', password: 'gus-password-1' });
    const gus = await signInMastodon(braid, gts, 'gus', 'gus-password-1');
    expect((await braid.value('accounts.list')).find((account) => account.id === gus)?.limits).toMatchObject({ countsInFull: true, charactersReservedPerUrl: 25 });
    const draft = draftOf(longLinkText('g'), [gus]); // 475 by Mastodon's count, 670 by this server's
    await braid.value('outbox.send', draft);
    expect((await settled(draft.id)).targets[0]).toMatchObject({ state: 'posted' });
    expect(gts.statusesOf('gus')).toHaveLength(2);
    await gts.close();
  });

  it('says its own count when it refuses', async () => {
    const gts = await startMastodonServer({ flavour: 'gotosocial', maxCharacters: 500 });
    gts.addUser({ username: 'gil', password: 'gil-password-1' });
    const gil = await signInMastodon(braid, gts, 'gil', 'gil-password-1');
    // As if an older Braid had kept this account's limits without knowing how the server counts.
    const db = new DatabaseSync(join(braid.dataDir, 'braid.sqlite'));
    db.prepare("UPDATE accounts SET limits = json_remove(limits, '$.countsInFull') WHERE id = ?").run(gil);
    db.close();
    const draft = draftOf(longLinkText('h'), [gil], { allowThread: false });
    await braid.value('outbox.send', draft);
    const [target] = (await settled(draft.id)).targets;
    expect(target!.error).toMatchObject({ code: 'too_long' });
    expect(target!.error!.message).toContain('refused it as too long: 670 of 500 characters by its count, 475 by Braid’s');
    await gts.close();
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
