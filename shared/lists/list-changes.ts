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
 * `same` says whether an item that kept its key is unchanged. The runs at both ends where each
 * item is the one sent (the same object, or the same key and `same`) or that item changed in
 * place are passed over first, so new posts on top of a long timeline, or a post edited far down
 * it, cost what they are rather than what the timeline holds.
 */
export function diffList<T>(before: readonly T[], items: readonly T[], keyOf: (item: T) => string, same: (before: T, now: T) => boolean): ListChange<T>[] {
  const updated: T[] = [];
  /** Whether the item sent at `was` is at `now` still (when changed, it is sent as an update). */
  const kept = (was: number, now: number) => {
    const [sentItem, item] = [before[was]!, items[now]!];
    if (sentItem === item) return true;
    if (keyOf(sentItem) !== keyOf(item)) return false;
    if (!same(sentItem, item)) updated.push(item);
    return true;
  };
  let head = 0;
  while (head < before.length && head < items.length && kept(head, head)) head++;
  let tail = 0;
  while (tail < before.length - head && tail < items.length - head && kept(before.length - 1 - tail, items.length - 1 - tail)) tail++;

  const above = head === 0 ? null : keyOf(items[head - 1]!);
  const changes = structuralChanges(before.slice(head, before.length - tail), items.slice(head, items.length - tail), above, keyOf, (item) => updated.push(item), same);
  if (updated.length > 0) changes.push({ op: 'update', items: updated });
  return changes;
}

/** The removes and inserts that turn `before` into `items`, where the item above both is `above` (null: the top); items kept but changed go to `changed`. */
function structuralChanges<T>(
  before: readonly T[],
  items: readonly T[],
  above: string | null,
  keyOf: (item: T) => string,
  changed: (item: T) => void,
  same: (before: T, now: T) => boolean,
): ListChange<T>[] {
  const oldIndex = new Map(before.map((item, index) => [keyOf(item), index]));
  const keys = items.map(keyOf);
  const common = keys.flatMap((key, index) => (oldIndex.has(key) ? [index] : []));
  const keptPositions = longestIncreasing(common.map((index) => oldIndex.get(keys[index]!)!));
  const stays = new Set(common.filter((_, position) => keptPositions.has(position)));

  const newKeys = new Set(keys);
  const gone = [...oldIndex.keys()].filter((key) => !newKeys.has(key));
  const moved = common.filter((index) => !stays.has(index)).map((index) => keys[index]!);
  const changes: ListChange<T>[] = [];
  if (gone.length + moved.length > 0) changes.push({ op: 'remove', keys: [...gone, ...moved] });

  let run: { after: string | null; items: T[] } | null = null;
  items.forEach((item, index) => {
    if (stays.has(index)) {
      if (run) changes.push({ op: 'insert', ...run });
      run = null;
      const sentItem = before[oldIndex.get(keys[index]!)!]!;
      if (sentItem !== item && !same(sentItem, item)) changed(item);
      return;
    }
    run ??= { after: index === 0 ? above : keys[index - 1]!, items: [] };
    run.items.push(item);
  });
  if (run) changes.push({ op: 'insert', ...(run as { after: string | null; items: T[] }) });
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
