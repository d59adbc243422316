/**
 * The outbox's state machine, with fake publishers the tests drive and an in-memory SQLite store:
 * what is saved before anything goes out, how targets run, fail, wait, retry and resume.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { Draft, DraftMedia, OutboxEntry, TargetStatus } from '../../shared/domain/draft.ts';
import { createOutbox } from '../../electron/core/compose/outbox.ts';
import { createOutboxStore, type OutboxStore } from '../../electron/core/compose/outbox-store.ts';
import type { Job, OutboxStep, PostedPart, PublishContext, Publisher } from '../../electron/core/networks/publishing.ts';
import { blueskyKeys } from '../../electron/core/networks/bluesky/publish.ts';
import { mastodonKeys } from '../../electron/core/networks/mastodon/publish.ts';
import type { MediaStore } from '../../electron/core/compose/media-store.ts';
import type { RetryPolicy } from '../../electron/core/compose/retry-policy.ts';
import { ServerError } from '../../electron/core/base/errors.ts';
import { openMemoryDatabase } from '../../electron/core/store/database.ts';
import { draftOf } from '../support/drafts.ts';

const AMY = 'mastodon:social.test:1';
const BOB = 'mastodon:other.test:2';
const ANN = 'bluesky:did:plc:ann';

const account = (id: string, network: 'mastodon' | 'bluesky', handle: string): AccountSummary => ({
  id,
  network,
  server: handle.split('@')[1] ?? 'pds.test',
  handle,
  displayName: handle,
  avatarUrl: null,
  status: 'ok',
  postByDefault: true,
  limits: network === 'mastodon' ? { maxCharacters: 500, maxMediaAttachments: 4, charactersReservedPerUrl: 23, descriptionLimit: 1500, imageSizeLimit: 1e7, imageMatrixLimit: 1e8, source: 'v2' } : null,
});

const fastPolicy: RetryPolicy = { maxAttempts: 3, maxRateLimitedAttempts: 5, baseDelayMs: 20, maxDelayMs: 50, resetJitterMs: 0, random: () => 0.5 };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const tid = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

type Handler = (job: Job, account: AccountSummary, context: PublishContext) => Promise<PostedPart[]>;

/** What a publisher was handed, as it was then. */
interface Call {
  accountId: string;
  keys: string[];
  state: Job['state'];
  sentAt: string | null;
  attempts: number;
  progress: Job['progress'];
  at: number;
}

const postEveryPart: Handler = async (job) => job.keys.map((key, i) => ({ id: `${i}`, url: `https://posts.test/${key}` }));
const never = () => new Promise<never>(() => {});

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** Each network's own keys (its module's), so that what Send saves is what Braid would send. */
const keysOf = (network: string) => (network === 'bluesky' ? blueskyKeys : mastodonKeys);

const newStore = (): OutboxStore => createOutboxStore(openMemoryDatabase());

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const outbox of opened.splice(0)) outbox.close();
});

function setup(options: { store?: OutboxStore } = {}) {
  const store = options.store ?? newStore();
  const accounts = [account(AMY, 'mastodon', 'amy@social.test'), account(BOB, 'mastodon', 'bob@other.test'), account(ANN, 'bluesky', 'ann.test')];
  const calls: Call[] = [];
  const handlers: Record<string, Handler> = {};
  const changes: OutboxEntry[][] = [];
  const authExpired: string[] = [];
  const steps: [OutboxStep, string][] = [];
  const images = new Map<string, Uint8Array>();
  const media: MediaStore = {
    save: (bytes) => {
      const id = randomUUID();
      images.set(id, bytes);
      return id;
    },
    read: (id) => {
      const bytes = images.get(id);
      if (!bytes) throw new ServerError('not_found', 'missing image');
      return bytes;
    },
    keepOnly: () => {},
  };
  const publisher: Publisher = {
    async publish(job, to, context) {
      calls.push({ accountId: to.id, keys: [...job.keys], state: job.state, sentAt: job.sentAt, attempts: job.attempts, progress: structuredClone(job.progress), at: Date.now() });
      return (handlers[to.id] ?? postEveryPart)(job, to, context);
    },
  };
  const outbox = createOutbox({
    store,
    media,
    accounts: () => accounts,
    publishing: (network) => ({ ...publisher, keys: keysOf(network) }),
    findPost: () => null,
    changed: (entries) => changes.push(entries),
    onAuthExpired: (id) => authExpired.push(id),
    onStep: (step, job) => steps.push([step, job.accountId]),
    policy: fastPolicy,
  });
  opened.push(outbox);

  const entry = (draftId: string): OutboxEntry => {
    const found = outbox.list().find((candidate) => candidate.draftId === draftId);
    if (!found) throw new Error(`no outbox entry for ${draftId}`);
    return found;
  };
  const target = (draftId: string, accountId: string): TargetStatus => entry(draftId).targets.find((candidate) => candidate.accountId === accountId)!;
  const image = (alt = 'A picture'): DraftMedia => ({
    id: media.save(randomBytes(36)),
    mimeType: 'image/png',
    width: 10,
    height: 10,
    bytes: 36,
    thumbnail: 'data:image/jpeg;base64,AAAA',
    alt,
  });
  /** Sends a draft the outbox must accept. */
  const send = (draft: Draft): OutboxEntry => {
    const result = outbox.send(draft);
    if (!result.ok) throw new Error(`refused: ${result.error.message}`);
    return result.value;
  };
  /** Waits until no target of the draft is on its way or due again. */
  const settle = (draftId: string) =>
    vi.waitFor(
      () => {
        const states = entry(draftId).targets.map((status) => status.state);
        if (!states.every((state) => state === 'posted' || state === 'failed')) throw new Error(`still going: ${states.join(', ')}`);
        return entry(draftId);
      },
      { timeout: 3_000, interval: 5 },
    );
  const callsTo = (accountId: string) => calls.filter((call) => call.accountId === accountId);
  /** Every target status the `changed` events showed that matches. */
  const seen = (predicate: (status: TargetStatus) => boolean) => changes.flatMap((entries) => entries.flatMap((e) => e.targets)).filter(predicate);
  /** The target as the last `changed` event showed it. */
  const lastChange = (draftId: string, accountId: string) =>
    changes.at(-1)?.find((candidate) => candidate.draftId === draftId)?.targets.find((status) => status.accountId === accountId);

  return { outbox, store, accounts, images, calls, callsTo, handlers, changes, authExpired, steps, entry, target, image, send, settle, seen, lastChange };
}

describe('send', () => {
  it('saves the draft and one job per target before anything is published', async () => {
    const braid = setup();
    const draft = draftOf('Hello from Braid', [AMY, BOB, ANN]);
    let inFirstPublish: { sent: boolean; jobs: string[]; steps: number } | undefined;
    const recordThenPost: Handler = async (job, to, context) => {
      inFirstPublish ??= { sent: braid.store.isSent(draft.id), jobs: braid.store.jobsOf(draft.id).map((j) => j.accountId), steps: braid.steps.length };
      return postEveryPart(job, to, context);
    };
    braid.handlers[AMY] = braid.handlers[BOB] = braid.handlers[ANN] = recordThenPost;

    const entry = braid.send(draft);
    expect(braid.calls).toEqual([]);
    expect(entry).toMatchObject({ draftId: draft.id, text: 'Hello from Braid', scheduledAt: null });
    expect(entry.targets.map((t) => [t.accountId, t.state, t.attempts])).toEqual([[AMY, 'queued', 0], [BOB, 'queued', 0], [ANN, 'queued', 0]]);

    const settled = await braid.settle(draft.id);
    expect(inFirstPublish).toEqual({ sent: true, jobs: [AMY, BOB, ANN], steps: 3 });
    expect(braid.steps.slice(0, 3)).toEqual([['saved', AMY], ['saved', BOB], ['saved', ANN]]);
    expect(settled.targets.map((t) => [t.state, t.error, t.attempts])).toEqual(Array(3).fill(['posted', null, 1]));
    await vi.waitFor(() => expect(braid.changes.at(-1)).toEqual(braid.outbox.list()));
  });

  it('makes the keys before sending: a UUID per Mastodon part, a TID per Bluesky part', () => {
    const braid = setup();
    const draft = draftOf(words(90), [AMY, ANN]); // about 620 characters: 2 parts on Mastodon, 3 on Bluesky
    braid.send(draft);
    const [toAmy, toAnn] = braid.store.jobsOf(draft.id);
    expect(toAmy!.keys).toHaveLength(toAmy!.plan.parts.length);
    expect(toAnn!.keys).toHaveLength(toAnn!.plan.parts.length);
    expect([toAmy!.keys.length, toAnn!.keys.length]).toEqual([2, 3]);
    for (const key of toAmy!.keys) expect(key).toMatch(uuid);
    for (const key of toAnn!.keys) expect(key).toMatch(tid);
    expect(new Set([...toAmy!.keys, ...toAnn!.keys]).size).toBe(5);
  });

  it('refuses a draft with a problem, and stores nothing', async () => {
    const braid = setup();
    const refused = braid.outbox.send(draftOf('Followers only', [AMY, ANN], { visibility: 'private' }));
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringContaining('ann.test: Bluesky posts are always public') as string,
        phrase: { id: 'compose.plan.targetProblem', values: { handle: 'ann.test', problem: { id: 'compose.plan.blueskyPublic', values: { visibility: 'private' } } } },
      },
    });
    const empty = braid.outbox.send(draftOf('  ', [AMY]));
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'amy@social.test: Nothing to post: write something or add an image.' } });
    expect(braid.outbox.list()).toEqual([]);
    expect(braid.store.jobs()).toEqual([]);
    expect(braid.store.drafts()).toEqual([]);
    await new Promise(setImmediate);
    expect(braid.changes).toEqual([]);
  });

  it('refuses a reply whose post is no longer loaded, and stores nothing', () => {
    const braid = setup();
    const refused = braid.outbox.send(draftOf('Yes!', [AMY], { replyTo: ['mastodon https://social.test/users/bob/statuses/1'] }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(braid.store.jobs()).toEqual([]);
  });

  it('answers the same entry when the same draft is sent twice, and posts once', async () => {
    const braid = setup();
    const draft = draftOf('Only once', [AMY, ANN]);
    const first = braid.send(draft);
    const again = braid.send(draft);
    expect(again.draftId).toBe(first.draftId);
    expect(again.targets.map((t) => t.jobId)).toEqual(first.targets.map((t) => t.jobId));
    await braid.settle(draft.id);
    expect(braid.send(draft).targets.map((t) => t.state)).toEqual(['posted', 'posted']);
    expect(braid.store.jobs()).toHaveLength(2);
    expect(braid.calls.map((call) => call.accountId).sort()).toEqual([ANN, AMY].sort());
  });
});

describe('running targets', () => {
  it('sends to different accounts in parallel, and one target at a time per account', async () => {
    const braid = setup();
    const gate = deferred();
    const active = new Map<string, number>();
    let mostAtOnce = 0;
    let mostPerAccount = 0;
    const held: Handler = async (job, to, context) => {
      active.set(to.id, (active.get(to.id) ?? 0) + 1);
      mostAtOnce = Math.max(mostAtOnce, [...active.values()].reduce((a, b) => a + b, 0));
      mostPerAccount = Math.max(mostPerAccount, ...active.values());
      await gate.promise;
      active.set(to.id, active.get(to.id)! - 1);
      return postEveryPart(job, to, context);
    };
    braid.handlers[AMY] = braid.handlers[BOB] = held;
    const first = draftOf('First', [AMY, BOB]);
    const second = draftOf('Second', [AMY]);
    braid.send(first);
    braid.send(second);

    await vi.waitFor(() => expect(braid.calls).toHaveLength(2));
    expect(braid.calls.map((call) => call.accountId)).toEqual([AMY, BOB]);
    expect(braid.target(second.id, AMY).state).toBe('queued'); // waits for Amy's first
    gate.release();
    await braid.settle(first.id);
    await braid.settle(second.id);
    expect(braid.callsTo(AMY)).toHaveLength(2);
    expect(mostAtOnce).toBe(2);
    expect(mostPerAccount).toBe(1);
  });

  it('shows upload progress while uploading, and the links once posted', async () => {
    const braid = setup();
    const gate = deferred();
    let secondImage: Uint8Array | undefined;
    braid.handlers[AMY] = async (job, _to, context) => {
      context.uploaded(0, 2);
      secondImage = context.image(1);
      context.uploaded(1, 2);
      await gate.promise;
      context.uploaded(2, 2);
      context.save({ media: ['m1', 'm2'] });
      context.sending();
      return [
        { id: '1', url: 'https://social.test/@amy/1' },
        { id: '2', url: null },
        { id: '3', url: 'https://social.test/@amy/3' },
      ];
    };
    const pictures = [braid.image('One'), braid.image('Two')];
    const draft = draftOf('Two pictures', [AMY], { media: pictures });
    braid.send(draft);

    await vi.waitFor(() => expect(braid.target(draft.id, AMY)).toMatchObject({ state: 'uploading', progress: { done: 1, total: 2 } }));
    await vi.waitFor(() => expect(braid.lastChange(draft.id, AMY)).toMatchObject({ state: 'uploading', progress: { done: 1, total: 2 } }));
    expect(secondImage).toBe(braid.images.get(pictures[1]!.id));
    gate.release();

    const settled = await braid.settle(draft.id);
    expect(settled.targets[0]).toMatchObject({ state: 'posted', progress: null, urls: ['https://social.test/@amy/1', 'https://social.test/@amy/3'] });
    await vi.waitFor(() => expect(braid.lastChange(draft.id, AMY)).toEqual(settled.targets[0]));
  });
});


describe('failures', () => {
  it('waits after a failure that can pass, then posts, with the same keys', async () => {
    const braid = setup();
    let tries = 0;
    braid.handlers[AMY] = async (job, to, context) => {
      if (++tries === 1) throw new ServerError('server', 'social.test answered HTTP 503.');
      return postEveryPart(job, to, context);
    };
    const draft = draftOf('Second time lucky', [AMY]);
    braid.send(draft);

    const settled = await braid.settle(draft.id);
    const waiting = braid.seen((t) => t.state === 'waiting');
    expect(waiting[0]).toMatchObject({ attempts: 1, error: { code: 'server', message: 'social.test answered HTTP 503.', account: AMY } });
    expect(Date.parse(waiting[0]!.nextAttemptAt!)).toBeGreaterThan(braid.calls[0]!.at);
    expect(settled.targets[0]).toMatchObject({ state: 'posted', error: null, nextAttemptAt: null, attempts: 2 });
    expect(braid.calls.map((call) => [call.keys, call.state])).toEqual([
      [braid.calls[0]!.keys, 'sending'],
      [braid.calls[0]!.keys, 'sending'],
    ]);
  });

  it('waits for the time a rate limit gives', async () => {
    const braid = setup();
    let retryAt = 0;
    braid.handlers[ANN] = async (job, to, context) => {
      if (retryAt === 0) {
        retryAt = Date.now() + 150; // far beyond the policy's 50 ms backoff
        throw new ServerError('rate_limited', 'pds.test asks to wait.', { status: 429, retryAt });
      }
      return postEveryPart(job, to, context);
    };
    const draft = draftOf('Not so fast', [ANN]);
    braid.send(draft);
    await braid.settle(draft.id);
    expect(braid.seen((t) => t.state === 'waiting')[0]).toMatchObject({ nextAttemptAt: new Date(retryAt).toISOString(), error: { code: 'rate_limited' } });
    expect(braid.calls[1]!.at).toBeGreaterThanOrEqual(retryAt);
  });

  it('fails at once on a final error, saying why and for which account', async () => {
    const braid = setup();
    braid.handlers[BOB] = async () => {
      throw new ServerError('invalid_input', 'other.test refused the post (HTTP 422): “Validation failed”.', { status: 422 });
    };
    const draft = draftOf('Refused on one', [AMY, BOB]);
    braid.send(draft);
    const settled = await braid.settle(draft.id);
    expect(settled.targets.map((t) => t.state)).toEqual(['posted', 'failed']);
    expect(settled.targets[1]).toMatchObject({
      error: { code: 'invalid_input', message: 'other.test refused the post (HTTP 422): “Validation failed”.', account: BOB },
      attempts: 1,
      nextAttemptAt: null,
    });
    expect(braid.callsTo(BOB)).toHaveLength(1);
    expect(braid.authExpired).toEqual([]);
  });

  it('fails after the last attempt the policy allows', async () => {
    const braid = setup();
    braid.handlers[AMY] = async () => {
      throw new ServerError('network', 'social.test did not answer within 15 seconds.');
    };
    const draft = draftOf('Nobody home', [AMY]);
    braid.send(draft);
    const settled = await braid.settle(draft.id);
    expect(settled.targets[0]).toMatchObject({ state: 'failed', attempts: fastPolicy.maxAttempts, error: { code: 'network' } });
    expect(braid.calls).toHaveLength(fastPolicy.maxAttempts);
  });

  it('shows a bug in a publisher as a final internal error', async () => {
    const braid = setup();
    braid.handlers[ANN] = async () => {
      throw new TypeError('x is undefined');
    };
    const draft = draftOf('Oops', [ANN]);
    braid.send(draft);
    const settled = await braid.settle(draft.id);
    expect(settled.targets[0]).toMatchObject({ state: 'failed', error: { code: 'internal', message: expect.stringContaining('x is undefined') as string, account: ANN } });
    expect(braid.calls).toHaveLength(1);
  });

  it('reports no answer after the request went out as an unknown outcome, and checks before trying again', async () => {
    const braid = setup();
    braid.handlers[AMY] = async (job, to, context) => {
      if (braid.calls.length === 1) {
        context.sending();
        throw new ServerError('network', 'social.test did not answer within 15 seconds.');
      }
      return postEveryPart(job, to, context);
    };
    const draft = draftOf('Did it land?', [AMY]);
    braid.send(draft);
    await braid.settle(draft.id);
    const waiting = braid.seen((t) => t.state === 'waiting')[0]!;
    expect(waiting.error).toMatchObject({ code: 'unknown_outcome', account: AMY });
    expect(waiting.error!.message).toMatch(/^social\.test did not answer within 15 seconds\. It may have been posted/);
    expect(braid.calls[1]).toMatchObject({ state: 'checking', sentAt: expect.any(String) as string });
  });

  it('keeps the time of the first send across resends (Mastodon counts its key’s hour from then)', async () => {
    const braid = setup();
    braid.handlers[AMY] = async (job, to, context) => {
      context.sending();
      if (braid.calls.length < 3) throw new ServerError('network', 'social.test did not answer within 15 seconds.');
      return postEveryPart(job, to, context);
    };
    const draft = draftOf('Twice unanswered', [AMY]);
    braid.send(draft);
    await braid.settle(draft.id);
    expect(braid.calls).toHaveLength(3);
    expect(braid.calls[2]!.sentAt).toBe(braid.calls[1]!.sentAt);
  });

  it('marks a target failed, not stuck or spinning, when sending it breaks before the publisher is reached', async () => {
    const store = newStore();
    let lookups = 0;
    const outbox = createOutbox({
      store,
      media: { save: () => randomUUID(), read: () => new Uint8Array(), keepOnly: () => {} },
      accounts: () => {
        lookups += 1;
        if (lookups > 1) throw new Error('the accounts table is unreadable');
        return [account(AMY, 'mastodon', 'amy@social.test')];
      },
      publishing: (network) => ({ publish: async () => [], keys: keysOf(network) }),
      findPost: () => null,
      changed: () => {},
      onAuthExpired: () => {},
      policy: fastPolicy,
    });
    opened.push(outbox);
    const draft = draftOf('Breaks early', [AMY]);
    expect(outbox.send(draft).ok).toBe(true);
    await vi.waitFor(() => expect(outbox.list()[0]!.targets[0]).toMatchObject({ state: 'failed', error: { code: 'internal' } }), { timeout: 2_000 });
    const calls = lookups;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lookups).toBe(calls); // not tried again and again
  });

  it('sends once to an account named twice among the targets', async () => {
    const braid = setup();
    const draft = draftOf('Once', [AMY, AMY]);
    braid.send(draft);
    expect((await braid.settle(draft.id)).targets).toHaveLength(1);
  });

  it('keeps a network failure before the request went out as it is', async () => {
    const braid = setup();
    braid.handlers[AMY] = async (job, to, context) => {
      if (braid.calls.length === 1) throw new ServerError('network', 'Could not reach social.test.');
      return postEveryPart(job, to, context);
    };
    const draft = draftOf('Offline a moment', [AMY]);
    braid.send(draft);
    await braid.settle(draft.id);
    expect(braid.seen((t) => t.state === 'waiting')[0]!.error).toMatchObject({ code: 'network', message: 'Could not reach social.test.' });
    expect(braid.calls[1]).toMatchObject({ state: 'sending', sentAt: null });
  });

  it('asks the account to sign in again when its server refuses the credentials', async () => {
    const braid = setup();
    braid.handlers[AMY] = async () => {
      throw new ServerError('auth_expired', 'social.test refused the token (HTTP 401).', { status: 401 });
    };
    const draft = draftOf('Signed out meanwhile', [AMY, ANN]);
    braid.send(draft);
    const settled = await braid.settle(draft.id);
    expect(settled.targets.map((t) => [t.state, t.error?.code ?? null])).toEqual([['failed', 'auth_expired'], ['posted', null]]);
    expect(braid.authExpired).toEqual([AMY]);
    expect(braid.callsTo(AMY)).toHaveLength(1);
  });

  it('fails a target whose account was removed or signed out before it ran, without publishing', async () => {
    const braid = setup();
    const draft = draftOf('Too late', [AMY, BOB]);
    braid.send(draft);
    // Before the targets run (they start after this turn): Amy removed, Bob signed out.
    braid.accounts.splice(0, 2, { ...braid.accounts[1]!, status: 'auth_expired' });
    const settled = await braid.settle(draft.id);
    expect(settled.targets.map((t) => [t.accountId, t.state, t.error])).toEqual([
      [AMY, 'failed', { code: 'not_found', message: 'This account was removed from Braid.', phrase: { id: 'error.outbox.accountRemoved' }, account: AMY }],
      [
        BOB,
        'failed',
        { code: 'auth_expired', message: 'bob@other.test needs to sign in again; then retry.', phrase: { id: 'error.outbox.signIn', values: { handle: 'bob@other.test' } }, account: BOB },
      ],
    ]);
    expect(braid.calls).toEqual([]);
  });
});

describe('retry', () => {
  it('retries a failed target only, keeping its keys and what was already posted', async () => {
    const braid = setup();
    braid.accounts[0] = { ...braid.accounts[0]!, limits: { ...braid.accounts[0]!.limits!, maxCharacters: 100 } };
    const firstPart: PostedPart = { id: '1', url: 'https://social.test/@amy/1' };
    braid.handlers[AMY] = async (job, _to, context) => {
      if (braid.calls.length === 1) {
        context.sending();
        context.save({ posted: [firstPart] });
        throw new ServerError('invalid_input', 'social.test refused part 2 (HTTP 422).');
      }
      return [...(job.progress.posted ?? []), { id: '2', url: 'https://social.test/@amy/2' }];
    };
    const draft = draftOf(words(25), [AMY, ANN]); // two parts on Amy's 100-character server
    braid.send(draft);
    const failed = await braid.settle(draft.id);
    const [amy, ann] = failed.targets;
    expect([amy!.state, ann!.state]).toEqual(['failed', 'posted']);
    expect(amy!.urls).toEqual([firstPart.url]); // the part that landed is shown

    expect(braid.outbox.retry(ann!.jobId)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(braid.outbox.retry('no-such-job')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const retried = braid.outbox.retry(amy!.jobId);
    expect(retried.ok && retried.value.targets[0]).toMatchObject({ state: 'queued', attempts: 0, error: null });

    const settled = await braid.settle(draft.id);
    expect(settled.targets[0]).toMatchObject({ state: 'posted', attempts: 1, urls: ['https://social.test/@amy/1', 'https://social.test/@amy/2'] });
    const [before, after] = braid.callsTo(AMY);
    expect(before!.keys).toHaveLength(2);
    expect(after).toMatchObject({ keys: before!.keys, progress: { posted: [firstPart] }, sentAt: null, attempts: 1 });
    expect(braid.callsTo(ANN)).toHaveLength(1);
  });

  it('checks first when the failed target may have been posted', async () => {
    const braid = setup();
    braid.handlers[BOB] = async (job, to, context) => {
      if (braid.calls.length === 1) {
        context.sending();
        throw new ServerError('invalid_input', 'other.test refused the post (HTTP 422).');
      }
      return postEveryPart(job, to, context);
    };
    const draft = draftOf('Maybe there', [BOB]);
    braid.send(draft);
    const failed = await braid.settle(draft.id);
    const retried = braid.outbox.retry(failed.targets[0]!.jobId);
    expect(retried.ok && retried.value.targets[0]!.state).toBe('checking');
    await braid.settle(draft.id);
    expect(braid.calls[1]).toMatchObject({ state: 'checking', keys: braid.calls[0]!.keys });
  });
});

describe('discard', () => {
  it('is refused while a target is being sent, and removes the entry once it ended', async () => {
    const braid = setup();
    const gate = deferred();
    braid.handlers[AMY] = async (job, to, context) => {
      await gate.promise;
      return postEveryPart(job, to, context);
    };
    const draft = draftOf('Hold on', [AMY, ANN]);
    braid.send(draft);
    await vi.waitFor(() => expect(braid.callsTo(AMY)).toHaveLength(1));

    expect(braid.outbox.discard(draft.id)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(braid.outbox.list()).toHaveLength(1);
    gate.release();
    await braid.settle(draft.id);

    expect(braid.outbox.discard(draft.id)).toEqual({ ok: true, value: null });
    expect(braid.outbox.list()).toEqual([]);
    expect(braid.store.jobs()).toEqual([]);
    await vi.waitFor(() => expect(braid.changes.at(-1)).toEqual([]));
  });

  it('removes a failed target that waits for the user', async () => {
    const braid = setup();
    braid.handlers[AMY] = async () => {
      throw new ServerError('not_supported', 'social.test does not do that.');
    };
    const draft = draftOf('Give up', [AMY]);
    braid.send(draft);
    await braid.settle(draft.id);
    expect(braid.outbox.discard(draft.id).ok).toBe(true);
    expect(braid.outbox.list()).toEqual([]);
  });
});

describe('after a crash', () => {
  it('resumes what was cut off: queued when nothing went out, checking when a request did', async () => {
    const before = setup();
    before.handlers[AMY] = async (_job, _to, context) => {
      context.sending(); // the request is out; Braid dies before the answer
      return never();
    };
    before.handlers[BOB] = async (_job, _to, context) => {
      context.uploaded(0, 1); // dies while uploading
      return never();
    };
    before.handlers[ANN] = async (_job, _to, context) => {
      context.uploaded(1, 1);
      context.save({ media: ['blob'] }); // images up, dies before the post
      return never();
    };
    const draft = draftOf('Through a crash', [AMY, BOB, ANN], { media: [before.image()] });
    before.send(draft);
    await vi.waitFor(() => expect(before.calls).toHaveLength(3));
    before.outbox.close();
    const keys = before.store.jobsOf(draft.id).map((job) => job.keys);

    const after = setup({ store: before.store });
    after.images.set(draft.media[0]!.id, before.images.get(draft.media[0]!.id)!);
    expect(after.entry(draft.id).targets.map((t) => t.state)).toEqual(['sending', 'uploading', 'uploading']);
    after.outbox.start();
    expect(after.entry(draft.id).targets.map((t) => t.state)).toEqual(['checking', 'queued', 'queued']);

    const settled = await after.settle(draft.id);
    expect(settled.targets.map((t) => t.state)).toEqual(['posted', 'posted', 'posted']);
    expect(after.calls.map((call) => [call.accountId, call.state, call.sentAt !== null])).toEqual([
      [AMY, 'checking', true],
      [BOB, 'uploading', false],
      [ANN, 'sending', false],
    ]);
    expect(after.callsTo(ANN)[0]!.progress.media).toEqual(['blob']);
    expect(after.calls.map((call) => call.keys)).toEqual(keys);

    const later = setup({ store: before.store });
    later.outbox.start();
    await later.outbox.idle();
    expect(later.calls).toEqual([]); // posted stays posted
  });
});

describe('scheduling', () => {
  it('keeps a target Braid posts itself scheduled until its time, then posts it', async () => {
    const braid = setup();
    const scheduledAt = new Date(Date.now() + 500).toISOString();
    const draft = draftOf('Soon', [AMY, ANN], { scheduledAt }); // too soon for Mastodon's own scheduling
    const entry = braid.send(draft);
    expect(entry.scheduledAt).toBe(scheduledAt);
    expect(entry.targets.map((t) => [t.state, t.nextAttemptAt, t.scheduledByBraid])).toEqual([
      ['scheduled', scheduledAt, true],
      ['scheduled', scheduledAt, true],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(braid.calls).toEqual([]);
    expect(braid.entry(draft.id).targets.map((t) => t.state)).toEqual(['scheduled', 'scheduled']);

    const settled = await braid.settle(draft.id);
    expect(settled.targets.map((t) => t.state)).toEqual(['posted', 'posted']);
    for (const call of braid.calls) expect(call.at).toBeGreaterThanOrEqual(Date.parse(scheduledAt));
  });

  it('hands a Mastodon post far enough ahead to its server at once', async () => {
    const braid = setup();
    const scheduledAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const draft = draftOf('In an hour', [AMY], { scheduledAt });
    expect(braid.send(draft).targets[0]).toMatchObject({ state: 'queued', scheduledByBraid: false });
    await vi.waitFor(() => expect(braid.store.jobsOf(draft.id)[0]!.state).toBe('posted'));
    expect(braid.calls).toHaveLength(1);
    expect(braid.store.jobsOf(draft.id)[0]!.plan.schedule).toEqual({ at: scheduledAt, by: 'server' });
    // Accepted by the server, which posts it then: shown as scheduled, not yet as a link.
    expect(braid.target(draft.id, AMY)).toMatchObject({ state: 'scheduled', nextAttemptAt: scheduledAt, scheduledByBraid: false, urls: [], attempts: 1 });
  });
});
