/**
 * People (issue 13), two figures:
 * - find_people_2000_s: createPeopleFinder finds, on Bluesky, the 2,000 people a Mastodon account
 *   follows. REAL: the finder (its default concurrency, 8, unless `--concurrency N`), the Mastodon
 *   module's NetworkPeople (createMastodonPeople, plain HTTP), and the Mastodon test server in
 *   another process (bench/people-server.ts) behind a proxy holding every request 150 ms, with its
 *   default rate limit (300 API requests per 5 minutes per token), serving the 25 pages of the
 *   following list. A STAND-IN: Bluesky, a NetworkPeople here that answers each profile and search
 *   after 150 ms, as the AppView would, knowing the accounts bench/people-server.ts made (the Bridgy
 *   Fed ones, the handles the fields name, a few bridged Mastodon users); it counts the requests
 *   the real Bluesky module would make for each call: getProfile is one, a search is
 *   searchActors plus, for words with a space or without a dot (every display name), searchPosts
 *   (electron/core/networks/bluesky/people.ts), both at once.
 *   find_people_requests_per_5min_max: the most requests in any 5 minutes to the server nearest its
 *   limit (_limit: Mastodon 300 per token, Bluesky 3,000 per IP); _mastodon and _bluesky say each.
 *   find_people_min_concurrency_60s: the concurrency that would end within 60 s, from this run's
 *   waits (the lookups one person needs are one after the other; people go `concurrency` at a time).
 * - profile_paint_ms: a profile opened a second time (TanStack Query's cache, staleTime 60 s) on the
 *   real browser host and core, a Mastodon test server in this process behind it: from the hash
 *   change to the profile header in the DOM and a frame painted (requestAnimationFrame, then a task
 *   after it), median of 10.
 *
 * `node bench/people.ts` runs this part alone (`--write`: and merges its figures into
 * bench/results.json); `node bench/people.ts find [--concurrency N]` or `paint`: one measure, written nowhere.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import type { AccountSummary } from '../shared/domain/account.ts';
import type { Author } from '../shared/domain/post.ts';
import type { Profile } from '../shared/domain/profile.ts';
import { phrase, ServerError } from '../electron/core/base/errors.ts';
import type { NetworkPeople } from '../electron/core/networks/network.ts';
import { createMastodonPeople } from '../electron/core/networks/mastodon/people.ts';
import { createPeopleFinder } from '../electron/core/people/find-people.ts';
import { chromiumArgs, chromiumPath } from '../playwright.config.ts';
import { startMastodonServer } from '../tests/servers/mastodon/index.ts';
import { startHostProcess } from '../tests/support/browser-host-process.ts';
import { signInAccounts } from '../tests/support/sign-in-accounts.ts';
import { tempDir } from '../tests/support/temp-dir.ts';
import { acctOf, kindOf, latencyMs, nameOf, type PeopleServer, type PeopleServerRequests } from './people-server.ts';

const following = 2000;
const fiveMinutes = 300_000;
export const limits = { mastodon: 300, bluesky: 3000 };
const round1 = (value: number) => Math.round(value * 10) / 10;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

/** The most of `times` (epoch ms) in any window of `windowMs`. */
export function mostInWindow(times: readonly number[], windowMs = fiveMinutes): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/** Bluesky as the AppView would answer the accounts bench/people-server.ts made, 150 ms a request. */
function blueskyStandIn() {
  const at: number[] = [];
  let calls = 0;
  const known = new Map<string, number>();
  for (let i = 0; i < following; i++) {
    const kind = kindOf(i);
    if (kind === 'bridged') known.set(`n${i}.test`, i);
    if (kind === 'field') known.set(`p${i}.bsky.social`, i);
    if (kind === 'bridged-out') known.set(`${acctOf(i).replace('@', '.')}.ap.brid.gy`, i);
  }
  const author = (i: number, handle: string, displayName = nameOf(i)): Author => ({
    network: 'bluesky',
    id: `did:plc:bench${String(i).padStart(19, '0')}`,
    handle,
    displayName,
    avatarUrl: null,
    profileUrl: `https://bsky.app/profile/${handle}`,
  });
  const request = async (count: number) => {
    calls += 1;
    const now = Date.now();
    for (let n = 0; n < count; n++) at.push(now);
    await sleep(latencyMs);
  };
  /** The profile the AppView would answer for a handle, or null when it knows none. */
  const profileOf = (accountId: string, handle: string): Profile | null => {
    const i = known.get(handle);
    if (i === undefined) return null;
    // Those who name a Bluesky handle on Mastodon name their Mastodon account back.
    const text = kindOf(i) === 'field' ? `Also @${acctOf(i)}` : 'Hello';
    return {
      network: 'bluesky',
      author: author(i, handle),
      accountId,
      headerUrl: null,
      bio: { kind: 'facets', text, facets: [] },
      fields: [],
      counts: { followers: 10, following: 10, posts: 10 },
      url: `https://bsky.app/profile/${handle}`,
      locked: false,
      bot: false,
      relationship: { id: author(i, handle).id, following: i % 3 === 0, followedBy: false, muting: false, blocking: false, blockedBy: false, requested: false },
    };
  };
  const people: NetworkPeople = {
    async profile(accountId, who) {
      await request(1);
      const handle = (typeof who === 'string' ? who : who.handle).toLowerCase().replace(/^@/, '');
      const profile = profileOf(accountId, handle);
      if (!profile) throw new ServerError('not_found', phrase('error.people.notOnBluesky', { who: handle }));
      return profile;
    },
    /** getProfiles: up to 25 actors a request; those that do not resolve are left out. */
    async profiles(accountId, addresses) {
      const found = new Map<string, Profile>();
      for (let start = 0; start < addresses.length; start += 25) {
        await request(1);
        for (const address of addresses.slice(start, start + 25)) {
          const profile = profileOf(accountId, address.toLowerCase());
          if (profile) found.set(address.toLowerCase(), profile);
        }
      }
      return found;
    },
    async search(_accountId, query, _limit, only) {
      const handle = query.replace(/^@/, '');
      // The real module asks for posts too (a second request) unless only people are wanted.
      await request(only !== 'people' && (/\s/.test(query) || !handle.includes('.')) ? 2 : 1);
      const i = Number(/(\d+)$/.exec(query)?.[1] ?? -1);
      // One in 30 has a namesake on Bluesky (a "maybe"); everyone finds a near namesake.
      const found = [author(100_000 + i, `near${i}.bsky.social`, `${query} ☕`)];
      if (i % 30 === 3) found.push(author(200_000 + i, `same${i}.bsky.social`, query));
      return { people: found, posts: [] };
    },
    posts: () => Promise.reject(new Error('not in this benchmark')),
    relate: () => Promise.reject(new Error('not in this benchmark')),
  };
  return { people, at, calls: () => calls };
}

export async function measureFindPeople(concurrency?: number) {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'people-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, PEOPLE_FOLLOWING: String(following) },
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  try {
    const server = JSON.parse((await lines.next()).value as string) as PeopleServer;
    const mastodon = createMastodonPeople(() => Promise.resolve({ origin: server.url, accessToken: server.accessToken }));
    const bluesky = blueskyStandIn();
    const summary = (id: string, network: 'mastodon' | 'bluesky', handle: string): AccountSummary => ({ id, network, server: 'bench', handle, displayName: 'Amy', avatarUrl: null, status: 'ok', postByDefault: true, limits: null });
    const accounts = [summary(server.accountId, 'mastodon', 'amy'), summary('bluesky:did:plc:amybenchamybenchamybench', 'bluesky', 'amy.bsky.social')];
    const finder = createPeopleFinder({ accounts: () => accounts, peopleOf: (network) => (network === 'mastodon' ? mastodon : bluesky.people), ...(concurrency ? { concurrency } : {}) });
    let listedAt = 0;
    const started = Date.now();
    const result = await finder.find(accounts[0]!.id, accounts[1]!.id, {
      onProgress: ({ done }) => {
        if (done === 1) listedAt = Date.now();
      },
    });
    const seconds = (Date.now() - started) / 1000;
    child.stdin.end();
    const requests = JSON.parse((await lines.next()).value as string) as PeopleServerRequests;
    const mastodonAt = requests.at.filter((time) => time >= started);
    const byConfidence: Record<string, number> = {};
    for (const match of result.matches) {
      const confidence = match.candidates[0]?.confidence ?? 'none';
      byConfidence[confidence] = (byConfidence[confidence] ?? 0) + 1;
    }
    if (result.matches.length !== following) throw new Error(`the finder answered ${result.matches.length} people of ${following}`);
    const mastodonMost = mostInWindow(mastodonAt);
    const blueskyMost = mostInWindow(bluesky.at);
    // The server nearest its limit (or furthest past it).
    const worst = mastodonMost / limits.mastodon >= blueskyMost / limits.bluesky ? { most: mastodonMost, limit: limits.mastodon } : { most: blueskyMost, limit: limits.bluesky };
    // Waits after the list: the stand-in's calls (150 ms each, one after the other within a person).
    const listSeconds = (listedAt - started) / 1000 - latencyMs / 1000;
    const waitSeconds = (bluesky.calls() * latencyMs) / 1000;
    return {
      figures: {
        find_people_2000_s: round1(seconds),
        find_people_concurrency: concurrency ?? 12,
        find_people_requests_per_5min_max: worst.most,
        find_people_requests_per_5min_limit: worst.limit,
        find_people_requests_per_5min_mastodon: mastodonMost,
        find_people_requests_per_5min_bluesky: blueskyMost,
        find_people_min_concurrency_60s: Math.ceil(waitSeconds / (60 - listSeconds)),
      },
      detail: {
        listSeconds: round1(listSeconds),
        blueskyCalls: bluesky.calls(),
        blueskyRequests: bluesky.at.length,
        mastodonStatuses: requests.statuses,
        unfinished: result.unfinished,
        byConfidence,
        limits,
      },
    };
  } finally {
    if (child.stdin.writable) child.stdin.end();
    if (child.exitCode === null) await once(child, 'exit');
  }
}

const paints = 10;

export async function measureProfilePaint() {
  const mastodon = await startMastodonServer({ title: 'Home Social' });
  const dir = tempDir('bench-profile');
  mastodon.addUser({ username: 'amy', password: 'amy-password-1', displayName: 'Amy' });
  mastodon.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom Photographer' });
  mastodon.setProfile('tom', { note: 'Bread, light and long walks.', fields: [{ name: 'Website', value: 'https://tom.example/' }] });
  mastodon.follow('amy', 'tom');
  for (let i = 0; i < 30; i++) mastodon.post('tom', { text: `Bread rises ${i}`, createdAt: new Date(Date.now() - (60 - i) * 60_000) });
  await signInAccounts({ dataDir: dir.path, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }] });
  const host = await startHostProcess({ dataDir: dir.path });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(await host.newLaunchUrl());
    // The first open fetches the profile (and its posts); the ones measured find it in the cache.
    await page.getByTestId('post').filter({ hasText: 'Bread rises 29' }).getByRole('button', { name: 'Tom Photographer' }).click();
    await page.locator('[data-testid=person] .person-header').waitFor();
    await page.getByTestId('person').getByTestId('post').first().waitFor();
    const personHash = await page.evaluate(() => location.hash);
    const runs: number[] = [];
    const inDom: number[] = [];
    for (let i = 0; i < paints; i++) {
      await page.evaluate(() => (location.hash = '#/'));
      await page.locator('[data-testid=person]').waitFor({ state: 'detached' });
      await page.locator('[data-testid=post]').first().waitFor();
      await page.waitForTimeout(500);
      const { dom, painted } = await page.evaluate(
        (hash) =>
          new Promise<{ dom: number; painted: number }>((resolve) => {
            const started = performance.now();
            const observer = new MutationObserver(() => {
              if (!document.querySelector('[data-testid=person] .person-header')) return;
              observer.disconnect();
              const dom = performance.now() - started;
              requestAnimationFrame(() => setTimeout(() => resolve({ dom, painted: performance.now() - started })));
            });
            observer.observe(document.body, { childList: true, subtree: true });
            location.hash = hash;
          }),
        personHash,
      );
      runs.push(painted);
      inDom.push(dom);
    }
    return {
      profile_paint_ms: round1(median(runs)),
      profile_paint_runs_ms: runs.map(round1),
      /** Of which: until the header is in the DOM (the commit that puts it there). */
      profile_paint_dom_ms: round1(median(inDom)),
    };
  } finally {
    await browser.close();
    await host.stop();
    await mastodon.close();
    dir.remove();
  }
}

export async function measurePeople(log: (line: string) => void = () => undefined) {
  const found = await measureFindPeople();
  log(`people: ${JSON.stringify(found.detail)}`);
  return { ...found.figures, ...(await measureProfilePaint()) };
}

if (import.meta.main) {
  const only = process.argv[2];
  const concurrencyAt = process.argv.indexOf('--concurrency');
  if (only === 'find') console.log(await measureFindPeople(concurrencyAt > 0 ? Number(process.argv[concurrencyAt + 1]) : undefined));
  else if (only === 'paint') console.log(await measureProfilePaint());
  else {
    const figures = await measurePeople(console.log);
    console.log(figures);
    if (process.argv.includes('--write')) {
      const file = join(import.meta.dirname, 'results.json');
      const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
      writeFileSync(file, `${JSON.stringify({ ...previous, ...figures, people_measured_at: new Date().toISOString() }, null, 2)}\n`);
    }
  }
}
