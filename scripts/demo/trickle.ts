/**
 * Live posts while the demo runs: every ~20 s a sample person posts on their network, so that
 * Braid's live updates (Mastodon streaming, Bluesky polling) have something to show.
 */
import { createLivePosts, type PlannedPost } from './plan.ts';
import type { Random } from './random.ts';

export interface Trickle {
  stop(): void;
}

export interface TrickleOptions {
  random: Random;
  /** Milliseconds between posts, give or take a quarter. */
  everyMs: number;
  post: (planned: PlannedPost) => Promise<void>;
  onError: (error: unknown) => void;
}

export function startTrickle({ random, everyMs, post, onError }: TrickleOptions): Trickle {
  const livePost = createLivePosts(random);
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      post(livePost(`live-${++count}`, new Date()))
        .catch(onError)
        .finally(schedule);
    }, everyMs * (0.75 + random.next() / 2));
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
