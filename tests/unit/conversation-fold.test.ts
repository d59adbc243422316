import { describe, expect, it } from 'vitest';
import { foldDepth, shownNodes } from '../../shared/conversations/shown-nodes.ts';
import type { ConversationNode } from '../../shared/domain/conversation.ts';

/** A chain of replies `length` deep under the focus, then a second direct reply. */
function chain(length: number): ConversationNode[] {
  const node = (key: string, depth: number, descendants: number, role: ConversationNode['role'] = 'reply'): ConversationNode => ({
    key, posts: [], missing: null, role, depth, parent: null, descendants,
  });
  return [
    node('focus', 0, length + 1, 'focus'),
    ...Array.from({ length }, (_, i) => node(`r${i + 1}`, i + 1, length - i - 1)),
    node('second', 1, 0),
  ];
}

describe('folding long branches of a conversation', () => {
  it('shows replies down to the fold depth, then waits behind the reply there until it is unfolded', () => {
    const nodes = chain(8);
    const keys = (unfolded: string[]) => shownNodes(nodes, new Set(unfolded)).map((node) => node.key);
    expect(keys([])).toEqual(['focus', 'r1', 'r2', 'r3', `r${foldDepth}`, 'second']);
    expect(keys([`r${foldDepth}`])).toEqual(['focus', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'second']);
  });

  it('leaves short branches and a reply at the fold depth with nothing below as they are', () => {
    expect(shownNodes(chain(3), new Set()).map((node) => node.key)).toEqual(['focus', 'r1', 'r2', 'r3', 'second']);
    expect(shownNodes(chain(foldDepth), new Set())).toHaveLength(foldDepth + 2);
  });
});
