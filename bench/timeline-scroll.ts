/**
 * B1–B5 on the real renderer with 5,000 merged posts (bench/renderer-page.ts): scrolling frame
 * times and DOM size, JS heap after GC, and what 140 newly arrived posts do to the post being read.
 */
import type { Page } from '@playwright/test';
import { openRendererPage, sampleImagePath } from './renderer-page.ts';
import { benchAccounts, syntheticTimeline } from './synthetic-timeline.ts';

export interface ScrollFigures {
  scroll_ok_frames_pct: number;
  scroll_long_frames: number;
  scroll_max_dom_nodes: number;
  scroll_frames: number;
  heap_mb_5000: number;
  prepend_shift_px: number;
  prepend_update_ms: number;
}

const posts = 5000;
const newPosts = 140;
const readingIndex = 500;

/** Scrolls the timeline (or the element `selector` names) at `pxPerSecond` for `seconds`, one step per frame; frame times and DOM size. */
export function scrollAt(page: Page, pxPerSecond: number, seconds: number, selector = '[data-testid=timeline]') {
  return page.evaluate(
    ({ pxPerSecond, seconds, selector }) =>
      new Promise<{ frames: number[]; maxNodes: number }>((resolve) => {
        const scroller = document.querySelector<HTMLElement>(selector)!;
        const frames: number[] = [];
        let maxNodes = 0;
        let last = performance.now();
        const end = last + seconds * 1000;
        const step = (now: number) => {
          frames.push(now - last);
          scroller.scrollTop += (pxPerSecond * (now - last)) / 1000;
          last = now;
          if (frames.length % 10 === 0) maxNodes = Math.max(maxNodes, document.getElementsByTagName('*').length);
          if (now < end) requestAnimationFrame(step);
          else resolve({ frames: frames.slice(1), maxNodes });
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(step);
        });
      }),
    { pxPerSecond, seconds, selector },
  );
}

export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

/** Post #500 on screen, 140 posts arrive: how far it moved, and how long the update took. */
async function prepend(page: Page, next: ReturnType<typeof syntheticTimeline>) {
  // Handing the page 5,000 posts costs Playwright a long pause: do it before measuring.
  await page.evaluate((view) => void ((window as unknown as { __next: unknown }).__next = view), next);
  await page.evaluate(async (index) => {
    const scroller = document.querySelector<HTMLElement>('[data-testid=timeline]')!;
    scroller.scrollTop = 0;
    // Steps shorter than the viewport, so the row cannot be jumped over; rows render in React's
    // batch, so each step waits a frame for them.
    for (let row = document.querySelector(`[data-index="${index}"]`); !row; row = document.querySelector(`[data-index="${index}"]`)) {
      const before = scroller.scrollTop;
      scroller.scrollTop += scroller.clientHeight - 100;
      await new Promise(requestAnimationFrame);
      if (scroller.scrollTop === before) throw new Error(`post #${index} never came into view`);
    }
    document.querySelector(`[data-index="${index}"]`)!.scrollIntoView({ block: 'start' });
    scroller.scrollTop -= 120;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, readingIndex);
  return page.evaluate(
    ([index, added]) =>
      new Promise<{ shift: number; ms: number }>((resolve) => {
        const w = window as unknown as { __next: { items: unknown[]; accounts: unknown; hasMore: boolean }; __braidSetView(view: unknown): void; __braidEmit(event: string, payload: unknown): void };
        const reading = document.querySelector(`[data-index="${index}"]`)!;
        const key = reading.getAttribute('data-key');
        const before = reading.getBoundingClientRect().top;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[data-testid=new-posts]')) return;
          observer.disconnect();
          const ms = performance.now() - started;
          requestAnimationFrame(() => {
            const same = [...document.querySelectorAll('article[data-key]')].find((a) => a.getAttribute('data-key') === key);
            resolve({ shift: Math.abs((same ?? reading).getBoundingClientRect().top - before), ms });
          });
        });
        observer.observe(document.body, { childList: true, subtree: true });
        w.__braidSetView({ ...w.__next, version: 2 });
        const inserted = { op: 'insert', after: null, items: w.__next.items.slice(0, added) };
        w.__braidEmit('timeline.changed', { from: 1, to: 2, changes: [inserted], accounts: w.__next.accounts, gaps: [], hasMore: w.__next.hasMore });
      }),
    [readingIndex, newPosts] as const,
  );
}

export async function measureTimelineScroll(): Promise<ScrollFigures> {
  const later = syntheticTimeline(posts + newPosts, { imageUrl: sampleImagePath, seed: 11 });
  const view = { ...later, items: later.items.slice(newPosts) };
  const { page, close } = await openRendererPage({
    view,
    accounts: benchAccounts,
    viewport: { width: 1100, height: 900 },
    extraArgs: ['--disable-gpu-vsync', '--disable-frame-rate-limit'],
  });
  try {
    await page.waitForSelector('[data-testid=post]');
    const frames: number[] = [];
    let maxNodes = 0;
    for (const speed of [3600, 12_000]) {
      await page.evaluate(() => (document.querySelector<HTMLElement>('[data-testid=timeline]')!.scrollTop = 0));
      const run = await scrollAt(page, speed, 8);
      frames.push(...run.frames);
      maxNodes = Math.max(maxNodes, run.maxNodes);
    }
    const heap = await heapAfterGc(page);
    const arrival = await prepend(page, later);
    const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
    return {
      scroll_ok_frames_pct: round((100 * frames.filter((f) => f <= 16.7).length) / frames.length, 2),
      scroll_long_frames: frames.filter((f) => f > 50).length,
      scroll_max_dom_nodes: maxNodes,
      scroll_frames: frames.length,
      heap_mb_5000: round(heap),
      prepend_shift_px: round(arrival.shift),
      prepend_update_ms: round(arrival.ms),
    };
  } finally {
    await close();
  }
}

if (import.meta.main) console.log(await measureTimelineScroll());
