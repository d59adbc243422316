/**
 * A core in its own process, for the outbox crash tests. It first resumes what the outbox holds
 * and, once every target has ended, prints one line `settled <outbox JSON>`. Then it reads
 * commands from stdin, one JSON line each: `{"file": DRAFT_FILE, "crashAt"?: "saved" |
 * "media_uploaded"}` sends that draft, killing itself (SIGKILL, no clean-up) the first time the
 * outbox reaches `crashAt`; without a crash it prints `settled …` again and waits for the next.
 * One process both resumes the last trial and crashes in the next, so a trial costs one start.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createCore } from '../../electron/core/core.ts';
import type { OutboxStep } from '../../electron/core/networks/publishing.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import type { Result } from '../../shared/contract.ts';
import type { Draft, OutboxEntry } from '../../shared/domain/draft.ts';

export interface ChildCommand {
  file: string;
  crashAt?: OutboxStep;
}

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: outbox-child.ts DATA_DIR');
let crashAt: OutboxStep | undefined;

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

const ended = (entries: OutboxEntry[]) => entries.every((entry) => entry.targets.every((target) => target.state === 'posted' || target.state === 'failed'));

async function reportWhenSettled(): Promise<void> {
  for (;;) {
    const listed = (await core.dispatch('outbox.list', undefined)) as Result<OutboxEntry[]>;
    if (!listed.ok) throw new Error(listed.error.message);
    if (ended(listed.value)) return void process.stdout.write(`settled ${JSON.stringify(listed.value)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

await reportWhenSettled();
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as ChildCommand;
  crashAt = command.crashAt;
  const sent = await core.dispatch('outbox.send', JSON.parse(readFileSync(command.file, 'utf8')) as Draft);
  if (!sent.ok) process.stdout.write(`refused ${JSON.stringify(sent.error)}\n`);
  await reportWhenSettled();
}
core.close();
