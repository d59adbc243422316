/**
 * A list as the windows hold it (the list protocol, shared/lists/list-changes.ts): every version
 * is numbered, and after the first a window gets only what changed, never the whole list again.
 * All windows share one sequence: each change goes to every window, and a window that missed one
 * asks for the whole list. `status` is the small rest of the view (per-account state, counts),
 * sent whole with every change.
 */
import { diffList, type ListChange } from '../../../shared/lists/list-changes.ts';

export interface PublishedChanges<Item, Status> {
  from: number;
  to: number;
  changes: ListChange<Item>[];
  status: Status;
}

export interface ListPublisherDeps<Item, Status> {
  keyOf: (item: Item) => string;
  /** Whether an item that kept its key is unchanged. */
  same: (before: Item, now: Item) => boolean;
  /** Every window hears this (the hosts forward it). */
  changed: (changes: PublishedChanges<Item, Status>) => void;
}

export function createListPublisher<Item, Status>({ keyOf, same, changed }: ListPublisherDeps<Item, Status>) {
  let version = 0;
  let sent: readonly Item[] = [];
  let sentStatus = '';
  return {
    version: () => version,
    /** Brings the numbered list up to `items`: when anything changed, tells every window. */
    publish(items: readonly Item[], status: Status): PublishedChanges<Item, Status> {
      const changes = diffList(sent, items, keyOf, same);
      const statusPrint = JSON.stringify(status);
      const from = version;
      if (changes.length > 0 || statusPrint !== sentStatus) {
        version += 1;
        sent = items;
        sentStatus = statusPrint;
      }
      const answer = { from, to: version, changes, status };
      if (version !== from) changed(answer);
      return answer;
    },
  };
}

