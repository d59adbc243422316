/**
 * Crash test: a core process killed at three points of a post to four accounts (two Mastodon
 * servers, two Bluesky accounts), then started again. Counted on the servers after each trial:
 * every target has exactly one post, none lost, none doubled, every unknown resolved.
 *   saved:          right after the Send transaction, before any request;
 *   media_uploaded: right after a target's images were uploaded;
 *   in_flight:      a create request reached its server, its answer never reached Braid.
 * BRAID_CRASH_TRIALS sets the trials per point (default 50).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { DraftMedia, OutboxEntry } from '../../shared/domain/draft.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { postTextsOf } from '../support/bluesky-records.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore } from '../support/core-harness.ts';
import { draftOf } from '../support/drafts.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../support/intercepting-proxy.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { nodeBundle } from '../support/node-bundle.ts';
import type { ChildCommand } from '../support/outbox-child.ts';
import { tempDir } from '../support/temp-dir.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

// Every trial starts a process of its own (the pinned Node loading the core): on a machine whose
// cores are busy with other work that alone can take seconds, so each test gets two minutes.
vi.setConfig({ testTimeout: 120_000 });

const trials = Number(process.env.BRAID_CRASH_TRIALS ?? 50);
const suffix = randomBytes(3).toString('hex');
// The child is started 150 times: as one bundled file it loads several times faster.
const childScript = nodeBundle(new URL('../support/outbox-child.ts', import.meta.url).pathname, 'outbox-child');
const dir = tempDir('crash');
let home: MastodonTestServer;
let other: MastodonTestServer;
let network: BlueskyNetworkClient;
let proxies: InterceptingProxy[] = [];
let childEnv: NodeJS.ProcessEnv;
let ann: BlueskyUser;
let ben: BlueskyUser;
let targets: string[];
let image: DraftMedia;

const allPosted = (entries: OutboxEntry[] | null) => entries?.every((entry) => entry.targets.every((target) => target.state === 'posted')) ?? false;
const createRequests = (path: string) => path.startsWith('/api/v1/statuses') || path.startsWith('/xrpc/com.atproto.repo.applyWrites');

interface ChildCore {
  /** The next `settled` report: the outbox once every target ended; null when the process ended first. */
  settled(): Promise<OutboxEntry[] | null>;
  send(command: ChildCommand): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  kill(): void;
  stop(): void;
}

/** Starts a child core, which resumes the outbox first (see outbox-child.ts). */
function startChild(): ChildCore {
  const child = spawn(process.execPath, [childScript, dir.path], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdin.on('error', () => undefined); // written to after a kill: nothing to tell
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    async settled() {
      for (;;) {
        const line = await lines.next();
        if (line.done) return null;
        output += `${line.value}\n`;
        if (line.value.startsWith('settled ')) return JSON.parse(line.value.slice('settled '.length)) as OutboxEntry[];
      }
    },
    send: (command) => child.stdin.write(`${JSON.stringify(command)}\n`),
    exited,
    output: () => output.slice(-500),
    kill: () => child.kill('SIGKILL'),
    stop: () => child.stdin.end(),
  };
}

/** Kills `child` once the n-th create request reached a server; `undefined`: never. */
function killOnCreate(child: ChildCore, n: number | undefined): void {
  let creates = 0;
  for (const proxy of proxies) {
    proxy.onForwarded = n
      ? (request) => {
          if (request.method === 'POST' && createRequests(request.path) && ++creates === n) child.kill();
        }
      : null;
  }
}

/** How many posts carry `text` on each target: [amy, bob, ann, ben]. */
async function countsOf(text: string): Promise<number[]> {
  const onMastodon = (server: MastodonTestServer, user: string) => server.statusesOf(user).filter((status) => status.content.includes(text)).length;
  const [annTexts, benTexts] = await Promise.all([postTextsOf(network.pdsUrl, ann.did), postTextsOf(network.pdsUrl, ben.did)]);
  return [onMastodon(home, 'amy'), onMastodon(other, 'bob'), annTexts.filter((t) => t === text).length, benTexts.filter((t) => t === text).length];
}

beforeAll(async () => {
  [home, other] = await Promise.all([startMastodonServer({ mediaProcessingMs: 20 }), startMastodonServer({ mediaProcessingMs: 20 })]);
  home.addUser({ username: 'amy', password: 'amy-password-1' });
  other.addUser({ username: 'bob', password: 'bob-password-1' });
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [ann, ben] = await Promise.all([network.createUser({ handle: `cann-${suffix}.test` }), network.createUser({ handle: `cben-${suffix}.test` })]);

  // Braid reaches every server through a proxy; DID documents and sessions name the PDS's proxy.
  const pds = await startInterceptingProxy(network.pdsUrl, undefined, () => [[network.pdsUrl, pds.url]]);
  const plc = await startInterceptingProxy(network.plcUrl, undefined, () => [[network.pdsUrl, pds.url]]);
  const [homeProxy, otherProxy] = await Promise.all([startInterceptingProxy(home.url), startInterceptingProxy(other.url)]);
  proxies = [pds, plc, homeProxy, otherProxy];
  childEnv = { ...process.env, BRAID_BLUESKY_PLC_URL: plc.url, BRAID_BLUESKY_ENTRYWAY: pds.url };

  const braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: plc.url, entryway: pds.url } }) }, dir);
  targets = [
    await signInMastodon(braid, { url: homeProxy.url }, 'amy', 'amy-password-1'),
    await signInMastodon(braid, { url: otherProxy.url }, 'bob', 'bob-password-1'),
    (await braid.value('accounts.bluesky.signIn', { identifier: ann.handle, password: ann.appPassword })).id,
    (await braid.value('accounts.bluesky.signIn', { identifier: ben.handle, password: ben.appPassword })).id,
  ];
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).png().toBuffer();
  image = { ...(await braid.value('media.attach', { fileName: 'a.png', mimeType: 'image/png', dataBase64: png.toString('base64') })), alt: 'a green square' };
  braid.core.close();
}, 120_000);

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await Promise.all([home?.close(), other?.close()]);
  dir.remove();
});

describe.each([
  { point: 'saved', withImage: false },
  { point: 'media_uploaded', withImage: true },
  { point: 'in_flight', withImage: false },
] as const)('killed at $point', ({ point, withImage }) => {
  it(`ends with exactly one post per target in each of ${trials} trials`, async () => {
    const problems: string[] = [];
    let child = startChild();
    if (!allPosted(await child.settled())) problems.push(`the first resume did not post everything: ${child.output()}`);
    for (let trial = 0; trial < trials; trial += 1) {
      const text = `crash ${point} ${trial} ${suffix}`;
      const file = join(dir.path, `draft-${point}-${trial}.json`);
      writeFileSync(file, JSON.stringify(draftOf(text, targets, withImage ? { media: [image] } : {})));
      killOnCreate(child, point === 'in_flight' ? (trial % 4) + 1 : undefined);
      child.send(point === 'in_flight' ? { file } : { file, crashAt: point });
      const notKilled = child.settled().then(() => (child.stop(), child.exited));
      const crashed = await Promise.race([child.exited, notKilled]);
      killOnCreate(child, undefined);
      if (crashed.signal !== 'SIGKILL') problems.push(`trial ${trial}: the core was not killed (${crashed.code}): ${child.output()}`);
      child = startChild();
      if (!allPosted(await child.settled())) problems.push(`trial ${trial}: the resume did not post everything: ${child.output()}`);
      const counts = await countsOf(text);
      if (counts.some((count) => count !== 1)) problems.push(`trial ${trial}: posts per target ${JSON.stringify(counts)}`);
    }
    child.stop();
    await child.exited;
    expect(problems).toEqual([]);
  }, trials * 15_000 + 30_000);
});
