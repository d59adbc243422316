/**
 * `braid` on the command line, run as a separate process (bin/braid.mjs) against two Mastodon
 * test servers and two Bluesky accounts on the local network, each behind a proxy that can kill
 * the process while a create request is at its server. What landed is counted on the servers.
 * Every stdout and stderr of the file is scanned for secrets at the end.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { tokenFor } from '../servers/mastodon/test-token.ts';
import { postTextsOf } from '../support/bluesky-records.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { leakedSecrets } from '../support/core-harness.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../support/intercepting-proxy.ts';
import { approveOnServer } from '../support/mastodon-user.ts';
import { tempDir } from '../support/temp-dir.ts';

// Every step starts a process of its own (the pinned Node loading the core): on a machine whose
// cores are busy with other work that alone can take seconds, so each test gets two minutes.
vi.setConfig({ testTimeout: 120_000 });

const bin = new URL('../../bin/braid.mjs', import.meta.url).pathname;
const suffix = randomBytes(3).toString('hex');
const dir = tempDir('cli');
const secretKey = randomBytes(32).toString('hex');
const image = join(dir.path, 'green.png');
let home: MastodonTestServer;
let other: MastodonTestServer;
let network: BlueskyNetworkClient;
let proxies: InterceptingProxy[] = [];
let homeProxy: InterceptingProxy;
let otherProxy: InterceptingProxy;
let ann: BlueskyUser;
let ben: BlueskyUser;
let env: NodeJS.ProcessEnv;
/** Secrets handed to braid (env, stdin) over the file, and every output it gave. */
const secrets: string[] = [secretKey];
const outputs: string[] = [];
/** Answered by the proxy in front of bob's server for his next posts: a refusal that is final. */
let refuseBobsPosts = false;
/** Amy's server answers a sign-in check with a refusal whose words carry terminal escape sequences. */
let hostileRefusal = false;
/** Answered there instead: a rate limit that says to come back in ten minutes. */
let rateLimitBobsPosts = false;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Requests of any kind that reached a server while it ran. */
  requests: number;
}

interface Braid {
  child: ChildProcessWithoutNullStreams;
  /** Resolves once stderr matches. */
  stderrMatching(pattern: RegExp): Promise<RegExpExecArray>;
  done: Promise<Run>;
}

const createRequest = (method: string, path: string) => method === 'POST' && (path.startsWith('/api/v1/statuses') || path.startsWith('/xrpc/com.atproto.repo.applyWrites'));

/** Starts braid; `killOnCreate`: SIGKILL it once the n-th create request reached a server. */
function start(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; killOnCreate?: number } = {}): Braid {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const watcher of [...watchers]) {
      const match = watcher.pattern.exec(stderr);
      if (match) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(match);
      }
    }
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  let creates = 0;
  let requests = 0;
  for (const proxy of proxies) {
    proxy.onForwarded = (request) => {
      requests++;
      if (createRequest(request.method, request.path) && ++creates === options.killOnCreate) child.kill('SIGKILL');
    };
  }
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => {
      outputs.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr, requests });
    }),
  );
  return {
    child,
    done,
    stderrMatching: (pattern) => new Promise((resolve) => watchers.push({ pattern, resolve })),
  };
}

/** The command line's language, as POSIX sets it: the first of LC_ALL, LC_MESSAGES, LANG. */
const english = { LC_ALL: 'C', LC_MESSAGES: undefined, LANG: 'C' };
const french = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'fr_FR.UTF-8' };

const braid = (args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; killOnCreate?: number } = {}) => start(args, { input: '', ...options }).done;
const parsed = <T>(run: Run): T => JSON.parse(run.stdout) as T;

interface TargetJson {
  jobId: string;
  account: string;
  handle: string;
  network: string;
  state: string;
  urls: string[];
  error: { code: string; message: string } | null;
}

/** How many posts hold `text` on each account: [amy, bob, ann, ben]. */
async function countsOf(text: string): Promise<number[]> {
  const onMastodon = (server: MastodonTestServer, user: string) => server.statusesOf(user).filter((status) => status.content.includes(text)).length;
  const [annTexts, benTexts] = await Promise.all([postTextsOf(network.pdsUrl, ann.did), postTextsOf(network.pdsUrl, ben.did)]);
  return [onMastodon(home, 'amy'), onMastodon(other, 'bob'), annTexts.filter((t) => t.includes(text)).length, benTexts.filter((t) => t.includes(text)).length];
}

const createsAtServers = () =>
  [home, other].reduce((sum, server) => sum + server.requests.filter((r) => r.method === 'POST' && (r.path.startsWith('/api/v1/statuses') || r.path.startsWith('/api/v2/media'))).length, 0);

beforeAll(async () => {
  [home, other] = await Promise.all([startMastodonServer({ mediaProcessingMs: 20 }), startMastodonServer({ mediaProcessingMs: 20 })]);
  home.addUser({ username: 'amy', password: 'amy pw' });
  other.addUser({ username: 'bob', password: 'bob pw' });
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [ann, ben] = await Promise.all([network.createUser({ handle: `lann-${suffix}.test` }), network.createUser({ handle: `lben-${suffix}.test` })]);
  secrets.push(ann.appPassword, ben.appPassword, ann.password, ben.password);

  // braid reaches every server through a proxy; DID documents and sessions name the PDS's proxy.
  const pds = await startInterceptingProxy(network.pdsUrl, undefined, () => [[network.pdsUrl, pds.url]]);
  const plc = await startInterceptingProxy(network.plcUrl, undefined, () => [[network.pdsUrl, pds.url]]);
  homeProxy = await startInterceptingProxy(home.url, (request) =>
    hostileRefusal && request.path.startsWith('/api/v1/accounts/verify_credentials')
      ? { kind: 'answer', status: 401, body: JSON.stringify({ error: '\u001b]52;c;cHduZWQ=\u0007\u001b]0;owned\u0007\u001b[2Jtoken refused\u009b31m' }) }
      : { kind: 'pass' },
  );
  otherProxy = await startInterceptingProxy(other.url, (request) => {
    if (!createRequest(request.method, request.path)) return { kind: 'pass' };
    if (refuseBobsPosts) return { kind: 'answer', status: 422, body: JSON.stringify({ error: 'Validation failed: this server takes no posts today' }) };
    if (rateLimitBobsPosts) return { kind: 'answer', status: 429, headers: { 'retry-after': '600' }, body: JSON.stringify({ error: 'Too many requests' }) };
    return { kind: 'pass' };
  });
  proxies = [pds, plc, homeProxy, otherProxy];
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BRAID_')));
  // In English, whatever the machine's language (the French tests set theirs).
  env = { ...inherited, ...english, BRAID_DATA_DIR: join(dir.path, 'data'), BRAID_SECRET_KEY: secretKey, BRAID_BLUESKY_PLC_URL: plc.url, BRAID_BLUESKY_ENTRYWAY: pds.url };
  writeFileSync(image, await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).png().toBuffer());
}, 120_000);

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await Promise.all([home?.close(), other?.close()]);
  dir.remove();
});

describe('the data folder', () => {
  // Linux's places (XDG); BRAID_DATA_DIR winning is what every other test here relies on.
  it.skipIf(process.platform === 'darwin' || process.platform === 'win32')('without BRAID_DATA_DIR is the desktop app’s folder with -cli added, never the app’s own', async () => {
    const xdg = join(dir.path, 'xdg');
    const byXdg = await braid(['outbox', 'list'], { env: { BRAID_DATA_DIR: undefined, XDG_DATA_HOME: xdg } });
    expect(byXdg.code, byXdg.stderr).toBe(0);
    expect(existsSync(join(xdg, 'braid-cli', 'braid.sqlite'))).toBe(true);
    expect(existsSync(join(xdg, 'braid'))).toBe(false);

    const homeDir = join(dir.path, 'home');
    const byHome = await braid(['outbox', 'list'], { env: { BRAID_DATA_DIR: undefined, XDG_DATA_HOME: undefined, HOME: homeDir } });
    expect(byHome.code, byHome.stderr).toBe(0);
    expect(existsSync(join(homeDir, '.local', 'share', 'braid-cli', 'braid.sqlite'))).toBe(true);
    expect(existsSync(join(homeDir, '.local', 'share', 'braid'))).toBe(false);
  });
});

describe('braid accounts', () => {
  it('signs in from the environment (Mastodon token, Bluesky app password)', async () => {
    const token = await tokenFor(home, 'amy');
    secrets.push(token);
    const amy = await braid(['accounts', 'add', 'mastodon', '--from-env', '--json'], { env: { BRAID_MASTODON_INSTANCE: homeProxy.url, BRAID_MASTODON_TOKEN: token } });
    expect(amy.code, amy.stderr).toBe(0);
    expect(parsed<{ handle: string; network: string }>(amy)).toMatchObject({ network: 'mastodon', handle: `amy@${new URL(homeProxy.url).host}` });

    const annRun = await braid(['accounts', 'add', 'bluesky', '--from-env'], { env: { BRAID_BLUESKY_HANDLE: ann.handle, BRAID_BLUESKY_APP_PASSWORD: ann.appPassword } });
    expect(annRun.code, annRun.stderr).toBe(0);
    expect(annRun.stdout).toContain(ann.handle);
  });

  it('signs in interactively: a Mastodon code pasted from the server page, a Bluesky app password typed', async () => {
    const bob = start(['accounts', 'add', 'mastodon', '--instance', otherProxy.url]);
    const [authorizeUrl] = await bob.stderrMatching(/http:\S+\/oauth\/authorize\S+/);
    const approval = await approveOnServer(authorizeUrl, { username: 'bob', password: 'bob pw' });
    expect(approval.shownCode).toBeTruthy();
    bob.child.stdin.end(`${approval.shownCode}\n`);
    const bobRun = await bob.done;
    expect(bobRun.code, bobRun.stderr).toBe(0);
    expect(bobRun.stdout).toContain('bob@');

    const benRun = await braid(['accounts', 'add', 'bluesky'], { input: `${ben.handle}\n${ben.appPassword}\n` });
    expect(benRun.code, benRun.stderr).toBe(0);
    expect(benRun.stderr).toContain('App password:');
    expect(benRun.stdout).toContain(ben.handle);
  });

  it('fails a sign-in the server refuses with exit 3, and asks for what is missing from the environment', async () => {
    const refused = await braid(['accounts', 'add', 'mastodon', '--from-env'], { env: { BRAID_MASTODON_INSTANCE: homeProxy.url, BRAID_MASTODON_TOKEN: 'not-a-token-of-this-server' } });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('BRAID_MASTODON_TOKEN');
    const missing = await braid(['accounts', 'add', 'bluesky', '--from-env'], { env: { BRAID_BLUESKY_HANDLE: ben.handle } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('BRAID_BLUESKY_APP_PASSWORD is not set');
  });

  it('prints a server\'s words without the escape sequences in them (clipboard, title, screen)', async () => {
    hostileRefusal = true;
    const refused = await braid(['accounts', 'add', 'mastodon', '--from-env'], { env: { BRAID_MASTODON_INSTANCE: homeProxy.url, BRAID_MASTODON_TOKEN: 'any-token' } }).finally(() => (hostileRefusal = false));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('token refused');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(`${refused.stderr}${refused.stdout}`).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  });

  it('asks for the e-mailed code where a Bluesky sign-in needs one; removes an account', async () => {
    const cat = await network.createUser({ handle: `lcat-${suffix}.test` });
    secrets.push(cat.password, cat.appPassword);
    await network.enableEmailAuthFactor(cat.did);
    const signIn = start(['accounts', 'add', 'bluesky', '--handle', cat.handle]);
    signIn.child.stdin.write(`${cat.password}\n`);
    await signIn.stderrMatching(/Code from the e-mail: /);
    const code = (await network.lastEmailCode(cat.email))!;
    secrets.push(code);
    signIn.child.stdin.end(`${code}\n`);
    const run = await signIn.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(cat.handle);

    const removed = await braid(['accounts', 'remove', cat.handle]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed ${cat.handle}`);
    const unknown = await braid(['accounts', 'remove', cat.handle]);
    expect(unknown.code).toBe(3);
  });

  it('lists the four accounts, as JSON without any secret', async () => {
    const run = await braid(['accounts', 'list', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const accounts = parsed<{ handle: string; network: string; status: string }[]>(run);
    expect(accounts.map((account) => [account.network, account.handle.split('@')[0]])).toEqual([
      ['mastodon', 'amy'],
      ['bluesky', ann.handle],
      ['mastodon', 'bob'],
      ['bluesky', ben.handle],
    ]);
    expect(accounts.every((account) => account.status === 'ok')).toBe(true);
  });
});

describe('in French (LANG=fr_FR.UTF-8)', () => {
  it('speaks French in the help and in commander’s own complaints', async () => {
    const [help, englishHelp] = await Promise.all([braid(['--help'], { env: french }), braid(['--help'])]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Utilisation\u00a0: braid');
    expect(help.stdout).toContain('Commandes\u00a0:');
    expect(help.stdout).toContain('Codes de sortie\u00a0:');
    expect(help.stdout).not.toContain('Usage:');
    expect(englishHelp.stdout).toContain('Usage: braid');
    expect(englishHelp.stdout).toContain('Exit codes:');

    const typo = await braid(['post', 'Bonjour', '--visibilty', 'public'], { env: french });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('erreur\u00a0: option inconnue «\u202f--visibilty\u202f»');
    expect(typo.stderr).toContain('Vouliez-vous dire --visibility');
  });

  it('says what --dry-run would send, and refuses a post, in French; --json is the same in both languages', async () => {
    const args = ['post', `Essai ${suffix}`, '--dry-run', '--cw', 'long', '--to', ann.handle];
    const dry = await braid(args, { env: french });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('étiquettes\u00a0: aucune');
    expect(dry.stdout).toContain('Bluesky n’a pas d’avertissement écrit');
    expect(dry.stdout).toContain('Essai à blanc\u00a0: rien n’a été envoyé.');
    const [frenchJson, englishJson] = await Promise.all([braid([...args, '--json'], { env: french }), braid([...args, '--json'])]);
    expect(frenchJson.stdout).toBe(englishJson.stdout);
    expect(frenchJson.stdout).toContain('without a label this post shows there unhidden');

    const refused = await braid(['post', '   ', '--json'], { env: french });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Rien à publier');
    expect(refused.stdout).toBe((await braid(['post', '   ', '--json'])).stdout);
    expect(parsed<{ error: { message: string } }>(refused).error.message).toContain('Nothing to post');

    const [listed, listedInEnglish] = await Promise.all([braid(['accounts', 'list'], { env: french }), braid(['accounts', 'list', '--json'])]);
    expect(listed.stdout).toContain('connecté, publie par défaut');
    expect((await braid(['accounts', 'list', '--json'], { env: french })).stdout).toBe(listedInEnglish.stdout);
  });
});

describe('braid post', () => {
  it('posts to all four accounts once, with an image and its description, and reports each on stdout', async () => {
    const text = `Release 1.0 of Braid ${suffix}: https://example.com/notes`;
    const run = await braid(['post', text, '--image', image, '--alt', 'A green square', '--lang', 'en', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { targets } = parsed<{ targets: TargetJson[] }>(run);
    expect(targets.map((target) => [target.network, target.state, target.error])).toEqual([
      ['mastodon', 'posted', null],
      ['bluesky', 'posted', null],
      ['mastodon', 'posted', null],
      ['bluesky', 'posted', null],
    ]);
    expect(targets.every((target) => target.urls.length === 1)).toBe(true);
    expect(await countsOf(`Release 1.0 of Braid ${suffix}`)).toEqual([1, 1, 1, 1]);
    expect(home.statusesOf('amy')[0]!.media_attachments[0]).toMatchObject({ description: 'A green square' });
    // Progress went to stderr, per target.
    expect(run.stderr).toMatch(new RegExp(`${ann.handle}: posted https://bsky.app/profile/`));
  });

  it('--dry-run prints what each account would get and sends nothing', async () => {
    const before = createsAtServers();
    const text = `Dry ${suffix}. ${'A sentence that goes on for a while. '.repeat(12)}`;
    const run = await braid(['post', text, '--dry-run', '--split', '--cw', 'long', '--image', image, '--alt', 'green', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const plan = parsed<{ dryRun: boolean; targets: { network: string; parts: string[]; contentWarning: string | null; images: { alt: string }[]; notes: string[] }[] }>(run);
    expect(plan.dryRun).toBe(true);
    expect(plan.targets).toHaveLength(4);
    const bluesky = plan.targets.find((target) => target.network === 'bluesky')!;
    expect(bluesky.parts.length).toBeGreaterThan(1);
    expect(bluesky.parts[0]).toMatch(/ 1\/\d$/);
    expect(bluesky.notes.join(' ')).toContain('without a label this post shows there unhidden');
    expect(plan.targets.find((target) => target.network === 'mastodon')).toMatchObject({ contentWarning: 'long', images: [{ alt: 'green' }] });

    const human = await braid(['post', '-', '--dry-run', '--to', 'bob'], { input: `Short dry ${suffix}\n` });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`Short dry ${suffix}`);
    expect(human.stdout).toContain('Dry run: nothing was sent.');

    expect(createsAtServers()).toBe(before);
    expect(await countsOf(`ry ${suffix}`)).toEqual([0, 0, 0, 0]);
  });

  it('exits 2 on a bad flag or a post that cannot be sent as written, with nothing sent', async () => {
    const before = createsAtServers();
    const text = `Bad flag ${suffix}`;
    for (const args of [
      ['post', text, '--visibilty', 'public'],
      ['post', text, '--label', 'spoilers'],
      ['post', text, '--visibility', 'everyone'],
      ['post', text, '--alt', 'an alt without an image'],
      ['post', text, '--image', join(dir.path, 'missing.png')],
      ['post', text, '--lang', 'not a language'],
      ['post', `${text} ${'word '.repeat(120)}`], // too long for Bluesky, and no --split
      ['post', text, '--visibility', 'private', '--to', ann.handle], // Bluesky is always public
    ]) {
      const run = await braid(args);
      expect([args.slice(2).join(' '), run.code]).toEqual([args.slice(2).join(' '), 2]);
      expect(run.stdout).toBe('');
    }
    const tooLong = await braid(['post', `${text} ${'word '.repeat(120)}`, '--to', ann.handle]);
    expect(tooLong.stderr).toContain('Too long');
    expect(tooLong.stderr).toContain('--split');
    expect(createsAtServers()).toBe(before);
    expect(await countsOf(text)).toEqual([0, 0, 0, 0]);
  });

  it('exits 3 for an unknown --to, with nothing sent', async () => {
    const run = await braid(['post', `Unknown target ${suffix}`, '--to', 'nobody@nowhere.example']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('No account “nobody@nowhere.example”');
    expect(await countsOf(`Unknown target ${suffix}`)).toEqual([0, 0, 0, 0]);
  });

  it('exits 1 when a target fails, keeping the others posted', async () => {
    refuseBobsPosts = true;
    const text = `One of two ${suffix}`;
    const run = await braid(['post', text, '--to', 'bob', '--to', ben.handle, '--json']).finally(() => (refuseBobsPosts = false));
    expect(run.code, run.stderr).toBe(1);
    const result = parsed<{ draftId: string; targets: TargetJson[] }>(run);
    expect(result.targets.map((target) => [target.network, target.state])).toEqual([['mastodon', 'failed'], ['bluesky', 'posted']]);
    expect(result.targets[0]!.error?.message).toContain('this server takes no posts today');
    expect(await countsOf(text)).toEqual([0, 0, 0, 1]);

    const discarded = await braid(['outbox', 'discard', result.draftId]);
    expect(discarded.code, discarded.stderr).toBe(0);
    const listed = parsed<{ draftId: string }[]>(await braid(['outbox', 'list', '--json']));
    expect(listed.map((entry) => entry.draftId)).not.toContain(result.draftId);
  });

  it('--timeout stops waiting for a rate-limited target: exit 1, each target’s state on stderr, the outbox left as it is', async () => {
    rateLimitBobsPosts = true;
    const text = `Rate limited ${suffix}`;
    try {
      const run = await braid(['post', text, '--to', 'bob', '--to', ben.handle, '--timeout', '5']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('--timeout passed');
      expect(run.stderr).toMatch(/ {2}bob@\S+: will try again at \d\d:\d\d:\d\d/);
      expect(run.stderr).toContain(`  ${ben.handle}: posted https://bsky.app/profile/`);
      expect(run.stderr).toContain('braid outbox retry');

      const [entry] = parsed<{ draftId: string; text: string; targets: TargetJson[] }[]>(await braid(['outbox', 'list', '--json'])).filter((e) => e.text === text);
      expect(entry!.targets.map((target) => [target.network, target.state])).toEqual([['mastodon', 'waiting'], ['bluesky', 'posted']]);

      const retried = await braid(['outbox', 'retry', entry!.targets[0]!.jobId, '--timeout', '1', '--json']);
      expect(retried.code, retried.stderr).toBe(1);
      expect(retried.stderr).toContain('--timeout passed'); // it stopped waiting: the rate limit says ten minutes

      expect(await countsOf(text)).toEqual([0, 0, 0, 1]);
    } finally {
      rateLimitBobsPosts = false;
      // Later tests retry the whole outbox: nothing may be left waiting ten minutes there.
      const left = parsed<{ draftId: string; text: string }[]>(await braid(['outbox', 'list', '--json'])).filter((e) => e.text === text);
      for (const { draftId } of left) expect((await braid(['outbox', 'discard', draftId])).code).toBe(0);
    }
  });

  it('rejects a --timeout that is not a number of seconds', async () => {
    for (const value of ['0', '-5', 'soon']) expect((await braid(['post', `Timeout ${suffix}`, '--timeout', value])).code).toBe(2);
  });

  it('exits 3 with a clear message when a token was revoked; after signing in again, retry posts it once', async () => {
    home.revokeTokensOf('amy');
    const text = `After the revocation ${suffix}`;
    const run = await braid(['post', text, '--to', 'amy', '--to', ann.handle]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toMatch(/failed +amy@/);
    expect(run.stderr).toMatch(/amy@\S+ needs to sign in again: run `braid accounts add mastodon`/);
    expect(await countsOf(text)).toEqual([0, 0, 1, 0]);

    // Now known as signed out: refused before anything is sent.
    const refused = await braid(['post', `Not sent ${suffix}`, '--to', 'amy']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('needs to sign in again');
    expect(refused.stderr).toContain('Nothing was sent.');
    // A script checking its accounts learns it from the exit code.
    const checked = await braid(['accounts', 'list', '--check']);
    expect(checked.code, checked.stderr).toBe(3);
    expect(checked.stdout).toContain('needs to sign in again');
    expect(checked.stderr).toMatch(/amy@\S+ \(mastodon\) must sign in again/);

    const token = await tokenFor(home, 'amy');
    secrets.push(token);
    const again = await braid(['accounts', 'add', 'mastodon', '--from-env'], { env: { BRAID_MASTODON_INSTANCE: homeProxy.url, BRAID_MASTODON_TOKEN: token } });
    expect(again.code, again.stderr).toBe(0);
    const retried = await braid(['outbox', 'retry']);
    expect(retried.code, retried.stderr).toBe(0);
    expect(await countsOf(text)).toEqual([1, 0, 1, 0]);
    expect((await braid(['accounts', 'list', '--check'])).code).toBe(0);
  });
});

describe('a run killed while a create request is at its server', () => {
  it('sends nothing more of it (not even a lookup) while later commands end in a usage or configuration error', async () => {
    const text = `Killed then refused ${suffix}`;
    const killed = await braid(['post', text], { killOnCreate: 1 });
    expect(killed.signal).toBe('SIGKILL');
    for (const [args, code] of [
      [['post', `Unknown target ${suffix}`, '--to', 'nobody@nowhere.example'], 3],
      // Images are attached before the plan is checked: time enough for a resumed send to go out.
      [['post', `Too long ${suffix} ${'word '.repeat(120)}`, '--to', ann.handle, '--image', image, '--alt', 'green'], 2],
      [['outbox', 'retry', 'no-such-job'], 2],
    ] as const) {
      const run = await braid([...args]);
      expect([args[1], run.code, run.requests]).toEqual([args[1], code, 0]);
    }
    const listed = await braid(['outbox', 'list']);
    expect(listed.stdout).toContain(text);
    expect(listed.stdout).toMatch(/stopped/);
    const retried = await braid(['outbox', 'retry']);
    expect(retried.code, retried.stderr).toBe(0);
    expect(await countsOf(text)).toEqual([1, 1, 1, 1]);
  }, 60_000);

  it.each([1, 3])('resumes with `braid outbox retry` without doubling a post (killed at create %i)', async (killAt) => {
    const text = `Killed then retried ${killAt} ${suffix}`;
    const killed = await braid(['post', text], { killOnCreate: killAt });
    expect(killed.signal).toBe('SIGKILL');
    const listed = await braid(['outbox', 'list']);
    expect(listed.stdout).toContain(text);
    const retried = await braid(['outbox', 'retry', '--json']);
    expect(retried.code, retried.stderr).toBe(0);
    expect(parsed<{ targets: TargetJson[] }>(retried).targets.every((target) => target.state === 'posted')).toBe(true);
    expect(await countsOf(text)).toEqual([1, 1, 1, 1]);
  }, 60_000);

  it.each([2, 4])('resumes when the same command runs again with the same --key (killed at create %i)', async (killAt) => {
    const text = `Killed then rerun ${killAt} ${suffix}`;
    const command = ['post', text, '--key', `release-${killAt}-${suffix}`];
    const killed = await braid(command, { killOnCreate: killAt });
    expect(killed.signal).toBe('SIGKILL');
    const rerun = await braid(command);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('resuming that post, not sending it again');
    expect(await countsOf(text)).toEqual([1, 1, 1, 1]);
    const third = await braid(command);
    expect(third.code, third.stderr).toBe(0);
    expect(await countsOf(text)).toEqual([1, 1, 1, 1]);
  }, 60_000);
});

describe('braid timeline', () => {
  it('prints the merged timeline as plain text, without a server’s control characters', async () => {
    home.post('amy', { text: `Sneaky \u001b]0;owned\u0007\u001b[2J title ${suffix}` });
    await network.processAll();
    const run = await braid(['timeline', '--limit', '40']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Sneaky ]0;owned[2J title ${suffix}`);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).not.toContain('\u0007');
    expect(run.stdout).toContain(`Release 1.0 of Braid ${suffix}`);
    expect(run.stdout).toMatch(/\d\d:\d\d {2}mastodon {2}amy \(@amy@/);

    const json = await braid(['timeline', '-n', '3', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(parsed<unknown[]>(json)).toHaveLength(3);
  });

  it('stops quietly when whatever reads its output goes away (braid timeline | head -1)', async () => {
    for (const args of [['timeline', '--limit', '40'], ['--help']]) {
      const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first line
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(stderr).not.toMatch(/EPIPE|Unhandled|node:events/);
      expect(code, stderr).toBe(0);
    }
  });
});

describe('secrets', () => {
  it('never appear in any output, nor in the data folder outside the encrypted secrets file', () => {
    const issued = [...home.secrets(), ...other.secrets()];
    expect(outputs.length).toBeGreaterThan(30);
    expect(leakedSecrets(outputs.join('\n'), [...secrets, ...issued])).toEqual([]);
    const dataDir = join(dir.path, 'data');
    const plainFiles = readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== 'secrets.json')
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
      .join('\n');
    expect(leakedSecrets(plainFiles, [...secrets, ...issued])).toEqual([]);
  });
});
