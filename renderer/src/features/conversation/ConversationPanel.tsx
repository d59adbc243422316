import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { useConversation } from '../../state/conversation.ts';
import { foldsBelow, shownNodes } from '../../../../shared/conversations/shown-nodes.ts';
import { PostCard } from '../timeline/PostCard.tsx';
import { useListKeys, useListSelection } from '../timeline/use-list-keys.ts';
import { useWords } from '../../i18n/use-words.ts';
import { ErrorText } from '../../components/ErrorText.tsx';

/** Indentation stops growing past this depth, so a deep branch stays readable. */
const maxIndent = 6;
const estimatedNodeHeight = 180;

/** One post's conversation: what it replies to, the post, and the replies from every copy as one tree. */
export function ConversationPanel({ keys, accounts, onClose }: { keys: string[]; accounts: AccountSummary[]; onClose: () => void }) {
  const conversation = useConversation(keys);

  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const nodes = useMemo(() => shownNodes(conversation.data?.nodes ?? [], unfolded), [conversation.data, unfolded]);
  const toggle = (key: string) =>
    setUnfolded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  // Only the replies near the screen are drawn: a conversation of hundreds opens at once.
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read fresh each render
  const virtualizer = useVirtualizer({
    count: nodes.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedNodeHeight,
    getItemKey: (index) => nodes[index]!.key,
    overscan: 4,
  });
  const nodeKeys = useMemo(() => nodes.map((node) => node.key), [nodes]);
  // The timeline's keys work here while the conversation is open: j/k move, l/b/r act.
  const { selected, setSelected, select, firstVisible } = useListSelection(virtualizer, scroller, nodeKeys);
  useListKeys({ active: true, selected: selected >= 0 ? selected : null, select, firstVisible, scroller });

  const failed = conversation.data?.copies.filter((copy) => copy.error) ?? [];
  const words = useWords();
  return (
    <aside className="column conversation-column" aria-labelledby="conversation-title" data-testid="conversation">
      <header className="column-header">
        <h2 id="conversation-title">{words('conversation.title')}</h2>
        <button type="button" className="button button-quiet" onClick={onClose} aria-keyshortcuts="Escape">
          {words('conversation.close')}
        </button>
      </header>
      <div className="column-body column-body-flush">
        <div ref={scroller} className="conversation-scroller" data-testid="conversation-scroller">
          {conversation.error ? <ErrorPanel title={words('conversation.failed')} error={conversation.error} /> : null}
          {!conversation.data && !conversation.error ? <p className="timeline-note muted">{words('conversation.loading')}</p> : null}
          {failed.map((copy) => (
            <p key={copy.key} className="post-error" role="alert">
              <ErrorText error={copy.error!} />
            </p>
          ))}
          <ol className="conversation" aria-label={words('conversation.title')} style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const node = nodes[row.index]!;
              const folded = foldsBelow(node);
              return (
                <li
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  className="conversation-node"
                  data-role={node.role}
                  data-depth={node.depth}
                  style={{ '--indent': Math.min(node.depth, maxIndent), transform: `translateY(${row.start}px)` } as React.CSSProperties}
                  aria-level={node.depth + 1}
                  aria-posinset={row.index + 1}
                  aria-setsize={nodes.length}
                  aria-current={node.role === 'focus' ? 'true' : undefined}
                  data-selected={row.index === selected || undefined}
                  tabIndex={row.index === selected ? 0 : -1}
                  onFocus={(event) => event.target === event.currentTarget && setSelected(row.index)}
                >
                  {node.missing ? (
                    <p className="conversation-missing muted">{words(`conversation.missing.${node.missing}`)}</p>
                  ) : (
                    <PostCard item={{ posts: node.posts, sortAt: node.posts[0]!.createdAt }} accounts={accounts} openable={false} />
                  )}
                  {folded ? (
                    <button type="button" className="conversation-fold" aria-expanded={unfolded.has(node.key)} onClick={() => toggle(node.key)}>
                      {unfolded.has(node.key) ? words('conversation.hideReplies') : words('conversation.moreReplies', { count: node.descendants })}
                    </button>
                  ) : node.role === 'reply' && node.descendants > 0 ? (
                    <span className="visually-hidden">{words('conversation.repliesBelow', { count: node.descendants })}</span>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </div>
      </div>
    </aside>
  );
}
