/**
 * B6 first_paint_ms: from the renderer's start (navigation) to the cached timeline painted, with
 * the real browser host and core on a data folder whose cache holds 300 posts for each of four
 * accounts (their servers unreachable, so only the cache can paint). Median of 10 page loads,
 * each timed from navigation to the first post painted, each finding the core idle.
 */
import { chromium } from '@playwright/test';
import { postKey } from '../shared/domain/post.ts';
import { join } from 'node:path';
import { accountSecrets } from '../electron/core/base/account-secrets.ts';
import { blueskyCredentialsSchema } from '../electron/core/networks/bluesky/credentials.ts';
import { mastodonCredentialsSchema } from '../electron/core/networks/mastodon/credentials.ts';
import { saveAccount } from '../electron/core/accounts/registry.ts';
import { fileKeyCipher } from '../electron/core/core.ts';
import { createFileSecretStore } from '../electron/core/secrets/secret-store.ts';
import { openDatabase } from '../electron/core/store/database.ts';
import { createTimelineCache } from '../electron/core/timeline/timeline-cache.ts';
import { chromiumArgs, chromiumPath } from '../playwright.config.ts';
import { startHostProcess } from '../tests/support/browser-host-process.ts';
import { tempDir } from '../tests/support/temp-dir.ts';
import { benchAccounts, syntheticTimeline } from './synthetic-timeline.ts';

const loads = 10;

export function seedCacheForBench(dataDir: string) {
  const db = openDatabase(dataDir);
  const cache = createTimelineCache(db);
  const secrets = createFileSecretStore(join(dataDir, 'secrets.json'), fileKeyCipher(dataDir));
  const unreachable = 'http://127.0.0.1:9';
  const posts = syntheticTimeline(1200, { seed: 5 }).items.map((item) => item.posts[0]!);
  for (const account of benchAccounts) {
    saveAccount(db, { ...account, server: unreachable, limits: undefined });
    if (account.network === 'mastodon') {
      accountSecrets(secrets, mastodonCredentialsSchema).write(account.id, { network: 'mastodon', origin: unreachable, clientId: 'bench', clientSecret: 'bench', accessToken: 'bench' });
    } else {
      const session = { did: `did:plc:${account.id}`, handle: account.handle, accessJwt: 'bench', refreshJwt: 'bench', active: true };
      accountSecrets(secrets, blueskyCredentialsSchema).write(account.id, { network: 'bluesky', service: unreachable, session });
    }
    const own = posts.filter((post) => post.seenBy.some((s) => s.accountId === account.id) || post.network === account.network).slice(0, 300);
    cache.save(account.id, { posts: own.map((post) => ({ ...post, seenBy: [{ ...post.seenBy[0]!, accountId: account.id }] })), cursor: null, done: false, pageEnds: new Map([[postKey(own.at(-1)!), 'older']]), gaps: new Set() });
  }
  db.close();
}

/**
 * Median of `loads` page loads of Braid on a prepared data folder, each timed from navigation to
 * the first `selector` painted, each finding the core idle (the last page's work is over); `path`
 * is the address opened (after `#`).
 */
export async function medianFirstPaint(seed: (dataDir: string) => void, selector: string, path = '/'): Promise<number[]> {
  const dir = tempDir('bench-first-paint');
  seed(dir.path);
  const host = await startHostProcess({ dataDir: dir.path });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.addInitScript((wanted) => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector(wanted)) return;
        observer.disconnect();
        requestAnimationFrame(() => ((window as unknown as { __painted: number }).__painted = performance.now()));
      }).observe(document, { childList: true, subtree: true });
    }, selector);
    const paintedAt = async () => Number(await (await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted)).jsonValue());
    await page.goto(await host.newLaunchUrl()); // the launch link opens the session (and lands on home)
    await page.goto(`${host.origin}/#${path}`);
    await paintedAt();
    const runs: number[] = [];
    for (let i = 0; i < loads; i++) {
      await page.waitForTimeout(3000);
      await page.reload(); // (a goto to the same address would only be a hash change)
      runs.push(await paintedAt());
    }
    return runs;
  } finally {
    await browser.close();
    await host.stop();
    dir.remove();
  }
}

export const median = (runs: readonly number[]) => {
  const sorted = [...runs].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2);
};

export async function measureFirstPaint(): Promise<{ first_paint_ms: number; first_paint_runs_ms: number[] }> {
  const runs = await medianFirstPaint(seedCacheForBench, 'article[data-index]');
  return { first_paint_ms: median(runs), first_paint_runs_ms: runs.map(Math.round) };
}

if (import.meta.main) console.log(await measureFirstPaint());
