/**
 * `braid archive …` run as a separate process (bin/braid.mjs), as tests/integration/cli.test.ts
 * runs `braid`: export files made here in their real formats (a Twitter/X data export, a Mastodon
 * account export, a Bluesky repository CAR: tests/support/export-files.ts) imported, imported
 * again (nothing added), searched (accents ignored, CJK, by network), counted, exported (and
 * refused a second time into the same folder), a file that is no export refused, the same in
 * French (--json byte for byte the same); and a sync of a Mastodon account on the Mastodon test
 * server, its progress on stderr and its result on stdout.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { tokenFor } from '../servers/mastodon/test-token.ts';
import { leakedSecrets } from '../support/core-harness.ts';
import {
  writeBlueskyRepo,
  writeMastodonExport,
  writeTwitterExport,
  type BlueskyRepoFacts,
  type MastodonExportFacts,
  type TwitterExportFacts,
} from '../support/export-files.ts';
import { tempDir } from '../support/temp-dir.ts';

// Each step starts a process of its own (the pinned Node loading the core): seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const bin = new URL('../../bin/braid.mjs', import.meta.url).pathname;
const dir = tempDir('cli-archive');
const secretKey = randomBytes(32).toString('hex');
const secrets: string[] = [secretKey];
const outputs: string[] = [];

/** The command line's language, as POSIX sets it (see cli.test.ts). */
const english = { LC_ALL: 'C', LC_MESSAGES: undefined, LANG: 'C' };
const french = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'fr_FR.UTF-8' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let env: NodeJS.ProcessEnv;
let server: MastodonTestServer;
const files = { twitter: join(dir.path, 'twitter-export.zip'), mastodon: join(dir.path, 'mastodon-export.zip'), bluesky: join(dir.path, 'repo.car'), notes: join(dir.path, 'notes.txt') };
let twitter: TwitterExportFacts;
let mastodon: MastodonExportFacts;
let bluesky: BlueskyRepoFacts;

function braid(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end('');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    }),
  );
}

const parsed = <T>(run: Run): T => JSON.parse(run.stdout) as T;

interface ImportJson {
  accountId: string;
  network: string;
  label: string;
  posts: number;
  added: number;
  unreadable: number;
}
interface HitJson {
  account: string;
  network: string;
  snippet: string;
  matches: string[];
}
interface StatusJson {
  accounts: { accountId: string; network: string; label: string; posts: number }[];
}

beforeAll(async () => {
  [twitter, mastodon, bluesky] = await Promise.all([
    writeTwitterExport(files.twitter, { count: 30 }),
    writeMastodonExport(files.mastodon, { count: 30 }),
    writeBlueskyRepo(files.bluesky, { count: 30 }),
  ]);
  writeFileSync(files.notes, 'Shopping: flour, eggs, café noir.\n');
  server = await startMastodonServer();
  server.addUser({ username: 'amy', password: 'amy pw' });
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BRAID_')));
  env = { ...inherited, ...english, BRAID_DATA_DIR: join(dir.path, 'data'), BRAID_SECRET_KEY: secretKey };
}, 120_000);

afterAll(async () => {
  await server?.close();
  dir.remove();
});

describe('braid archive import', () => {
  it('imports a Twitter/X export, a Mastodon export and a Bluesky repository: each says how many, and exits 0', async () => {
    const runs = [];
    for (const file of [files.twitter, files.mastodon, files.bluesky]) runs.push(await braid(['archive', 'import', file]));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs[0]!.stdout).toContain(`Imported ${twitter.posts} new posts of @leaving_user (${twitter.posts} in the file).`);
    expect(runs[1]!.stdout).toMatch(new RegExp(`^Imported ${mastodon.posts} new posts of \\S*elodie\\S* \\(${mastodon.posts} in the file\\)\\.$`, 'm'));
    expect(runs[2]!.stdout).toContain(`Imported ${bluesky.posts} new posts of ${bluesky.did} (${bluesky.posts} in the file).`);
    // The broken entries are counted, on stderr.
    expect(runs[0]!.stderr).toMatch(/1\b.*could not be read/);
  });

  it('imports the same file again without adding anything', async () => {
    for (const [file, posts] of [[files.twitter, twitter.posts], [files.mastodon, mastodon.posts], [files.bluesky, bluesky.posts]] as const) {
      const again = await braid(['archive', 'import', file, '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect(parsed<ImportJson>(again)).toMatchObject({ posts, added: 0 });
    }
  });

  it('refuses a file that is not an export with the usage exit code, saying what it can read', async () => {
    const refused = await braid(['archive', 'import', files.notes]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${files.notes} is not an export Braid can read`);
    expect(refused.stderr).not.toMatch(/unexpected|at .*\.ts:\d+/i);

    const json = await braid(['archive', 'import', files.notes, '--json']);
    expect(json.code).toBe(2);
    expect(parsed<{ error: { code: string; exitCode: number; message: string } }>(json).error).toMatchObject({ code: 'invalid_input', exitCode: 2 });
  });

  it('speaks French where LANG says so, and --json is byte for byte the same as in English', async () => {
    const inFrench = await braid(['archive', 'import', files.twitter], { env: french });
    expect(inFrench.code, inFrench.stderr).toBe(0);
    expect(inFrench.stdout).toMatch(/nouvelles? publications? importées? de @leaving_user \(\d+ dans le fichier\)/);

    const [jsonEnglish, jsonFrench] = [await braid(['archive', 'import', files.twitter, '--json']), await braid(['archive', 'import', files.twitter, '--json'], { env: french })];
    expect(jsonFrench.code).toBe(0);
    expect(jsonFrench.stdout).toBe(jsonEnglish.stdout);

    const refused = await braid(['archive', 'import', files.notes], { env: french });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('n’est pas un export que Braid sait lire');
    const [refusedEnglish, refusedFrench] = [await braid(['archive', 'import', files.notes, '--json']), await braid(['archive', 'import', files.notes, '--json'], { env: french })];
    expect(refusedFrench.stdout).toBe(refusedEnglish.stdout);
  });
});

describe('braid archive search and status', () => {
  it('finds café across the three accounts whatever the accents, and Japanese text by a CJK query', async () => {
    for (const query of ['café', 'cafe', 'CAFÉ']) {
      const run = await braid(['archive', 'search', query, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const hits = parsed<HitJson[]>(run);
      expect(new Set(hits.map((hit) => hit.network))).toEqual(new Set(['twitter', 'mastodon', 'bluesky']));
      expect(hits).toHaveLength(3);
      for (const hit of hits) expect(hit.snippet).toContain('Café crème');
    }
    const cjk = await braid(['archive', 'search', '桜が満開', '--json']);
    expect(cjk.code, cjk.stderr).toBe(0);
    const hits = parsed<HitJson[]>(cjk);
    expect(hits).toHaveLength(3);
    for (const hit of hits) expect(hit.snippet).toContain('東京の桜が満開です');

    const human = await braid(['archive', 'search', 'cafe']);
    expect(human.stdout).toMatch(/\[Café\]/);
  });

  it('filters by network', async () => {
    const run = await braid(['archive', 'search', 'café', '--network', 'twitter', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const hits = parsed<HitJson[]>(run);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ network: 'twitter', account: `twitter:${twitter.accountId}` });
  });

  it('lists the three accounts with their counts', async () => {
    const run = await braid(['archive', 'status', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { accounts } = parsed<StatusJson>(run);
    const counts = Object.fromEntries(accounts.map((account) => [account.network, account.posts]));
    expect(accounts).toHaveLength(3);
    expect(counts).toEqual({ twitter: twitter.posts, mastodon: mastodon.posts, bluesky: bluesky.posts });
    expect(accounts.find((account) => account.network === 'bluesky')).toMatchObject({ accountId: `bluesky:${bluesky.did}` });
  });
});

describe('braid archive export', () => {
  const into = join(dir.path, 'export');

  it('writes posts.jsonl with every post, says that its check passed, and groups the same words posted to several accounts', async () => {
    const total = twitter.posts + mastodon.posts + bluesky.posts;
    const run = await braid(['archive', 'export', into]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Exported ${total} posts`);
    expect(run.stdout).toContain('Checked: every post is there and every media file matches its hash.');
    const lines = readFileSync(join(into, 'posts.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { network: string; text: string; crossPost: string | null });
    expect(lines).toHaveLength(total);
    // The same Japanese words at the same minute on the three networks: one cross-post group (the collapse rule's, after each import).
    const cjk = lines.filter((line) => line.text.includes('東京の桜が満開です'));
    expect(cjk).toHaveLength(3);
    expect(cjk[0]!.crossPost).toMatch(/^match:/);
    expect(new Set(cjk.map((line) => line.crossPost)).size).toBe(1);
    expect(lines.filter((line) => /^(Tweet|Skeet|Post) number/.test(line.text)).every((line) => line.crossPost === null)).toBe(true);
  });

  it('refuses to export a second time into the same folder, clearly and in the user\'s language, with the usage exit code', async () => {
    const before = readFileSync(join(into, 'posts.jsonl'), 'utf8');
    const again = await braid(['archive', 'export', into]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Braid exports only into a new or empty folder: ${into} already holds files.`);
    const inFrench = await braid(['archive', 'export', into], { env: french });
    expect(inFrench.code).toBe(2);
    expect(inFrench.stderr).toContain(`${into} contient déjà des fichiers`);
    expect(readFileSync(join(into, 'posts.jsonl'), 'utf8')).toBe(before);
  });
});

describe('braid archive sync', () => {
  it('brings a Mastodon account\'s archive up to date: progress on stderr, the result on stdout', async () => {
    // A data folder of its own: a sync also downloads the media of what is archived, and the imported files' point at places this test does not serve.
    const own = { BRAID_DATA_DIR: join(dir.path, 'sync-data') };
    server.seedStatuses('amy', 120, { from: new Date(Date.UTC(2022, 0, 1)) });
    const token = await tokenFor(server, 'amy');
    secrets.push(token);
    const added = await braid(['accounts', 'add', 'mastodon', '--from-env'], { env: { ...own, BRAID_MASTODON_INSTANCE: server.url, BRAID_MASTODON_TOKEN: token } });
    expect(added.code, added.stderr).toBe(0);

    const run = await braid(['archive', 'sync'], { env: own });
    expect(run.code, run.stderr).toBe(0);
    const handle = `amy@${new URL(server.url).host}`;
    expect(run.stderr).toMatch(new RegExp(`${handle}: \\d+ posts archived \\(\\d+ new, page \\d+\\)`));
    expect(run.stdout).toContain(`${handle}: up to date, 120 posts archived (120 new)`);
    expect(run.stdout).not.toContain('page');

    const again = await braid(['archive', 'sync', '--json'], { env: own });
    expect(again.code, again.stderr).toBe(0);
    expect(parsed<{ ok: boolean; added: number; outcome: string }[]>(again)).toEqual([expect.objectContaining({ ok: true, added: 0, outcome: 'done' })]);
    const status = parsed<StatusJson>(await braid(['archive', 'status', '--json'], { env: own }));
    expect(status.accounts).toEqual([expect.objectContaining({ network: 'mastodon', posts: 120 })]);
  });
});

describe('what braid printed', () => {
  it('holds no secret', () => {
    expect(leakedSecrets(outputs.join('\n'), secrets)).toEqual([]);
  });
});
