/**
 * Fault test: an in-process core posts to four accounts (two Mastodon test servers, two Bluesky
 * accounts) through proxies that, once the accounts are signed in, break one call in five: a 429
 * with the network's own reset header, a 500 (JSON, or an HTML error page), a request left
 * hanging until the core's timeout ends it, a connection reset before the server sees the
 * request, or an answer lost after the server handled it. Drafts keep going out (some with an
 * image, some long enough to be a thread on Bluesky) until the proxies have seen 1,000 calls.
 * Then, counted on the servers: 0 crashes, 0 duplicates, every failure shown on its target, and
 * retrying every failed target with the faults off posts each exactly once.
 * BRAID_FAULT_SEED and BRAID_FAULT_CALLS change the seed and the number of calls.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Draft, DraftMedia, OutboxEntry, TargetStatus } from '../../shared/domain/draft.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { recordsOf } from '../support/bluesky-records.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { draftOf } from '../support/drafts.ts';
import { startInterceptingProxy, type Fault, type InterceptingProxy, type ProxiedRequest } from '../support/intercepting-proxy.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

const seed = Number(process.env.BRAID_FAULT_SEED ?? 5_2024);
const wantedCalls = Number(process.env.BRAID_FAULT_CALLS ?? 1_000);
const faultRate = 0.2;
const draftsAtOnce = 3;
const settleTimeoutMs = 90_000;
const suffix = randomBytes(3).toString('hex');

/** A small seeded PRNG (mulberry32), so that a run's faults can be replayed with its seed. */
function mulberry32(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const faultKinds = ['rate_limited', 'server_error', 'hang', 'reset', 'lose_answer'] as const;
type FaultKind = (typeof faultKinds)[number];
type ServerStyle = 'mastodon' | 'bluesky';

const random = mulberry32(seed);
const noFaults = () => Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as Record<FaultKind, number>;
/** `onCreates`: the faults that hit a request that creates a post (where a duplicate could come from). */
const tally = { calls: 0, faults: noFaults(), onCreates: noFaults() };
const createsPost = ({ method, path }: ProxiedRequest) => method === 'POST' && (path.startsWith('/api/v1/statuses') || path.startsWith('/xrpc/com.atproto.repo.applyWrites'));
let faultsOn = false;

const errorPage = '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Something went wrong</h1></body></html>';

function faultOf(kind: FaultKind, style: ServerStyle): Fault {
  switch (kind) {
    case 'rate_limited': {
      const resetAt = Date.now() + 300;
      return style === 'mastodon'
        ? {
            kind: 'answer',
            status: 429,
            headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(resetAt).toISOString() },
            body: JSON.stringify({ error: 'Too many requests' }),
          }
        : {
            kind: 'answer',
            status: 429,
            headers: { 'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil(resetAt / 1000)), 'ratelimit-policy': '3000;w=300' },
            body: JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }),
          };
    }
    case 'server_error':
      // One 500 in three is an HTML page, as a proxy in front of the server would answer.
      if (tally.faults.server_error % 3 === 0) return { kind: 'answer', status: 500, headers: { 'content-type': 'text/html; charset=utf-8' }, body: errorPage };
      return {
        kind: 'answer',
        status: 500,
        body: JSON.stringify(style === 'mastodon' ? { error: 'We’re sorry, but something went wrong on our end.' } : { error: 'InternalServerError', message: 'Internal Server Error' }),
      };
    case 'hang':
    case 'reset':
    case 'lose_answer':
      return { kind };
  }
}

/** Every call that passes through a proxy while the faults are on: one in five is broken. */
const injector = (style: ServerStyle) => (request: ProxiedRequest): Fault => {
  if (!faultsOn) return { kind: 'pass' };
  tally.calls += 1;
  if (random() >= faultRate) return { kind: 'pass' };
  const kind = faultKinds[Math.floor(random() * faultKinds.length)]!;
  const fault = faultOf(kind, style);
  tally.faults[kind] += 1;
  if (createsPost(request)) tally.onCreates[kind] += 1;
  return fault;
};

let home: MastodonTestServer;
let other: MastodonTestServer;
let network: BlueskyNetworkClient;
let proxies: InterceptingProxy[] = [];
let braid: CoreHarness;
let ann: BlueskyUser;
let ben: BlueskyUser;
/** The accounts' ids: [amy, bob, ann, ben]. */
let targets: string[] = [];
const handles = new Map<string, string>();
let image: DraftMedia;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
/** What the first round left, for the retry round. */
const sent: Draft[] = [];
const firstRound = { posted: 0, failed: 0, failedBy: {} as Record<string, number> };

/** The words every paragraph of a draft carries, so that each post or thread part can be found. */
const markerOf = (n: number) => `fault-${n}-${suffix}`;

function draftNumbered(n: number): Draft {
  const marker = markerOf(n);
  const thread = n % 4 === 2; // ~450 characters: one post on Mastodon, a thread of 2 on Bluesky
  const text = thread
    ? [1, 2, 3, 4].map((k) => `Paragraph ${k} of ${marker}: ${'words that go on and on '.repeat(3).trim()}.`).join('\n\n')
    : `Post ${marker}: a short one.`;
  return draftOf(text, targets, n % 3 === 1 ? { media: [image] } : {});
}

const settled = (target: TargetStatus) => target.state === 'posted' || target.state === 'failed';

/** Waits until every target of these drafts is posted or failed; the outbox's entries then. */
async function settle(draftIds: string[]): Promise<OutboxEntry[]> {
  const deadline = Date.now() + settleTimeoutMs;
  for (;;) {
    const wanted = new Set(draftIds);
    const entries = (await braid.value('outbox.list')).filter((entry) => wanted.has(entry.draftId));
    const open = entries.filter((entry) => !entry.targets.every(settled));
    if (entries.length < wanted.size) throw new Error(`${wanted.size - entries.length} drafts are not in the outbox`);
    if (open.length === 0) return entries;
    if (Date.now() > deadline) {
      throw new Error(`still sending after ${settleTimeoutMs} ms: ${JSON.stringify(open.map((entry) => entry.targets.map((t) => [t.state, t.attempts, t.error])))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Counts each draft's posts on the servers. A posted target: exactly its post (Mastodon) or each
 * part of its thread (Bluesky) once, under the links the outbox shows. A failed target: nothing
 * more than once, and its error says why, on its own account.
 */
async function problemsOnServers(entries: OutboxEntry[]): Promise<string[]> {
  const problems: string[] = [];
  const statuses = { [targets[0]!]: home.statusesOf('amy'), [targets[1]!]: other.statusesOf('bob') };
  const [annRecords, benRecords] = await Promise.all([recordsOf(network.pdsUrl, ann.did), recordsOf(network.pdsUrl, ben.did)]);
  const records = { [targets[2]!]: annRecords, [targets[3]!]: benRecords };
  for (const [n, draft] of sent.entries()) {
    const marker = markerOf(n);
    const entry = entries.find((candidate) => candidate.draftId === draft.id);
    if (!entry) {
      problems.push(`${marker}: not in the outbox`);
      continue;
    }
    for (const target of entry.targets) {
      const where = `${marker} → ${handles.get(target.accountId) ?? target.accountId} (${target.state})`;
      if (!settled(target)) problems.push(`${where}: not settled`);
      if (target.state === 'failed' && (!target.error?.message.trim() || target.error.account !== target.accountId)) {
        problems.push(`${where}: its failure is not shown on it: ${JSON.stringify(target.error)}`);
      }
      const onMastodon = statuses[target.accountId];
      if (onMastodon) {
        const found = onMastodon.filter((status) => status.content.includes(marker));
        if (target.state === 'posted' && (found.length !== 1 || found[0]!.url !== target.urls[0])) {
          problems.push(`${where}: ${found.length} statuses (${found.map((s) => s.url).join(', ')}), shown ${target.urls.join(', ')}`);
        }
        if (target.state !== 'posted' && found.length > 1) problems.push(`${where}: ${found.length} statuses`);
        continue;
      }
      const found = records[target.accountId]!.filter((record) => record.value.text?.includes(marker));
      const parts = found.map((record) => / (\d+\/\d+)$/.exec(record.value.text ?? '')?.[1] ?? 'single');
      if (new Set(parts).size !== parts.length) problems.push(`${where}: a part written twice: ${parts.join(', ')}`);
      if (target.state === 'posted') {
        const keys = found.map((record) => record.uri.split('/').pop()!).sort();
        const shown = target.urls.map((url) => url.split('/').pop()!).sort();
        if (JSON.stringify(keys) !== JSON.stringify(shown)) problems.push(`${where}: records ${keys.join(', ')}, shown ${shown.join(', ')}`);
      }
    }
  }
  return problems;
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const mastodonOptions = { mediaProcessingMs: 20, rateLimit: { limit: 100_000, windowMs: 300_000 } };
  [home, other] = await Promise.all([startMastodonServer(mastodonOptions), startMastodonServer(mastodonOptions)]);
  home.addUser({ username: 'amy', password: 'amy-password-1' });
  other.addUser({ username: 'bob', password: 'bob-password-1' });
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [ann, ben] = await Promise.all([network.createUser({ handle: `fann-${suffix}.test` }), network.createUser({ handle: `fben-${suffix}.test` })]);

  // Braid reaches every server through a proxy; DID documents and sessions name the PDS's proxy.
  const pds = await startInterceptingProxy(network.pdsUrl, injector('bluesky'), () => [[network.pdsUrl, pds.url]]);
  const plc = await startInterceptingProxy(network.plcUrl, injector('bluesky'), () => [[network.pdsUrl, pds.url]]);
  const [homeProxy, otherProxy] = await Promise.all([startInterceptingProxy(home.url, injector('mastodon')), startInterceptingProxy(other.url, injector('mastodon'))]);
  proxies = [pds, plc, homeProxy, otherProxy];

  braid = startCore({
    networks: builtInNetworks({ bluesky: { plcUrl: plc.url, entryway: pds.url }, mastodon: { pollIntervalMs: 30 } }),
    requestTimeoutMs: 800,
    outbox: {
      policy: { maxAttempts: 4, maxRateLimitedAttempts: 6, baseDelayMs: 30, maxDelayMs: 300, resetJitterMs: 50, random: mulberry32(seed + 1) },
    },
  });
  targets = [
    await signInMastodon(braid, { url: homeProxy.url }, 'amy', 'amy-password-1'),
    await signInMastodon(braid, { url: otherProxy.url }, 'bob', 'bob-password-1'),
    (await braid.value('accounts.bluesky.signIn', { identifier: ann.handle, password: ann.appPassword })).id,
    (await braid.value('accounts.bluesky.signIn', { identifier: ben.handle, password: ben.appPassword })).id,
  ];
  for (const account of await braid.value('accounts.list')) handles.set(account.id, account.handle);
  const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#37a' } }).png().toBuffer();
  image = { ...(await braid.value('media.attach', { fileName: 'blue.png', mimeType: 'image/png', dataBase64: png.toString('base64') })), alt: 'a blue rectangle' };
}, 120_000);

afterAll(async () => {
  faultsOn = false;
  braid?.close();
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await Promise.all([home?.close(), other?.close()]);
  process.off('unhandledRejection', onUnhandled);
});

describe('the outbox under injected faults', () => {
  it(`429, 500, timeouts and connection resets injected into 20% of ${wantedCalls} calls: 0 crashes, 0 duplicates, every failure shown on its target`, async () => {
    faultsOn = true;
    const stuck: string[] = [];
    const lanes = Array.from({ length: draftsAtOnce }, async () => {
      while (tally.calls < wantedCalls) {
        const draft = draftNumbered(sent.length);
        sent.push(draft);
        await braid.value('outbox.send', draft);
        await settle([draft.id]).catch((error: unknown) => stuck.push(`${markerOf(sent.indexOf(draft))}: ${String(error)}`));
      }
    });
    await Promise.all(lanes);
    faultsOn = false;
    expect(stuck).toEqual([]);

    const entries = await braid.value('outbox.list'); // the core still answers
    for (const target of entries.flatMap((entry) => entry.targets)) {
      if (target.state === 'posted') firstRound.posted += 1;
      if (target.state === 'failed') {
        firstRound.failed += 1;
        const code = target.error?.code ?? 'none';
        firstRound.failedBy[code] = (firstRound.failedBy[code] ?? 0) + 1;
      }
    }
    console.log(
      `fault test (seed ${seed}): ${tally.calls} calls, ${Object.values(tally.faults).reduce((a, b) => a + b, 0)} faults ${JSON.stringify(tally.faults)} ` +
        `(on post-creating requests ${JSON.stringify(tally.onCreates)}); ` +
        `${sent.length} drafts, ${sent.length * targets.length} targets: ${firstRound.posted} posted first time, ${firstRound.failed} failed ${JSON.stringify(firstRound.failedBy)}`,
    );

    expect(tally.calls).toBeGreaterThanOrEqual(wantedCalls);
    expect(Object.values(tally.faults).every((count) => count > 0)).toBe(true);
    expect(await problemsOnServers(entries)).toEqual([]);
    // A failure is one the network caused, shown as such: never Braid's own ('internal').
    expect(Object.keys(firstRound.failedBy).filter((code) => !['network', 'server', 'rate_limited', 'unknown_outcome'].includes(code))).toEqual([]);
    expect(braid.transcript()).not.toMatch(/outbox job .* stopped/);
    expect(unhandled).toEqual([]);
  }, 300_000);

  it('retries every failed target with the faults off: each ends with exactly one post (each part once)', async () => {
    expect(sent.length).toBeGreaterThan(0);
    const failed = (await braid.value('outbox.list')).flatMap((entry) => entry.targets).filter((target) => target.state === 'failed');
    for (const target of failed) await braid.value('outbox.retry', { jobId: target.jobId });
    const retried = new Set(failed.map((target) => target.jobId));
    const entries = await settle(sent.map((draft) => draft.id));
    const all = entries.flatMap((entry) => entry.targets);
    const recovered = all.filter((target) => retried.has(target.jobId) && target.state === 'posted').length;
    console.log(`fault test retry: ${failed.length} failed targets retried, ${recovered} recovered`);

    expect(all.filter((target) => target.state !== 'posted').map((target) => [target.state, target.error])).toEqual([]);
    expect(await problemsOnServers(entries)).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
