/**
 * A core in its own process, for the outbox crash tests. It sends the draft in the file named by
 * its argument (or only resumes with "resume"), waits until every target has ended, prints the
 * outbox as JSON and exits 0 when all were posted. With BRAID_CRASH_AT=saved|media_uploaded it
 * kills itself (SIGKILL, no clean-up) the first time the outbox reaches that step.
 */
import { readFileSync } from 'node:fs';
import { createCore } from '../../electron/core/core.ts';
import type { OutboxStep } from '../../electron/core/networks/publishing.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import type { Result } from '../../shared/contract.ts';
import type { Draft, OutboxEntry } from '../../shared/domain/draft.ts';

const [dataDir, what] = process.argv.slice(2);
if (!dataDir || !what) throw new Error('usage: outbox-child.ts DATA_DIR (DRAFT_FILE | resume)');
const crashAt = process.env.BRAID_CRASH_AT as OutboxStep | undefined;

const core = createCore({
  dataDir,
  host: 'browser',
  networks: builtInNetworks({ mastodon: { pollIntervalMs: 50 } }),
  outbox: {
    policy: { maxAttempts: 6, maxRateLimitedAttempts: 10, baseDelayMs: 100, maxDelayMs: 1_000, resetJitterMs: 50, random: Math.random },
    onStep: (step) => {
      if (step === crashAt) process.kill(process.pid, 'SIGKILL');
    },
  },
});

const settled = (entries: OutboxEntry[]) => entries.every((entry) => entry.targets.every((target) => target.state === 'posted' || target.state === 'failed'));

if (what !== 'resume') {
  const draft = JSON.parse(readFileSync(what, 'utf8')) as Draft;
  const sent = await core.dispatch('outbox.send', draft);
  if (!sent.ok) {
    process.stdout.write(JSON.stringify(sent.error));
    process.exit(2);
  }
}
for (;;) {
  const listed = (await core.dispatch('outbox.list', undefined)) as Result<OutboxEntry[]>;
  if (!listed.ok) throw new Error(listed.error.message);
  if (settled(listed.value)) {
    process.stdout.write(JSON.stringify(listed.value));
    core.close();
    process.exit(listed.value.every((entry) => entry.targets.every((target) => target.state === 'posted')) ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
