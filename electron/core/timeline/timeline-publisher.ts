/**
 * The timeline as the windows hold it: every view is numbered, and after the first one a window
 * gets only what changed (the list protocol, shared/lists/list-changes.ts), never the whole view
 * again. All windows share one sequence: a change goes to every window as timeline.changed, and a
 * window that missed one asks for the whole view.
 */
import type { TimelineChanges, TimelineView } from '../../../shared/contract.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { diffList } from '../../../shared/lists/list-changes.ts';
import { itemKey } from '../../../shared/timeline/item-key.ts';
import { postKey } from '../../../shared/domain/post-key.ts';
import type { MergedView } from './timeline-service.ts';

type Item = TimelineView['items'][number];

export interface TimelinePublisherDeps {
  view: () => MergedView;
  /** Every window hears this (the hosts forward it). */
  changed: (changes: TimelineChanges) => void;
}

export function createTimelinePublisher({ view, changed }: TimelinePublisherDeps) {
  let version = 0;
  let sent: readonly Item[] = [];
  let sentStatus = '';
  // A post's JSON is worked out once: the same post object comes back in every view until it changes.
  const postPrints = new WeakMap<Post, string>();
  const printOf = (item: Item) =>
    item.posts.map((post) => postPrints.get(post) ?? postPrints.set(post, JSON.stringify(post)).get(post)!).join('\n') + (item.sent ? `\nsent ${item.sent.parts}` : '');
  const same = (before: Item, now: Item) => printOf(before) === printOf(now);

  /** Brings the numbered view up to date: when anything changed, tells every window. */
  function publish(): { whole: MergedView; changes: TimelineChanges } {
    const whole = view();
    const changes = diffList(sent, whole.items, itemKey, same);
    const status = JSON.stringify([whole.accounts, whole.gaps, whole.hasMore]);
    const from = version;
    if (changes.length > 0 || status !== sentStatus) {
      version += 1;
      sent = whole.items;
      sentStatus = status;
    }
    const answer: TimelineChanges = { from, to: version, changes, accounts: whole.accounts, gaps: whole.gaps, hasMore: whole.hasMore };
    if (version !== from) changed(answer);
    return { whole, changes: answer };
  }

  return {
    /** What changed since the last view or change: answered to the caller, and sent to every window. */
    changes: (): TimelineChanges => publish().changes,

    /**
     * The whole view, numbered; with `limit`, only the newest `limit` items (and `limit` more past
     * the item holding `through`, the reading position), marked incomplete when cut.
     */
    view(limit?: number, through?: string): TimelineView {
      const { whole } = publish();
      const at = through === undefined ? -1 : whole.items.findIndex((item) => item.posts.some((post) => postKey(post) === through));
      const count = limit === undefined ? Infinity : Math.max(limit, at + 1 + limit);
      if (whole.items.length <= count) return { ...whole, version, complete: true };
      const items = whole.items.slice(0, count);
      const shown = new Set(items.flatMap((item) => item.posts.map(postKey)));
      return { ...whole, items, gaps: whole.gaps.filter((gap) => shown.has(gap.after)), hasMore: true, version, complete: false };
    },
  };
}

export type TimelinePublisher = ReturnType<typeof createTimelinePublisher>;
