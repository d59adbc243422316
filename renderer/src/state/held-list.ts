import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { applyChanges, type ListChange } from '../../../shared/lists/list-changes.ts';

/** A numbered view of a list the core keeps (the list protocol, shared/lists/list-changes.ts). */
interface NumberedView {
  version: number;
  /** Every item is here (false: only the newest, for the first paint). */
  complete: boolean;
}

interface NumberedChanges<Item> {
  from: number;
  to: number;
  changes: ListChange<Item>[];
}

interface HeldListOptions<View extends NumberedView, Item, Changes extends NumberedChanges<Item>> {
  queryKey: QueryKey;
  /** Asks the core for the whole view. */
  whole: () => Promise<View>;
  itemsOf: (view: View) => readonly Item[];
  keyOf: (item: Item) => string;
  /** The held view with `items` and the rest of `changes` (the status sent with them), at version `changes.to`. */
  withChanges: (held: View, items: Item[], changes: Changes) => View;
}

/**
 * A list as this window holds it: the core sends a numbered view once, then only what changed
 * (its event, and the answers of the calls that change it). A change for the held version is
 * applied; one already held is ignored; anything else (a change missed, a view still cut for the
 * first paint) asks for the whole view again, or, where no screen shows the list, forgets it until
 * one does.
 */
export function heldList<View extends NumberedView, Item, Changes extends NumberedChanges<Item>>(client: QueryClient, options: HeldListOptions<View, Item, Changes>) {
  const { queryKey, whole, itemsOf, keyOf, withChanges } = options;
  const hold = (view: View) => client.setQueryData<View>(queryKey, (held) => (held && held.version > view.version ? held : view));
  const fetchWhole = async () => hold(await whole());
  const shown = () => (client.getQueryCache().find({ queryKey, exact: true })?.getObserversCount() ?? 0) > 0;
  const missed = async () => {
    if (shown()) await fetchWhole();
    else client.removeQueries({ queryKey, exact: true });
  };
  return {
    fetchWhole,
    apply: async (changes: Changes): Promise<void> => {
      const held = client.getQueryData<View>(queryKey);
      if (!held) return;
      if (held.complete && changes.to <= held.version) return;
      if (!held.complete || changes.from !== held.version) return missed();
      let items: Item[];
      try {
        items = applyChanges(itemsOf(held), changes.changes, keyOf);
      } catch {
        return missed();
      }
      client.setQueryData<View>(queryKey, withChanges(held, items, changes));
    },
  };
}
