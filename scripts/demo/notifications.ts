/**
 * Notifications for the demo's own accounts, so the inbox and desktop notifications have
 * something to show: at start a few people have mentioned and followed each account; while the
 * demo runs, a mention or a follow arrives now and then.
 */
import type { MastodonTestServer } from '../../tests/servers/mastodon/index.ts';
import { blueskyHandle, demoAccounts, people, type DemoAccount, type MastodonServerName, type Person } from './people.ts';
import type { Random } from './random.ts';

const lines = [
  'what do you think of this?',
  'thanks for the tip about the bakery!',
  'are you coming to the meetup on Saturday?',
  'I saved you a seat at the talk.',
  'your photo from yesterday made my day.',
  'did you try the new cycle path yet?',
];

export interface NotificationTargets {
  mastodon: Record<MastodonServerName, MastodonTestServer>;
  bluesky: { mention(from: string, to: string, text: string, at: Date): Promise<void>; follow(from: string, to: string): Promise<void> };
}

/** Who can reach the account: people with a user on its Mastodon server, or on Bluesky. */
const neighboursOf = (account: DemoAccount): Person[] =>
  people.filter((p) => (account.network === 'bluesky' ? p.home.kind === 'bluesky' && !p.home.bridged : p.home.kind === 'mastodon-local' && p.home.server === account.server));

export function createDemoNotifications(targets: NotificationTargets, random: Random) {
  async function notify(account: DemoAccount, from: Person, kind: 'mention' | 'follow', at = new Date()): Promise<void> {
    const line = lines[random.int(0, lines.length - 1)]!;
    if (account.network === 'mastodon') {
      const server = targets.mastodon[account.server ?? 'one'];
      if (kind === 'mention') server.post(from.key, { text: `@${account.username} ${line}`, createdAt: at });
      else server.follow(from.key, account.username, at);
      return;
    }
    if (kind === 'mention') await targets.bluesky.mention(blueskyHandle(from), account.username, line, at);
    else await targets.bluesky.follow(blueskyHandle(from), account.username);
  }

  const pick = <T>(list: readonly T[]) => list[random.int(0, list.length - 1)]!;

  return {
    /** Two mentions and a follow for every demo account that has neighbours, from the last few
     *  hours (below the newest posts of the timeline, which the first screen shows). */
    async seed(): Promise<void> {
      const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
      for (const account of demoAccounts) {
        const near = neighboursOf(account);
        if (near.length === 0) continue;
        await notify(account, pick(near), 'mention', hoursAgo(3 + random.next() * 3));
        await notify(account, pick(near), 'mention', hoursAgo(6 + random.next() * 3));
        await notify(account, pick(near), 'follow', hoursAgo(2));
      }
    },
    /** One mention (or, one time in four, a follow) for a demo account picked at random. */
    async next(): Promise<void> {
      const account = pick(demoAccounts.filter((a) => neighboursOf(a).length > 0));
      await notify(account, pick(neighboursOf(account)), random.chance(0.25) ? 'follow' : 'mention');
    },
  };
}
