/**
 * `npm run demo` without the terminal: starts the local Bluesky network and two Mastodon test
 * servers, seeds them with the sample people and posts, signs the four demo accounts into a
 * Braid data folder, starts Braid's browser host on it and keeps new posts coming.
 *
 *   const demo = await startDemo({ open: false, trickle: false });
 *   … createCore({ dataDir: demo.dataDir, … }) …
 *   await demo.close();   // stops everything it started, removes the temp folders
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AccountSummary } from '../../shared/domain/account.ts';
import { startBlueskyNetwork, type BlueskyNetwork } from '../../tests/support/bluesky-network.ts';
import { startDemoHost, type DemoHost } from './browser-host.ts';
import { people } from './people.ts';
import { buildPlan, type PlannedPost } from './plan.ts';
import { seededRandom } from './random.ts';
import { startBlueskyWorld } from './seed-bluesky.ts';
import { mastodonServerTitle, startMastodonWorld, type MastodonWorld } from './seed-mastodon.ts';
import { signInDemoAccounts } from './sign-in.ts';
import { startTrickle, type Trickle } from './trickle.ts';
import { createDemoNotifications } from './notifications.ts';

export interface DemoOptions {
  /** Keep Braid's data here (a new or empty folder, kept afterwards); default: a temp folder removed on close. */
  dataDir?: string;
  /** Start Braid's browser host on the data folder (default true). */
  host?: boolean;
  /** Let the host open Braid in the browser (default true; BRAID_NO_OPEN also stops it). */
  open?: boolean;
  /** A new post every ~20 s (default true). */
  trickle?: boolean;
  trickleEveryMs?: number;
  /** Progress lines while starting. */
  log?: (line: string) => void;
  onTrickleError?: (error: unknown) => void;
}

export interface RunningDemo {
  dataDir: string;
  /** Whether close() removes the data folder. */
  temporaryDataDir: boolean;
  /** Braid's launch link (holds the run's secret); null without a host. */
  launchUrl: string | null;
  /** The four signed-in accounts, as Braid lists them. */
  accounts: AccountSummary[];
  /** What Braid needs to reach the local Bluesky network (BRAID_BLUESKY_PLC_URL, BRAID_BLUESKY_ENTRYWAY). */
  blueskyDirectory: { plcUrl: string; entryway: string };
  bluesky: { pdsUrl: string; appViewUrl: string; plcUrl: string };
  mastodon: { name: string; url: string }[];
  /** The origins Braid is told to load pictures from over plain http (BRAID_DEMO_IMAGE_ORIGINS). */
  imageOrigins: string[];
  counts: { people: number; posts: number; boosts: number };
  close(): Promise<void>;
}

/** The demo was asked for something it cannot do (not a failure of the servers). */
export class DemoInputError extends Error {}

const planSeed = 20_261_125;
const trickleSeed = 7;
const notificationSeed = 11;

function prepareDataDir(requested: string | undefined): { path: string; temporary: boolean } {
  if (requested === undefined) {
    const path = mkdtempSync(join(tmpdir(), 'braid-demo-'));
    process.on('exit', () => rmSync(path, { recursive: true, force: true })); // also when the demo exits without close()
    return { path, temporary: true };
  }
  const path = resolve(requested);
  if (existsSync(path) && readdirSync(path).length > 0) {
    throw new DemoInputError(`${path} is not empty: the demo signs its accounts into a new or empty folder (its servers live only as long as the demo).`);
  }
  mkdirSync(path, { recursive: true });
  return { path, temporary: false };
}

/** Where the demo's pictures come from: the AppView's image server and the two Mastodon servers. */
function demoImageOrigins(appViewUrl: string, mastodonServers: MastodonWorld['servers']): string[] {
  return [appViewUrl, mastodonServers.one.url, mastodonServers.two.url].map((url) => new URL(url).origin);
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => undefined);
  const data = prepareDataDir(options.dataDir);
  let network: BlueskyNetwork | undefined;
  let mastodon: MastodonWorld | undefined;
  let host: DemoHost | undefined;
  let trickle: Trickle | undefined;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      trickle?.stop();
      // Each step runs even when one before it failed; the first failure is reported.
      const steps = [() => host?.stop(), () => mastodon?.close(), () => network?.close()];
      const failures: unknown[] = [];
      for (const step of steps) await Promise.resolve(step()).catch((error: unknown) => failures.push(error));
      if (data.temporary) rmSync(data.path, { recursive: true, force: true });
      if (failures.length > 0) throw failures[0];
    })());

  try {
    log('Starting the local Bluesky network (PostgreSQL, PLC, PDS, AppView) and two Mastodon servers…');
    const [startedNetwork, startedMastodon] = await Promise.allSettled([startBlueskyNetwork(), startMastodonWorld()]);
    if (startedNetwork.status === 'fulfilled') network = startedNetwork.value;
    if (startedMastodon.status === 'fulfilled') mastodon = startedMastodon.value;
    if (startedNetwork.status === 'rejected') throw startedNetwork.reason;
    if (startedMastodon.status === 'rejected') throw startedMastodon.reason;
    const [bsky, masto] = [startedNetwork.value, startedMastodon.value];

    log('Seeding sample people and posts…');
    const plan = buildPlan(seededRandom(planSeed), Date.now());
    for (const post of plan.posts) if (post.network === 'mastodon') masto.post(post);
    for (const boost of plan.boosts) masto.boost(boost);
    const bluesky = await startBlueskyWorld(bsky);
    await bluesky.write(plan.posts, plan.boosts);
    const notifications = createDemoNotifications({ mastodon: masto.servers, bluesky }, seededRandom(notificationSeed));
    await notifications.seed();
    await bsky.processAll();

    log('Signing the demo accounts into Braid…');
    const blueskyDirectory = { plcUrl: bsky.plcUrl, entryway: bsky.pdsUrl };
    const accounts = await signInDemoAccounts({ dataDir: data.path, bluesky: blueskyDirectory, mastodonServers: masto.servers, blueskyUsers: bluesky.demoUsers });

    const imageOrigins = demoImageOrigins(bsky.appViewUrl, masto.servers);
    if (options.host ?? true) {
      log('Starting Braid…');
      host = await startDemoHost({
        dataDir: data.path,
        env: {
          BRAID_BLUESKY_PLC_URL: blueskyDirectory.plcUrl,
          BRAID_BLUESKY_ENTRYWAY: blueskyDirectory.entryway,
          // The local servers serve their pictures over http: Braid lets exactly these origins in.
          BRAID_DEMO_IMAGE_ORIGINS: imageOrigins.join(' '),
        },
        open: options.open ?? true,
      });
    }

    if (options.trickle ?? true) {
      let posted = 0;
      // A post, and every other time a mention or a follow for one of the demo accounts.
      const post = async (planned: PlannedPost) => {
        await (planned.network === 'mastodon' ? masto.post(planned) : bluesky.write([planned]));
        if (++posted % 2 === 0) await notifications.next();
      };
      trickle = startTrickle({ random: seededRandom(trickleSeed), everyMs: options.trickleEveryMs ?? 20_000, post, onError: options.onTrickleError ?? (() => undefined) });
    }

    return {
      dataDir: data.path,
      temporaryDataDir: data.temporary,
      launchUrl: host?.launchUrl ?? null,
      accounts,
      blueskyDirectory,
      bluesky: { pdsUrl: bsky.pdsUrl, appViewUrl: bsky.appViewUrl, plcUrl: bsky.plcUrl },
      mastodon: (['one', 'two'] as const).map((name) => ({ name: mastodonServerTitle(name), url: masto.servers[name].url })),
      imageOrigins,
      counts: { people: people.length, posts: plan.posts.length, boosts: plan.boosts.length },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
