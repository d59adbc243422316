/**
 * Conversations and the picture viewer on the real renderer (bench/renderer-page.ts, data already
 * fetched): a 500-reply conversation painted (median of 10 opens), scrolled at 3,600 px/s, and a
 * cached picture shown full size after the click (median of 10). The requests one open makes per
 * copy are counted on a Mastodon test server through the real core.
 */
import type { Page } from '@playwright/test';
import type { Conversation, ConversationNode } from '../shared/domain/conversation.ts';
import { postKey } from '../shared/domain/post.ts';
import { startMastodonServer } from '../tests/servers/mastodon/index.ts';
import { startCore } from '../tests/support/core-harness.ts';
import { signInMastodon } from '../tests/support/mastodon-user.ts';
import { openRendererPage, sampleImagePath } from './renderer-page.ts';
import { benchAccounts, syntheticTimeline } from './synthetic-timeline.ts';
import { scrollAt } from './timeline-scroll.ts';

export interface ConversationFigures {
  thread_500_paint_ms: number;
  thread_500_scroll_ok_frames_pct: number;
  thread_500_scroll_long_frames: number;
  thread_open_requests: number;
  viewer_open_ms: number;
}

const replies = 500;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The timeline's first post, then 500 replies: direct ones, each with a short branch under it (depth 1 to 3). */
function syntheticConversation(): { view: ReturnType<typeof syntheticTimeline>; conversation: Conversation } {
  const view = syntheticTimeline(replies + 1, { imageUrl: sampleImagePath, seed: 5 });
  const [focus, ...rest] = view.items.map((item) => item.posts[0]!);
  const nodes: ConversationNode[] = [{ key: postKey(focus!), posts: [focus!], missing: null, role: 'focus', depth: 0, parent: null, descendants: replies }];
  let parent = postKey(focus!);
  rest.forEach((post, index) => {
    const depth = (index % 3) + 1;
    if (depth === 1) parent = postKey(focus!);
    nodes.push({ key: postKey(post), posts: [post], missing: null, role: 'reply', depth, parent, descendants: depth === 1 ? 2 : 3 - depth });
    parent = postKey(post);
  });
  return { view: { ...view, items: view.items.slice(0, 40) }, conversation: { nodes, copies: [{ accountId: 'm1', key: postKey(focus!), error: null }] } };
}

/** Click → the conversation's replies in the DOM and one frame painted, in the page's own clock. */
function openOnce(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid=post] [data-action=open]')!;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('[data-testid=conversation] [data-role=reply]').length < 5) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        button.click();
      }),
  );
}

async function closeConversation(page: Page) {
  await page.getByTestId('conversation').getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('conversation').waitFor({ state: 'detached' });
}

/** Click on a cached thumbnail → the viewer's full picture decoded and painted. */
function viewOnce(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid=timeline] .post-body-media-open')!;
        const started = performance.now();
        const poll = () => {
          const image = document.querySelector<HTMLImageElement>('.viewer-image');
          if (image?.complete && image.naturalWidth > 0) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
          else if (performance.now() - started > 10_000) resolve(Number.NaN); // never shown: the figure says so
          else requestAnimationFrame(poll);
        };
        button.click();
        requestAnimationFrame(poll);
      }),
  );
}

async function openRequestsPerCopy(): Promise<number> {
  const server = await startMastodonServer();
  const braid = startCore();
  try {
    server.addUser({ username: 'amy', password: 'amy-password-1' });
    server.addUser({ username: 'bob', password: 'bob-password-1' });
    server.follow('amy', 'bob');
    const root = server.post('bob', { text: 'A question for everyone' });
    for (let i = 0; i < 20; i++) server.post('amy', { text: `Answer ${i}`, inReplyToId: root.id });
    await signInMastodon(braid, server, 'amy', 'amy-password-1');
    await braid.value('timeline.refresh');
    const before = server.requests.length;
    await braid.value('conversation.open', { keys: [postKey({ network: 'mastodon', uri: root.uri })] });
    // The live stream the timeline opened meanwhile is not the conversation's.
    return server.requests.slice(before).filter((request) => !request.path.startsWith('/api/v1/streaming')).length;
  } finally {
    braid.close();
    await server.close();
  }
}

export async function measureConversation(): Promise<ConversationFigures> {
  const { view, conversation } = syntheticConversation();
  const { page, close } = await openRendererPage({ view, accounts: benchAccounts, conversation, servePictures: true, viewport: { width: 1400, height: 900 }, extraArgs: ['--disable-gpu-vsync', '--disable-frame-rate-limit'] });
  try {
    await page.waitForSelector('[data-testid=post]');
    await openOnce(page); // the first open fetches; the ten measured paint what is cached
    await closeConversation(page);
    const paints: number[] = [];
    for (let i = 0; i < 10; i++) {
      paints.push(await openOnce(page));
      await closeConversation(page);
    }
    await openOnce(page);
    const { frames: scroll } = await scrollAt(page, 3600, 8, '[data-testid=conversation-scroller]');

    await closeConversation(page);
    await page.locator('[data-testid=timeline] .post-body-media-open').first().scrollIntoViewIfNeeded();
    const views: number[] = [];
    for (let i = 0; i < 11; i++) {
      const ms = await viewOnce(page);
      if (i > 0) views.push(ms); // the first loads the picture; the rest show it from the cache
      await page.keyboard.press('Escape');
      await page.locator('.viewer').waitFor({ state: 'detached' });
    }
    return {
      thread_500_paint_ms: round(median(paints)),
      thread_500_scroll_ok_frames_pct: round((100 * scroll.filter((f) => f <= 16.7).length) / scroll.length, 2),
      thread_500_scroll_long_frames: scroll.filter((f) => f > 50).length,
      thread_open_requests: await openRequestsPerCopy(),
      viewer_open_ms: round(median(views)),
    };
  } finally {
    await close();
  }
}

if (import.meta.main) console.log(await measureConversation());
