/**
 * B5 fanout_overhead_ms: a post to 4 accounts (two Mastodon test servers, two accounts on the
 * local Bluesky network, in another process: bench/fanout-servers.ts) whose servers answer after
 * 150 ms (a delaying proxy in front of each),
 * timed from outbox.send to the last target posted, minus the slowest of the same post sent to
 * each account alone. Median of 7 rounds, after one warm-up round.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startCore, type CoreHarness } from '../tests/support/core-harness.ts';
import { draftOf } from '../tests/support/drafts.ts';
import { signInMastodon } from '../tests/support/mastodon-user.ts';
import type { FanoutServers } from './fanout-servers.ts';
import { builtInNetworks } from '../electron/core/networks/registry.ts';
const rounds = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Milliseconds from Send until every target of the draft is posted. */
async function timeSend(braid: CoreHarness, text: string, targets: string[]): Promise<number> {
  const draft = draftOf(text, targets);
  const started = performance.now();
  const done = new Promise<number>((resolve, reject) => {
    const stop = braid.core.events.subscribe((event, payload) => {
      if (event !== 'outbox.changed') return;
      const entry = (payload as { draftId: string; targets: { state: string }[] }[]).find((candidate) => candidate.draftId === draft.id);
      if (!entry) return;
      if (entry.targets.some((target) => target.state === 'failed' || target.state === 'waiting')) reject(new Error(`a target failed: ${JSON.stringify(entry)}`));
      if (entry.targets.every((target) => target.state === 'posted')) {
        stop();
        resolve(performance.now() - started);
      }
    });
  });
  await braid.value('outbox.send', draft);
  return done;
}

export async function measureFanout(): Promise<{ fanout_overhead_ms: number; fanout_total_ms: number; fanout_slowest_single_ms: number }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'fanout-servers.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const servers = JSON.parse(line) as FanoutServers;
  const braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: servers.plcUrl, entryway: servers.pdsUrl } }) });
  try {
    const targets: string[] = [];
    for (const { url, username, password } of servers.mastodon) targets.push(await signInMastodon(braid, { url }, username, password));
    for (const { handle, appPassword } of servers.bluesky) targets.push((await braid.value('accounts.bluesky.signIn', { identifier: handle, password: appPassword })).id);
    await timeSend(braid, 'warm-up', targets);

    const overheads: number[] = [];
    const totals: number[] = [];
    const slowest: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const singles: number[] = [];
      for (const target of targets) singles.push(await timeSend(braid, `alone ${round} ${target}`, [target]));
      const total = await timeSend(braid, `to all four, round ${round}`, targets);
      totals.push(total);
      slowest.push(Math.max(...singles));
      overheads.push(total - Math.max(...singles));
    }
    const round1 = (value: number) => Math.round(value * 10) / 10;
    return { fanout_overhead_ms: round1(median(overheads)), fanout_total_ms: round1(median(totals)), fanout_slowest_single_ms: round1(median(slowest)) };
  } finally {
    braid.close();
    child.stdin.end();
    await once(child, 'exit');
  }
}
