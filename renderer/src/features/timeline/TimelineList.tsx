import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ReadingPosition, TimelineView } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { call } from '../../api.ts';
import { useReadingPosition } from '../../state/timeline.ts';
import { itemKey, itemLabel, PostCard } from './PostCard.tsx';
import { UnshowablePost } from './UnshowablePost.tsx';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { useTimelineKeys } from './use-timeline-keys.ts';

interface Props {
  view: TimelineView;
  accounts: AccountSummary[];
  loadingMore: boolean;
  onLoadMore: () => void;
}

const estimatedPostHeight = 190;

/**
 * The merged timeline as a virtual list: only the posts near the viewport are in the DOM. The
 * post being read never moves: new posts are put above it (the list keeps its anchor) and wait
 * behind the "N new posts" pill.
 */
export function TimelineList({ view, accounts, loadingMore, onLoadMore }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const items = view.items;
  const keys = useMemo(() => items.map(itemKey), [items]);
  const [selected, setSelected] = useState(-1);
  const unseen = useUnseenAbove(keys);

  // Braid does not use the React Compiler; the virtualizer's functions are read fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedPostHeight,
    getItemKey: (index) => keys[index]!,
    overscan: 4,
    // Keyed anchoring: when posts are added above, the post at the top of the viewport stays put.
    anchorTo: 'end',
    followOnAppend: false,
    onChange: (instance) => {
      const top = instance.getVirtualItemForOffset(instance.scrollOffset ?? 0);
      if (!top) return;
      unseen.seeFrom(top.index);
      savePosition({ key: String(top.key), offset: Math.max(0, (instance.scrollOffset ?? 0) - top.start) });
    },
  });
  const savePosition = useSavedPosition(virtualizer, scroller, keys);

  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1)?.index ?? -1;
  useEffect(() => {
    if (view.hasMore && !loadingMore && last >= items.length - 8) onLoadMore();
  }, [last, items.length, view.hasMore, loadingMore, onLoadMore]);

  const select = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(index, items.length - 1));
      setSelected(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus({ preventScroll: true }));
    },
    [items.length, virtualizer],
  );
  const showNew = useCallback(() => {
    unseen.clear();
    virtualizer.scrollToOffset(0);
    setSelected(-1);
  }, [unseen, virtualizer]);
  const firstVisible = useCallback(() => virtualizer.getVirtualItemForOffset(virtualizer.scrollOffset ?? 0)?.index ?? 0, [virtualizer]);
  useTimelineKeys({ selected: selected >= 0 ? selected : null, select, firstVisible, showNew, scroller });

  return (
    <div className="timeline-frame">
      {unseen.count > 0 ? (
        <button type="button" className="new-posts-pill" onClick={showNew} data-testid="new-posts">
          ↑ {unseen.count === 1 ? '1 new post' : `${unseen.count} new posts`}
        </button>
      ) : null}
      <div ref={scroller} className="timeline-scroller" data-testid="timeline">
        <div role="feed" aria-busy={loadingMore} aria-label="Home timeline" className="timeline-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((row) => (
            <article
              key={row.key}
              data-index={row.index}
              data-key={row.key}
              ref={virtualizer.measureElement}
              className="timeline-row"
              style={{ transform: `translateY(${row.start}px)` }}
              data-testid="post"
              data-selected={row.index === selected || undefined}
              aria-posinset={row.index + 1}
              aria-setsize={view.hasMore ? -1 : items.length}
              aria-label={itemLabel(items[row.index]!)}
              tabIndex={row.index === selected || (selected < 0 && row.index === 0) ? 0 : -1}
              onFocus={(event) => event.target === event.currentTarget && setSelected(row.index)}
            >
              <ErrorBoundary resetKey={items[row.index]} fallback={() => <UnshowablePost url={items[row.index]!.posts[0]!.url} />}>
                <PostCard item={items[row.index]!} accounts={accounts} />
              </ErrorBoundary>
            </article>
          ))}
        </div>
        <p className="timeline-end muted" data-testid="timeline-end">
          {view.hasMore ? (loadingMore ? 'Loading older posts…' : ' ') : 'That is everything your accounts have loaded.'}
        </p>
      </div>
    </div>
  );
}

/** Posts put above the reading position since the user was last at the top: the pill's count. */
function useUnseenAbove(keys: string[]) {
  const previous = useRef<string[]>([]);
  const current = useRef(keys);
  const [unseen, setUnseen] = useState<readonly string[]>([]);

  useLayoutEffect(() => {
    current.current = keys;
    const before = previous.current;
    previous.current = keys;
    if (before.length === 0) return;
    // New posts arrive on top: everything above the first post that was there before. (Cheap on
    // purpose: this runs for every update of a timeline of thousands.)
    let firstOld = keys.indexOf(before[0]!);
    if (firstOld < 0) {
      const known = new Set(before);
      firstOld = keys.findIndex((key) => known.has(key));
    }
    if (firstOld <= 0) return;
    setUnseen((shown) => [...new Set([...keys.slice(0, firstOld), ...shown])]);
  }, [keys]);

  return useMemo(
    () => ({
      count: unseen.length,
      /** The top of the viewport is at `index`: everything from there down has been seen. */
      seeFrom(index: number) {
        if (unseen.length === 0) return;
        const still = unseen.filter((key) => {
          const at = current.current.indexOf(key);
          return at >= 0 && at < index;
        });
        if (still.length !== unseen.length) setUnseen(still);
      },
      clear: () => setUnseen([]),
    }),
    [unseen],
  );
}

/** Restores the reading position once, then keeps it saved (debounced) as the user scrolls. */
function useSavedPosition(virtualizer: Virtualizer, scroller: RefObject<HTMLDivElement | null>, keys: string[]) {
  const saved = useReadingPosition();
  const restored = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const currentKeys = useRef(keys);
  useLayoutEffect(() => {
    currentKeys.current = keys;
  }, [keys]);
  const stopHolding = useRef<() => void>(() => undefined);

  useLayoutEffect(() => {
    if (restored.current || saved.isPending) return;
    restored.current = true;
    const position = saved.data;
    if (!position || !keys.includes(position.key) || !scroller.current) return;
    stopHolding.current = holdPosition(virtualizer, scroller.current, () => currentKeys.current.indexOf(position.key), position.offset);
  }, [saved.isPending, saved.data, keys, virtualizer, scroller]);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      stopHolding.current();
    },
    [],
  );

  return useCallback((position: ReadingPosition) => {
    if (!restored.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void call('timeline.position.set', position).catch(() => undefined), 500);
  }, []);
}

type Virtualizer = ReturnType<typeof useVirtualizer<HTMLDivElement, Element>>;

const userScrollEvents = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/**
 * Puts the post at `indexOf()` at the top of the viewport, `offset` px scrolled into it, and keeps
 * it there while the posts above it are measured (their real heights replace the estimates over
 * several frames, later on a busy machine), until the target is still for a few frames, 3 s have
 * passed or the user scrolls. Returns a function that stops it.
 */
function holdPosition(virtualizer: Virtualizer, scroller: HTMLElement, indexOf: () => number, offset: number): () => void {
  const deadline = performance.now() + 3_000;
  let frame = 0;
  let lastTarget = Number.NaN;
  let stillFrames = 0;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of userScrollEvents) scroller.removeEventListener(type, stop);
  };
  for (const type of userScrollEvents) scroller.addEventListener(type, stop, { passive: true });
  const step = () => {
    const index = indexOf();
    const start = index >= 0 ? virtualizer.getOffsetForIndex(index, 'start')?.[0] : undefined;
    if (start === undefined || performance.now() > deadline) return stop();
    const target = start + offset;
    if (target !== lastTarget) {
      lastTarget = target;
      stillFrames = 0;
    } else if (++stillFrames >= 3) return stop();
    if (Math.abs((virtualizer.scrollOffset ?? 0) - target) > 1) virtualizer.scrollToOffset(target);
    frame = requestAnimationFrame(step);
  };
  step();
  return stop;
}
