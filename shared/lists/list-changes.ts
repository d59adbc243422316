/**
 * One list protocol for every list the core keeps and a window shows (the timeline now;
 * conversations, the inbox and the archive later): the items go over the bridge once, then only
 * what changed, as changes that turn the list the renderer holds into the core's.
 *
 * - remove: these keys are gone (or moved: a moved item is removed and inserted again);
 * - insert: these items, in order, right after the item with key `after` (null: at the top);
 * - update: these items replace the ones with their keys, in place.
 * Applied in the order given, every `after` names an item the list holds by then.
 */
export type ListChange<T> = { op: 'remove'; keys: string[] } | { op: 'insert'; after: string | null; items: T[] } | { op: 'update'; items: T[] };

/** What the sender remembers of the list it sent: keys in order, and a fingerprint of each item. */
export interface SentList {
  keys: readonly string[];
  prints: ReadonlyMap<string, string>;
}

/** Indices (into `values`) of a longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index in values of the smallest tail of an increasing run of length k+1
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]!]! < values[i]!) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

/**
 * The changes from the list sent before to `items`. Items that stay keep their relative order
 * (the longest run of them that did); the rest are removed and inserted where they now are.
 */
export function diffList<T>(before: SentList, items: readonly T[], keyOf: (item: T) => string, printOf: (item: T) => string): ListChange<T>[] {
  const oldIndex = new Map(before.keys.map((key, index) => [key, index]));
  const keys = items.map(keyOf);
  const common = keys.flatMap((key, index) => (oldIndex.has(key) ? [index] : []));
  const keptPositions = longestIncreasing(common.map((index) => oldIndex.get(keys[index]!)!));
  const stays = new Set(common.filter((_, position) => keptPositions.has(position)));

  const newKeys = new Set(keys);
  const gone = before.keys.filter((key) => !newKeys.has(key));
  const moved = common.filter((index) => !stays.has(index)).map((index) => keys[index]!);
  const changes: ListChange<T>[] = [];
  if (gone.length + moved.length > 0) changes.push({ op: 'remove', keys: [...gone, ...moved] });

  const updated: T[] = [];
  let run: { after: string | null; items: T[] } | null = null;
  items.forEach((item, index) => {
    if (stays.has(index)) {
      if (run) changes.push({ op: 'insert', ...run });
      run = null;
      if (before.prints.get(keys[index]!) !== printOf(item)) updated.push(item);
      return;
    }
    run ??= { after: index === 0 ? null : keys[index - 1]!, items: [] };
    run.items.push(item);
  });
  if (run) changes.push({ op: 'insert', ...(run as { after: string | null; items: T[] }) });
  if (updated.length > 0) changes.push({ op: 'update', items: updated });
  return changes;
}

/** The list after `changes` (a new array; items not changed are the same objects). Throws when a change names an item the list does not hold: the caller then asks for the whole list. */
export function applyChanges<T>(items: readonly T[], changes: readonly ListChange<T>[], keyOf: (item: T) => string): T[] {
  let list = [...items];
  for (const change of changes) {
    if (change.op === 'remove') {
      const gone = new Set(change.keys);
      list = list.filter((item) => !gone.has(keyOf(item)));
    } else if (change.op === 'insert') {
      const at = change.after === null ? 0 : list.findIndex((item) => keyOf(item) === change.after) + 1;
      if (at === 0 && change.after !== null) throw new Error(`list change: no item ${change.after} to insert after`);
      list.splice(at, 0, ...change.items);
    } else {
      const replacing = new Map(change.items.map((item) => [keyOf(item), item]));
      list = list.map((item) => replacing.get(keyOf(item)) ?? item);
    }
  }
  return list;
}
