/**
 * Bulk follows (people/follow-jobs.ts) with a fake relate the tests drive and an in-memory SQLite
 * store: saved before any request, one at a time per account and in order, rate limits waited
 * out without counting, transient failures retried, permanent ones shown at once, a follow cut
 * off tried again after a restart, and the progress told as it goes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type Result } from '../../shared/contract.ts';
import type { Relationship, Who } from '../../shared/domain/profile.ts';
import { deleteAccount, listAccounts, saveAccount, setAccountStatus } from '../../electron/core/accounts/registry.ts';
import { ServerError, phrase } from '../../electron/core/base/errors.ts';
import type { RetryPolicy } from '../../electron/core/compose/retry-policy.ts';
import { createFollowJobs, followBatchOf, type FollowBatchStatus, type FollowFailure, type FollowJobs } from '../../electron/core/people/follow-jobs.ts';
import { openMemoryDatabase, type Database } from '../../electron/core/store/database.ts';

const AMY = 'mastodon:social.test:1';
const ANN = 'bluesky:did:plc:ann';

const fastPolicy: RetryPolicy = { maxAttempts: 3, maxRateLimitedAttempts: 4, baseDelayMs: 10, maxDelayMs: 20, resetJitterMs: 0, random: () => 0.5 };

const relationship = (id: string): Relationship => ({ id, following: true, followedBy: false, muting: false, blocking: false, blockedBy: false, requested: false });
const failure = (code: FollowFailure['code'], more: Partial<FollowFailure> = {}): Result<never> => ({ ok: false, error: { code, message: `${code} failure`, ...more } });
const nameOf = (who: Who) => (typeof who === 'string' ? who : who.handle);
const people = (...names: string[]) => names.map((name) => ({ who: `@${name}@far.test`, label: `@${name}@far.test` }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Call {
  accountId: string;
  who: string;
  at: number;
}

type Answer = (call: Call, nth: number) => Promise<Result<Relationship>> | Result<Relationship>;

const opened: FollowJobs[] = [];
afterEach(() => {
  for (const jobs of opened.splice(0)) jobs.close();
});

function newDatabase(): Database {
  const db = openMemoryDatabase();
  saveAccount(db, { id: AMY, network: 'mastodon', server: 'social.test', handle: 'amy@social.test', displayName: 'Amy', avatarUrl: null });
  saveAccount(db, { id: ANN, network: 'bluesky', server: 'pds.test', handle: 'ann.test', displayName: 'Ann', avatarUrl: null });
  return db;
}

/** A runner whose relate follows on a fake server (a set: following twice is following once), answering as `answer` says. */
function setup(options: { db?: Database; answer?: Answer; now?: () => number } = {}) {
  const db = options.db ?? newDatabase();
  const calls: Call[] = [];
  const following = new Set<string>();
  const followed: string[] = []; // every follow that took, in order (a repeat of an existing follow is not one)
  const events: FollowBatchStatus[] = [];
  const active = new Map<string, number>();
  let mostAtOnce = 0;
  let mostPerAccount = 0;
  const tries = new Map<string, number>();
  const answer: Answer = options.answer ?? (() => ok(relationship('x')));
  const jobs = createFollowJobs({
    db,
    accounts: () => listAccounts(db),
    policy: fastPolicy,
    ...(options.now ? { now: options.now } : {}),
    changed: (status) => events.push(status),
    relate: async (accountId, who) => {
      const call = { accountId, who: nameOf(who), at: Date.now() };
      calls.push(call);
      const nth = (tries.get(call.who) ?? 0) + 1;
      tries.set(call.who, nth);
      active.set(accountId, (active.get(accountId) ?? 0) + 1);
      mostPerAccount = Math.max(mostPerAccount, active.get(accountId)!);
      mostAtOnce = Math.max(mostAtOnce, [...active.values()].reduce((a, b) => a + b, 0));
      try {
        await sleep(2);
        const result = await answer(call, nth);
        if (result.ok) {
          const key = `${accountId} ${call.who}`;
          if (!following.has(key)) followed.push(key);
          following.add(key);
        }
        return result;
      } finally {
        active.set(accountId, active.get(accountId)! - 1);
      }
    },
  });
  opened.push(jobs);
  return {
    db,
    jobs,
    calls,
    following,
    followed,
    events,
    concurrency: () => ({ mostAtOnce, mostPerAccount }),
  };
}

async function ended(jobs: FollowJobs, batch: string, timeoutMs = 5_000): Promise<FollowBatchStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = jobs.status(batch);
    if (!status) throw new Error('no such batch');
    if (status.ended) return status;
    if (Date.now() > deadline) throw new Error(`not ended: ${JSON.stringify(status.counts)}`);
    await sleep(5);
  }
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(2);
  }
}

const rows = (db: Database) => db.prepare('SELECT state, COUNT(*) AS n FROM follow_jobs GROUP BY state').all() as { state: string; n: number }[];

describe('bulk follows', () => {
  it('saves every person ticked before the first request, then follows each once, in order', async () => {
    let seenAtFirstCall: { state: string; n: number }[] | null = null;
    const names = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const run = setup({
      answer: () => {
        seenAtFirstCall ??= rows(run.db);
        return ok(relationship('x'));
      },
    });
    const { jobs, calls, followed } = run;
    const batch = jobs.add(AMY, people(...names));
    const status = await ended(jobs, batch);
    expect(seenAtFirstCall).toEqual([{ state: 'following', n: 1 }, { state: 'queued', n: 29 }]);
    expect(status.counts).toEqual({ queued: 0, following: 0, done: 30, failed: 0, total: 30 });
    expect(status.people.map((person) => person.label)).toEqual(names.map((name) => `@${name}@far.test`));
    expect(status.people.every((person) => person.state === 'done' && person.error === null)).toBe(true);
    expect(calls.map((call) => call.who)).toEqual(names.map((name) => `@${name}@far.test`));
    expect(followed).toHaveLength(30);
  });

  it('adds nothing without a person, for an account not in Braid, or with a person that is not one; the same person twice is one job', () => {
    const { jobs, db, calls } = setup();
    expect(() => jobs.add(AMY, [])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => jobs.add('mastodon:gone.test:9', people('a'))).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => jobs.add(AMY, [...people('a'), { who: '', label: 'nobody' }])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(rows(db)).toEqual([]); // all or nothing
    const batch = jobs.add(AMY, [...people('a', 'b'), { who: 'A@far.test', label: 'a again' }]);
    expect(jobs.status(batch)?.counts.total).toBe(2);
    jobs.close();
    expect(calls.length).toBeLessThanOrEqual(1);
  });

  it('follows one at a time per account, accounts in parallel', async () => {
    const { jobs, calls, concurrency } = setup({ answer: async () => (await sleep(5), ok(relationship('x'))) });
    const first = jobs.add(AMY, people('a', 'b', 'c', 'd', 'e'));
    const second = jobs.add(ANN, [{ who: 'x.bsky.test', label: '@x.bsky.test' }, { who: 'y.bsky.test', label: '@y.bsky.test' }, { who: 'z.bsky.test', label: '@z.bsky.test' }]);
    const third = jobs.add(AMY, people('f', 'g'));
    await Promise.all([ended(jobs, first), ended(jobs, second), ended(jobs, third)]);
    expect(concurrency()).toEqual({ mostAtOnce: 2, mostPerAccount: 1 });
    expect(calls.filter((call) => call.accountId === AMY).map((call) => call.who)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => `@${n}@far.test`));
    expect(jobs.status().map((batch) => batch.counts.done)).toEqual([5, 3, 2]);
  });

  it('waits out a rate limit until the server says, holding the account, without counting it as a failure', async () => {
    let limitedUntil = 0;
    const { jobs, calls } = setup({
      answer: (call, nth) => {
        if (call.who === '@b@far.test' && nth <= 2) {
          limitedUntil = Date.now() + 150;
          return failure('rate_limited', { retryAt: limitedUntil });
        }
        return ok(relationship('x'));
      },
    });
    const batch = jobs.add(AMY, people('a', 'b', 'c'));
    await until(() => jobs.status(batch)!.people[1]!.error?.code === 'rate_limited');
    // Another account is not held.
    const other = jobs.add(ANN, [{ who: 'x.bsky.test', label: '@x.bsky.test' }]);
    await ended(jobs, other);
    const waiting = jobs.status(batch)!;
    expect(waiting.people[1]).toMatchObject({ state: 'queued', error: { code: 'rate_limited' }, attempts: 0 });
    expect(waiting.people[1]!.nextAttemptAt).not.toBeNull();
    const status = await ended(jobs, batch);
    expect(status.counts.done).toBe(3);
    expect(status.people[1]).toMatchObject({ state: 'done', error: null, attempts: 0 });
    const amyCalls = calls.filter((call) => call.accountId === AMY);
    expect(amyCalls.map((call) => call.who)).toEqual(['@a@far.test', '@b@far.test', '@b@far.test', '@b@far.test', '@c@far.test']);
    // Nothing was asked of the account while it was held.
    expect(amyCalls[2]!.at - amyCalls[1]!.at).toBeGreaterThanOrEqual(140);
    expect(amyCalls[3]!.at - amyCalls[2]!.at).toBeGreaterThanOrEqual(140);
  });

  it('also waits out a rate limit thrown as a ServerError with its reset time', async () => {
    const { jobs, calls } = setup({
      answer: (_call, nth) => {
        if (nth === 1) throw new ServerError('rate_limited', phrase('error.channel.none', { channel: 'x' }), { status: 429, retryAt: Date.now() + 80 });
        return ok(relationship('x'));
      },
    });
    const batch = jobs.add(AMY, people('a'));
    const status = await ended(jobs, batch);
    expect(status.people[0]).toMatchObject({ state: 'done', attempts: 0 });
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(70);
  });

  it('a rate limit that does not say when is backed off and counted, as any passing failure', async () => {
    const { jobs, calls } = setup({ answer: (_call, nth) => (nth === 1 ? failure('rate_limited') : ok(relationship('x'))) });
    const batch = jobs.add(AMY, people('a'));
    const status = await ended(jobs, batch);
    expect(status.people[0]).toMatchObject({ state: 'done', attempts: 1 });
    expect(calls).toHaveLength(2);
  });

  it('tries again after transient failures, with backoff, and fails once the attempts are spent', async () => {
    const { jobs, calls } = setup({
      answer: (call, nth) => {
        if (call.who === '@a@far.test' && nth <= 2) return failure(nth === 1 ? 'network' : 'server');
        if (call.who === '@b@far.test') return failure('server');
        return ok(relationship('x'));
      },
    });
    const batch = jobs.add(AMY, people('a', 'b', 'c'));
    const status = await ended(jobs, batch);
    expect(status.people.map(({ label, state, attempts }) => ({ label, state, attempts }))).toEqual([
      { label: '@a@far.test', state: 'done', attempts: 2 },
      { label: '@b@far.test', state: 'failed', attempts: 3 },
      { label: '@c@far.test', state: 'done', attempts: 0 },
    ]);
    expect(status.people[1]!.error).toMatchObject({ code: 'server', message: 'server failure' });
    expect(calls.filter((call) => call.who === '@b@far.test')).toHaveLength(fastPolicy.maxAttempts);
    expect(status.counts).toMatchObject({ done: 2, failed: 1 });
  });

  it('a locked account’s follow is done as a request, told apart from a follow, and stays so after a restart', async () => {
    const db = newDatabase();
    const { jobs } = setup({ db, answer: (call) => ok(call.who === '@locked@far.test' ? { ...relationship('x'), following: false, requested: true } : relationship('x')) });
    const batch = jobs.add(AMY, people('open', 'locked'));
    const status = await ended(jobs, batch);
    expect(status.people.map((person) => [person.label, person.state, person.requested])).toEqual([
      ['@open@far.test', 'done', false],
      ['@locked@far.test', 'done', true],
    ]);
    expect(followBatchOf(status)).toMatchObject({ done: 2, requested: 1, failed: 0 });
    jobs.close();
    const again = setup({ db }).jobs;
    expect(again.status(batch)!.people.map((person) => person.requested)).toEqual([false, true]);
  });

  it('fails a person at once on a refusal (not found, invalid), with the error, and goes on with the others', async () => {
    const { jobs, calls } = setup({
      answer: (call) => (call.who === '@gone@far.test' ? failure('not_found') : call.who === '@bad@far.test' ? failure('invalid_input') : ok(relationship('x'))),
    });
    const batch = jobs.add(AMY, people('a', 'gone', 'bad', 'b'));
    const status = await ended(jobs, batch);
    expect(status.people.map((person) => [person.state, person.error?.code ?? null, person.attempts])).toEqual([
      ['done', null, 0],
      ['failed', 'not_found', 1],
      ['failed', 'invalid_input', 1],
      ['done', null, 0],
    ]);
    expect(calls).toHaveLength(4);
  });

  it('on auth_expired, fails the person; once the account is marked signed out, the rest fail without a request', async () => {
    const setupResult = setup({
      answer: (call) => {
        if (call.who === '@b@far.test') {
          setAccountStatus(setupResult.db, AMY, 'auth_expired'); // what the people service's onAuthExpired does
          return failure('auth_expired');
        }
        return ok(relationship('x'));
      },
    });
    const { jobs, calls } = setupResult;
    const batch = jobs.add(AMY, people('a', 'b', 'c', 'd'));
    const status = await ended(jobs, batch);
    expect(status.people.map((person) => [person.state, person.error?.code ?? null])).toEqual([
      ['done', null],
      ['failed', 'auth_expired'],
      ['failed', 'auth_expired'],
      ['failed', 'auth_expired'],
    ]);
    expect(status.people[2]!.error?.message).toContain('amy@social.test needs to sign in again');
    expect(calls).toHaveLength(2);
  });

  it('a bug in relate fails the person with words of what happened, never leaves it stuck', async () => {
    const { jobs } = setup({
      answer: (call) => {
        if (call.who === '@a@far.test') throw new TypeError('boom');
        return ok(relationship('x'));
      },
    });
    const batch = jobs.add(AMY, people('a', 'b'));
    const status = await ended(jobs, batch);
    expect(status.people[0]).toMatchObject({ state: 'failed', error: { code: 'internal', message: 'Braid stopped before following @a@far.test: TypeError: boom' } });
    expect(status.people[1]!.state).toBe('done');
  });

  it('after a restart, resumes queued people and tries again one cut off while following: a follow that exists is a success', async () => {
    const db = newDatabase();
    // The first run: the second follow reaches the server, its answer never comes back (the process dies).
    const server = new Set<string>();
    let hang = true;
    const first = setup({
      db,
      answer: (call) => {
        server.add(call.who);
        if (call.who === '@b@far.test' && hang) return new Promise(() => undefined);
        return ok(relationship('x'));
      },
    });
    const batch = first.jobs.add(AMY, people('a', 'b', 'c', 'd'));
    await until(() => first.jobs.status(batch)!.people[1]!.state === 'following');
    await sleep(20);
    expect(first.jobs.status(batch)!.people.map((person) => person.state)).toEqual(['done', 'following', 'queued', 'queued']);
    first.jobs.close();
    hang = false;

    const second = setup({
      db,
      answer: (call) => {
        const already = server.has(call.who);
        server.add(call.who);
        return ok({ ...relationship('x'), following: true, followedBy: already });
      },
    });
    expect(second.jobs.status(batch)!.counts).toMatchObject({ done: 1, following: 1, queued: 2 });
    second.jobs.start();
    const status = await ended(second.jobs, batch);
    expect(status.counts).toMatchObject({ done: 4, failed: 0 });
    expect(second.calls.map((call) => call.who)).toEqual(['@b@far.test', '@c@far.test', '@d@far.test']);
    expect([...server].sort()).toEqual(['@a@far.test', '@b@far.test', '@c@far.test', '@d@far.test']);
  });

  it('keeps a waiting follow\'s time across a restart', async () => {
    const db = newDatabase();
    const first = setup({ db, answer: () => failure('rate_limited', { retryAt: Date.now() + 200 }) });
    const batch = first.jobs.add(AMY, people('a'));
    await until(() => first.jobs.status(batch)!.people[0]!.nextAttemptAt !== null);
    first.jobs.close();
    const waitUntil = Date.parse(first.jobs.status(batch)!.people[0]!.nextAttemptAt!);
    const second = setup({ db });
    second.jobs.start();
    await ended(second.jobs, batch);
    expect(second.calls[0]!.at).toBeGreaterThanOrEqual(waitUntil - 5);
  });

  it('tells the progress as it goes: per person and counted, once per change together', async () => {
    const { jobs, events } = setup({ answer: (call) => (call.who === '@b@far.test' ? failure('not_found') : ok(relationship('x'))) });
    const batch = jobs.add(AMY, people('a', 'b', 'c'));
    await ended(jobs, batch);
    await sleep(10);
    expect(events.every((event) => event.batch === batch && event.accountId === AMY)).toBe(true);
    const finished = events.map((event) => event.counts.done + event.counts.failed);
    expect(finished).toEqual([...finished].sort((a, b) => a - b)); // never backwards
    expect(events[0]!.counts).toMatchObject({ total: 3, done: 0 });
    expect(events.at(-1)).toMatchObject({ ended: true, counts: { done: 2, failed: 1, queued: 0, following: 0, total: 3 } });
    expect(events.at(-1)!.people.map(({ label, state, error }) => ({ label, state, code: error?.code ?? null }))).toEqual([
      { label: '@a@far.test', state: 'done', code: null },
      { label: '@b@far.test', state: 'failed', code: 'not_found' },
      { label: '@c@far.test', state: 'done', code: null },
    ]);
  });

  it('a removed account takes its pending follows with it; an ended batch can be dismissed', async () => {
    const { db, jobs } = setup({ answer: () => new Promise(() => undefined) });
    const hanging = jobs.add(AMY, people('a', 'b'));
    await sleep(10);
    expect(jobs.dismiss(hanging)).toBe(false);
    deleteAccount(db, AMY);
    expect(jobs.status(hanging)).toBeNull();

    const other = setup({ db });
    const batch = other.jobs.add(ANN, [{ who: 'x.bsky.test', label: '@x.bsky.test' }]);
    await ended(other.jobs, batch);
    expect(other.jobs.dismiss(batch)).toBe(true);
    expect(other.jobs.status()).toEqual([]);
  });
});
