import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useHeaderSlot } from '../frame/header-slot.ts';
import type { ReadingPosition, TimelineGap, TimelineView } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { useReadingPosition, useSaveReadingPosition } from '../../state/timeline.ts';
import { itemKey, itemLabel, PostCard, type TimelineItem } from './PostCard.tsx';
import { gapLabel, GapRow, gapRowKey } from './GapRow.tsx';
import { postKey } from '../../../../shared/domain/post-key.ts';
import { UnshowablePost } from './UnshowablePost.tsx';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { useListKeys, useListSelection } from './use-list-keys.ts';
import { useNavigation } from '../../state/navigation.ts';
import { conversationOn } from '../../state/routes.ts';
import { useWords } from '../../i18n/use-words.ts';
import { useIntl } from 'react-intl';
import { CountAnnouncer } from '../../components/CountAnnouncer.tsx';

interface Props {
  view: TimelineView;
  accounts: AccountSummary[];
  loadingMore: boolean;
  onLoadMore: () => void;
  /** The gap being loaded, if one is. */
  loadingGap: TimelineGap | undefined;
  onLoadGap: (gap: TimelineGap) => void;
}

type Row = { item: TimelineItem; gap?: undefined } | { gap: TimelineGap; item?: undefined };

/** The items, each followed by the gaps below it (an account's posts missing there). */
function rowsOf(view: TimelineView): Row[] {
  if (view.gaps.length === 0) return view.items.map((item) => ({ item }));
  const gapsAfter = new Map<string, TimelineGap[]>();
  for (const gap of view.gaps) gapsAfter.set(gap.after, [...(gapsAfter.get(gap.after) ?? []), gap]);
  return view.items.flatMap((item) => [{ item }, ...item.posts.flatMap((post) => gapsAfter.get(postKey(post)) ?? []).map((gap) => ({ gap }))]);
}

const rowKey = (row: Row) => (row.gap ? gapRowKey(row.gap) : itemKey(row.item));

const estimatedPostHeight = 190;

/**
 * The merged timeline as a virtual list: only the posts near the viewport are in the DOM. The
 * post being read never moves: new posts are put above it (the list keeps its anchor) and wait
 * behind the "N new posts" pill.
 */
export function TimelineList({ view, accounts, loadingMore, onLoadMore, loadingGap, onLoadGap }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => rowsOf(view), [view]);
  const keys = useMemo(() => rows.map(rowKey), [rows]);
  const unseen = useUnseenAbove(keys);
  const words = useWords();

  // Braid does not use the React Compiler; the virtualizer's functions are read fresh each render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedPostHeight,
    getItemKey: (index) => keys[index]!,
    overscan: 4,
    // Keyed anchoring: when posts are added above, the post at the top of the viewport stays put.
    anchorTo: 'end',
    followOnAppend: false,
    // Rows that scroll into view render in React's own batch, not synchronously inside the scroll
    // event: fast scrolling then keeps more of its frames (through the bridge, first pass at
    // 6,000 px/s, three runs each on an idle machine: 95.1-98.4 % before, 98.1-99.1 % after).
    useFlushSync: false,
    onChange: (instance) => {
      const top = instance.getVirtualItemForOffset(instance.scrollOffset ?? 0);
      if (!top) return;
      unseen.seeFrom(top.index);
      savePosition({ key: String(top.key), offset: Math.max(0, (instance.scrollOffset ?? 0) - top.start), newest: unseen.newestSeen() });
    },
  });
  const { selected, setSelected, select, firstVisible } = useListSelection(virtualizer, scroller, keys);
  const savePosition = useSavedPosition(virtualizer, scroller, keys, unseen.seedAbove);

  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1)?.index ?? -1;
  useEffect(() => {
    if (view.hasMore && !loadingMore && last >= rows.length - 8) onLoadMore();
  }, [last, rows.length, view.hasMore, loadingMore, onLoadMore]);

  const showNew = useCallback(() => {
    unseen.clear();
    virtualizer.scrollToOffset(0);
    setSelected(-1);
  }, [unseen, virtualizer, setSelected]);
  // While a conversation is open, j/k and the other keys are its.
  const active = !conversationOn(useNavigation().screen);
  useListKeys({ active, selected: selected >= 0 ? selected : null, select, firstVisible, showNew, scroller });
  // Back from a conversation (its panel gone, and the focus with it): the focus returns to the post it was opened from.
  const wasActive = useRef(active);
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (active && !wasActive.current && selected >= 0 && lost) select(selected);
    wasActive.current = active;
  }, [active, selected, select]);

  // In the column's header where there is one: over the list it would cover the first post's name.
  const headerSlot = useHeaderSlot();
  const pill =
    unseen.count > 0 ? (
      <button type="button" className="new-posts-pill" onClick={showNew} data-testid="new-posts">
        {words('timeline.newPosts', { count: unseen.count })}
      </button>
    ) : null;

  return (
    <div className="timeline-frame">
      {headerSlot ? createPortal(pill, headerSlot) : pill}
      <CountAnnouncer count={unseen.count} message="timeline.announceNew" />
      <div ref={scroller} className="timeline-scroller" data-testid="timeline">
        <div role="feed" aria-busy={loadingMore} aria-label={words('timeline.label')} className="timeline-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((virtualRow) => (
            <TimelineRow
              key={virtualRow.key}
              row={rows[virtualRow.index]!}
              rowKey={String(virtualRow.key)}
              index={virtualRow.index}
              start={virtualRow.start}
              selected={virtualRow.index === selected}
              tabbable={virtualRow.index === selected || (selected < 0 && virtualRow.index === 0)}
              setSize={view.hasMore ? -1 : rows.length}
              accounts={accounts}
              loadingGap={loadingGap}
              onLoadGap={onLoadGap}
              measure={virtualizer.measureElement}
              onSelect={setSelected}
            />
          ))}
        </div>
        <p className="timeline-end muted" data-testid="timeline-end">
          {view.hasMore ? (loadingMore ? words('timeline.loadingOlder') : ' ') : words('timeline.end')}
        </p>
      </div>
    </div>
  );
}

interface RowProps {
  row: Row;
  rowKey: string;
  index: number;
  start: number;
  selected: boolean;
  tabbable: boolean;
  setSize: number;
  accounts: AccountSummary[];
  loadingGap: TimelineGap | undefined;
  onLoadGap: (gap: TimelineGap) => void;
  measure: (element: Element | null) => void;
  onSelect: (index: number) => void;
}

/**
 * One row of the list. Scrolling re-renders the list whenever the range of rows drawn changes:
 * the rows already on screen, unchanged, are not drawn again (nor their labels formatted).
 */
const TimelineRow = memo(function TimelineRow({ row, rowKey, index, start, selected, tabbable, setSize, accounts, loadingGap, onLoadGap, measure, onSelect }: RowProps) {
  const words = useWords();
  const { locale } = useIntl();
  const { item, gap } = row;
  const gapAccount = gap && accounts.find((account) => account.id === gap.accountId);
  return (
    <article
      data-index={index}
      data-key={rowKey}
      ref={measure}
      className="timeline-row"
      style={{ transform: `translateY(${start}px)` }}
      data-testid={gap ? 'gap-row' : 'post'}
      data-selected={selected || undefined}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-label={gap ? gapLabel(gapAccount, words) : itemLabel(item, words, locale)}
      tabIndex={tabbable ? 0 : -1}
      onFocus={(event) => event.target === event.currentTarget && onSelect(index)}
    >
      {gap ? (
        <GapRow gap={gap} account={gapAccount} loading={loadingGap !== undefined && gapRowKey(loadingGap) === rowKey} onLoad={onLoadGap} />
      ) : (
        <ErrorBoundary resetKey={item} fallback={() => <UnshowablePost url={item.posts[0]!.url} />}>
          <PostCard item={item} accounts={accounts} />
        </ErrorBoundary>
      )}
    </article>
  );
});

const isGapKey = (key: string) => key.startsWith('gap ');

/**
 * Posts put above the reading position that the reader has not scrolled up to yet: the pill's
 * count. New posts need not arrive on top: in a merged timeline a late page can hold posts older
 * than some already shown, so every post that was not there before and is above counts.
 */
function useUnseenAbove(keys: string[]) {
  const previous = useRef<string[]>([]);
  const current = useRef(keys);
  /** The row at the top of the viewport, as the list last reported it. */
  const topKey = useRef<string | undefined>(undefined);
  const [unseen, setUnseen] = useState<readonly string[]>([]);

  const add = useCallback((arrived: string[]) => {
    if (arrived.length > 0) setUnseen((shown) => [...new Set([...arrived, ...shown])]);
  }, []);

  useLayoutEffect(() => {
    current.current = keys;
    const before = previous.current;
    previous.current = keys;
    const reading = topKey.current === undefined ? -1 : keys.indexOf(topKey.current);
    if (before.length === 0 || reading <= 0) return;
    const known = new Set(before);
    add(keys.slice(0, reading).filter((key) => !known.has(key) && !isGapKey(key)));
  }, [keys, add]);

  /** At start: everything above the newest post seen last time is new (it came while Braid was closed). */
  const seedAbove = useCallback(
    (newest: string | undefined) => {
      const at = newest === undefined ? -1 : current.current.indexOf(newest);
      if (at > 0) add(current.current.slice(0, at).filter((key) => !isGapKey(key)));
    },
    [add],
  );

  return useMemo(
    () => ({
      count: unseen.length,
      /** The top of the viewport is at `index`: everything from there down has been seen. */
      seeFrom(index: number) {
        topKey.current = current.current[index];
        if (unseen.length === 0) return;
        const above = new Set(current.current.slice(0, index));
        const still = unseen.filter((key) => above.has(key));
        if (still.length !== unseen.length) setUnseen(still);
      },
      clear: () => setUnseen([]),
      /** The newest post the reader has seen: the first one not waiting behind the pill. */
      newestSeen: () => current.current.find((key) => !isGapKey(key) && !unseen.includes(key)),
      seedAbove,
    }),
    [unseen, seedAbove],
  );
}

/** Restores the reading position once, then keeps it saved (debounced) as the user scrolls. */
function useSavedPosition(virtualizer: Virtualizer, scroller: RefObject<HTMLDivElement | null>, keys: string[], seedUnseen: (newest: string | undefined) => void) {
  const saved = useReadingPosition();
  const save = useSaveReadingPosition();
  const restored = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<ReadingPosition | null>(null);

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
    seedUnseen(position.newest);
    stopHolding.current = holdPosition(virtualizer, scroller.current, () => currentKeys.current.indexOf(position.key), position.offset);
  }, [saved.isPending, saved.data, keys, virtualizer, scroller, seedUnseen]);

  // Leaving the timeline (for the composer, the accounts, or a narrow window's conversation)
  // saves the latest position at once, in the core and this session's cache: back on the timeline, the reader is where they were.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      stopHolding.current();
      if (latest.current) void save(latest.current, { leaving: true });
    },
    [save],
  );

  return useCallback(
    (position: ReadingPosition) => {
      if (!restored.current) return;
      latest.current = position;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(position), 500);
    },
    [save],
  );
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
