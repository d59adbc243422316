/**
 * The timeline as the windows hold it (electron/core/lists/list-publisher.ts): a numbered view
 * once, then only what changed, to every window as timeline.changed.
 */
import type { TimelineChanges, TimelineView } from '../../../shared/contract.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { itemKey } from '../../../shared/timeline/item-key.ts';
import { postKey } from '../../../shared/domain/post-key.ts';
import { createListPublisher } from '../lists/list-publisher.ts';
import { oncePerObject } from '../../../shared/once-per-object.ts';
import type { MergedView } from './timeline-service.ts';

type Item = TimelineView['items'][number];
type Status = Pick<MergedView, 'accounts' | 'gaps' | 'hasMore'>;

export interface TimelinePublisherDeps {
  view: () => MergedView;
  /** Every window hears this (the hosts forward it). */
  changed: (changes: TimelineChanges) => void;
}

export function createTimelinePublisher({ view, changed }: TimelinePublisherDeps) {
  const printOf = oncePerObject((post: Post) => JSON.stringify(post));
  const itemPrint = (item: Item) => item.posts.map(printOf).join('\n') + (item.sent ? `\nsent ${item.sent.parts}` : '');
  const list = createListPublisher<Item, Status>({
    keyOf: itemKey,
    same: (before, now) => itemPrint(before) === itemPrint(now),
    changed: ({ status, ...changes }) => changed({ ...changes, ...status }),
  });

  function publish(): { whole: MergedView; changes: TimelineChanges } {
    const whole = view();
    const { status, ...changes } = list.publish(whole.items, { accounts: whole.accounts, gaps: whole.gaps, hasMore: whole.hasMore });
    return { whole, changes: { ...changes, ...status } };
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
      const version = list.version();
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
