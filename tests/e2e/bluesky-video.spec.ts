/**
 * A Bluesky video plays in Chromium through hls.js: the local network holds a post with an
 * app.bsky.embed.video record; its app view points the playlist and thumbnail at itself
 * (/vid/<did>/<cid>/…), which serves none, so this test answers those addresses with a real HLS
 * playlist (fragmented MP4, made once with ffmpeg from the demo's clip, in tests/support/bluesky-video/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtpAgent } from '@atproto/api';
import { startBlueskyNetwork, type BlueskyNetwork } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { blueskyHostEnv, signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, reveal, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('bluesky-video-e2e');
const files = join(import.meta.dirname, '..', 'support', 'bluesky-video');
const file = (name: string) => readFileSync(join(files, name));
const contentTypes: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', mp4: 'video/mp4', m4s: 'video/iso.segment', jpg: 'image/jpeg' };
let bluesky: BlueskyNetwork;
let host: RunningHost;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  bluesky = await startBlueskyNetwork();
  const filmer = await bluesky.createUser({ handle: 'filmer.test', displayName: 'Fil Mer' });
  const reader = await bluesky.createUser({ handle: 'reader-video.test' });
  const agentOf = async (user: typeof filmer) => {
    const agent = new AtpAgent({ service: bluesky.pdsUrl });
    await agent.login({ identifier: user.handle, password: user.appPassword });
    return agent;
  };
  await (await agentOf(reader)).follow(filmer.did);
  const author = await agentOf(filmer);
  // An MP4 as the app would upload it (the init segment and the media segment are one fragmented file).
  const { blob } = (await author.uploadBlob(Buffer.concat([file('init.mp4'), file('segment0.m4s')]), { encoding: 'video/mp4' })).data;
  await author.post({
    text: 'Colour drifting over the bay, on Bluesky',
    embed: { $type: 'app.bsky.embed.video', video: blob, alt: 'Bands of colour drifting across the frame', aspectRatio: { width: 320, height: 180 } },
  });
  await bluesky.processAll();
  await signInAccounts({ dataDir: dataDir.path, bluesky, mastodon: [], blueskyUsers: [reader] });
  // The app view is the one place its playlists come from here: the page may fetch from it, as from video.bsky.app.
  host = await startHostProcess({ dataDir: dataDir.path, env: { ...blueskyHostEnv(bluesky), BRAID_DEMO_IMAGE_ORIGINS: new URL(bluesky.appViewUrl).origin } });
});

test.afterAll(async () => {
  await host?.stop();
  await bluesky?.close();
  dataDir.remove();
});

// This Chromium plays HLS by itself; Electron's and older ones do not, and there hls.js plays it.
for (const player of ['the browser', 'hls.js'] as const) {
  test(`a Bluesky video plays from its poster (HLS played by ${player}), and its time advances`, async ({ page, problems }) => {
    if (player === 'hls.js') {
      await page.addInitScript(() => {
        const canPlayType = HTMLMediaElement.prototype.canPlayType;
        HTMLMediaElement.prototype.canPlayType = function (type: string) {
          return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
        };
      });
    }
    const fetched: string[] = [];
    await page.route(`${new URL(bluesky.appViewUrl).origin}/vid/**`, async (route) => {
      const name = new URL(route.request().url()).pathname.split('/').at(-1)!;
      fetched.push(name);
      if (!['thumbnail.jpg', 'playlist.m3u8', 'init.mp4', 'segment0.m4s'].includes(name)) return route.fulfill({ status: 404 });
      await route.fulfill({ body: file(name), contentType: contentTypes[name.split('.').at(-1)!]!, headers: { 'Access-Control-Allow-Origin': '*' } });
    });
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(await host.newLaunchUrl());
    const post = await reveal(page, 'Colour drifting over the bay');
    await expect(post.locator('[data-network="bluesky"]').first()).toBeVisible();
    await post.getByRole('button', { name: 'Play video: Bands of colour drifting across the frame' }).click();

    const video = post.locator('video');
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.2);
    expect(fetched).toEqual(expect.arrayContaining(['thumbnail.jpg', 'playlist.m3u8', 'init.mp4', 'segment0.m4s']));
    // hls.js plays through Media Source (a blob: source); the browser plays the playlist's address.
    expect(await video.evaluate((element: HTMLVideoElement) => element.src)).toMatch(player === 'hls.js' ? /^blob:/ : /\/playlist\.m3u8$/);
    await screenshot(page, `bluesky-video-${player === 'hls.js' ? 'hlsjs' : 'native'}`);
    expect(problems).toEqual([]);
  });
}
