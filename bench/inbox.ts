/**
 * The inbox: 5,000 entries (likes and boosts of your posts, follows, mentions, replies and quotes
 * shown whole) on the real renderer (bench/renderer-page.ts): frames while scrolling at 3,600 and
 * 12,000 px/s and the JS heap after GC; and the cached inbox painted after start through the real
 * browser host and core (its servers unreachable, so only the cache can paint), median of 10.
 */
import type { InboxView } from '../shared/contract.ts';
import type { AccountNotification, NotificationKind } from '../shared/domain/notification.ts';
import { openDatabase } from '../electron/core/store/database.ts';
import { createInboxStore } from '../electron/core/inbox/inbox-store.ts';
import { median, medianFirstPaint, seedCacheForBench } from './first-paint.ts';
import { openRendererPage, sampleImagePath } from './renderer-page.ts';
import { benchAccounts, syntheticTimeline } from './synthetic-timeline.ts';
import { heapAfterGc, scrollAt } from './timeline-scroll.ts';

export interface InboxFigures {
  inbox_5000_scroll_ok_frames_pct: number;
  inbox_5000_scroll_long_frames: number;
  inbox_heap_mb_5000: number;
  inbox_first_paint_ms: number;
}

const entries = 5_000;
const kinds: NotificationKind[] = ['like', 'mention', 'boost', 'reply', 'like', 'follow', 'quote', 'like'];
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Every account's notifications, one each, as the core keeps them. */
function syntheticNotifications(count: number, imageUrl: string | null): AccountNotification[] {
  const posts = syntheticTimeline(count, { seed: 9, imageUrl }).items.map((item) => item.posts[0]!);
  return posts.map((post, index) => {
    const kind = kinds[index % kinds.length]!;
    const accountId = post.seenBy[0]!.accountId;
    const actors = posts.slice(index, index + 1 + (index % 5)).map((other) => other.author);
    return { id: `n${index}`, accountId, network: post.network, kind, reason: kind, actors, count: actors.length + (kind === 'like' ? index % 40 : 0), post: kind === 'follow' ? null : post, at: post.createdAt, mark: post.createdAt };
  });
}

/** The same notifications as the inbox view the renderer gets (one entry each: the worst case for the list). */
function syntheticInbox(count: number): InboxView {
  const notifications = syntheticNotifications(count, sampleImagePath);
  return {
    version: 1,
    entries: notifications.map((n, index) => ({
      key: `${n.kind} ${n.accountId} ${n.id}`,
      kind: n.kind,
      reason: n.reason,
      actors: n.actors,
      count: n.count,
      byNetwork: [{ network: n.network, count: n.count }],
      accountIds: [n.accountId],
      post: n.post,
      at: n.at,
      unread: index < 30,
      parts: [{ accountId: n.accountId, id: n.id }],
    })),
    accounts: benchAccounts.map((account) => ({ accountId: account.id, error: null, unreadable: 0, unread: 0, done: true })),
    unread: 30,
    complete: true,
  };
}

async function scrollAndHeap() {
  const inbox = syntheticInbox(entries);
  const { page, close } = await openRendererPage({
    view: { ...syntheticTimeline(20), version: 1 },
    accounts: benchAccounts,
    inbox,
    path: '/inbox',
    servePictures: true,
    viewport: { width: 1100, height: 900 },
    extraArgs: ['--disable-gpu-vsync', '--disable-frame-rate-limit'],
  });
  try {
    await page.waitForSelector('[data-testid=inbox-entry]');
    const frames: number[] = [];
    for (const speed of [3600, 12_000]) {
      await page.evaluate(() => (document.querySelector<HTMLElement>('[data-testid=inbox]')!.scrollTop = 0));
      frames.push(...(await scrollAt(page, speed, 8, '[data-testid=inbox]')).frames);
    }
    return {
      inbox_5000_scroll_ok_frames_pct: round((100 * frames.filter((f) => f <= 16.7).length) / frames.length, 2),
      inbox_5000_scroll_long_frames: frames.filter((f) => f > 50).length,
      inbox_heap_mb_5000: round(await heapAfterGc(page)),
    };
  } finally {
    await close();
  }
}

/** The first paint's data folder, with 1,250 notifications kept for each of the four accounts. */
export function seedInbox(dataDir: string): void {
  seedCacheForBench(dataDir);
  const db = openDatabase(dataDir);
  const store = createInboxStore(db);
  const notifications = syntheticNotifications(entries, null);
  for (const account of benchAccounts) {
    const own = notifications.filter((n) => n.accountId === account.id);
    store.save(account.id, { notifications: new Map(own.map((n) => [n.id, n])), cursor: 'older', done: false, readMark: own[20]?.mark ?? null }, own);
  }
  db.close();
}

/** The cached inbox painted after start (median of 10 reloads of #/inbox). */
const firstPaint = async () => median(await medianFirstPaint(seedInbox, '[data-testid=inbox-entry]', '/inbox'));

export async function measureInbox(): Promise<InboxFigures> {
  return { ...(await scrollAndHeap()), inbox_first_paint_ms: await firstPaint() };
}

if (import.meta.main) console.log(await measureInbox());
