/**
 * Bulk follows in their own process, for the crash test (follow-jobs-crash.test.ts): no core, just
 * the data folder's database and secrets, the real Mastodon network module's people.relate and the
 * follow-jobs runner. It resumes what the database holds; when it holds no batch yet, it adds the
 * people of PEOPLE_FILE (JSON: [{ who, label }]) for ACCOUNT_ID. Each follow is slowed by a short
 * sleep (BRAID_FOLLOW_DELAY_MS, half before its request, half after: the test's kills land between
 * a follow reaching the server and its job being saved done). Prints `progress <done> <failed>
 * <total>` at each change and `ended <done> <failed> <total>` once every job has ended, then exits.
 * The test kills it (SIGKILL) whenever.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok } from '../../shared/contract.ts';
import { listAccounts } from '../../electron/core/accounts/registry.ts';
import { builtInNetworks, createNetworkRegistry } from '../../electron/core/networks/registry.ts';
import { createFollowJobs, type FollowBatchStatus } from '../../electron/core/people/follow-jobs.ts';
import { aesCipher, keyFromEnvironmentOrFile } from '../../electron/core/secrets/aes-cipher.ts';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store.ts';
import { openDatabase } from '../../electron/core/store/database.ts';
import type { Who } from '../../shared/domain/profile.ts';

const [dataDir, accountId, peopleFile] = process.argv.slice(2);
if (!dataDir || !accountId || !peopleFile) throw new Error('usage: follow-jobs-child.ts DATA_DIR ACCOUNT_ID PEOPLE_FILE');
const delayMs = Number(process.env.BRAID_FOLLOW_DELAY_MS ?? 30);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const db = openDatabase(dataDir);
const { key, description } = keyFromEnvironmentOrFile(process.env, join(dataDir, 'secret.key'));
const log = (message: string, error?: unknown) => process.stderr.write(`${message} ${error instanceof Error ? (error.stack ?? error.message) : ''}\n`);
const networks = createNetworkRegistry(builtInNetworks(), {
  db,
  secrets: createFileSecretStore(join(dataDir, 'secrets.json'), aesCipher(key, description)),
  log,
  saveAccount: () => {
    throw new Error('not in this process');
  },
  markExpired: () => undefined,
});
const people = networks.get('mastodon').people!;

const line = (word: string, status: Pick<FollowBatchStatus, 'counts'>) => process.stdout.write(`${word} ${status.counts.done} ${status.counts.failed} ${status.counts.total}\n`);

const jobs = createFollowJobs({
  db,
  accounts: () => listAccounts(db),
  relate: async (account, who) => {
    await sleep(delayMs / 2);
    const relationship = await people.relate('follow', account, who);
    await sleep(delayMs / 2);
    return ok(relationship);
  },
  changed: (status) => line('progress', status),
  policy: { maxAttempts: 8, maxRateLimitedAttempts: 20, baseDelayMs: 100, maxDelayMs: 1_000, resetJitterMs: 50, random: Math.random },
  log,
});
jobs.start();
if (jobs.status().length === 0) jobs.add(accountId, JSON.parse(readFileSync(peopleFile, 'utf8')) as { who: Who; label: string }[]);

for (;;) {
  const [batch, ...more] = jobs.status();
  if (!batch || more.length > 0) throw new Error(`expected one batch, found ${more.length + (batch ? 1 : 0)}`);
  if (batch.ended) {
    line('ended', batch);
    for (const person of batch.people) if (person.state === 'failed') process.stderr.write(`failed ${person.label}: ${person.error?.message ?? ''}\n`);
    break;
  }
  await sleep(25);
}
jobs.close();
db.close();
