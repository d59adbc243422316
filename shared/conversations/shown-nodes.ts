import type { ConversationNode } from '../domain/conversation.ts';

/** Replies deeper than this wait behind "N more replies" on the reply at this depth. */
export const foldDepth = 4;

/** A reply at the fold depth with replies under it: they wait behind it until it is unfolded. */
export const foldsBelow = (node: ConversationNode) => node.role === 'reply' && node.depth === foldDepth && node.descendants > 0;

/**
 * The nodes shown, in reading order: everything under a reply at the fold depth stays folded
 * until that reply is unfolded (the nodes come depth first, so a branch is the run of deeper ones after it).
 */
export function shownNodes(nodes: readonly ConversationNode[], unfolded: ReadonlySet<string>): ConversationNode[] {
  const shown: ConversationNode[] = [];
  let foldedBelow: number | null = null;
  for (const node of nodes) {
    if (foldedBelow !== null && node.depth > foldedBelow) continue;
    foldedBelow = foldsBelow(node) && !unfolded.has(node.key) ? node.depth : null;
    shown.push(node);
  }
  return shown;
}
