/**
 * Every copy's thread as one conversation. Each copy's replies become a tree under the focus;
 * the trees of all copies join under one focus, each level in time order, and a reply its author
 * posted on both networks collapses into one node (the timeline's cross-post rule). Servers are
 * not trusted: a reply whose parent is not in the answer goes under an "unavailable" placeholder
 * (said, never hidden), a cycle cannot loop, and nothing nests deeper than `maxDepth` (deeper
 * replies are shown at that depth). No recursion: a 10,000-deep chain is just a long loop.
 */
import type { ConversationNode, MissingReason, ThreadCopy, ThreadEntry } from '../domain/conversation.ts';
import { postKey, type Post } from '../domain/post.ts';
import { isCrossPost, type IdentityLinks } from '../timeline/cross-posts.ts';

interface Node {
  key: string;
  posts: Post[];
  missing: MissingReason | null;
  children: Node[];
}

const nodeOf = (entry: ThreadEntry): Node => ({ key: entry.key, posts: entry.post ? [entry.post] : [], missing: entry.post ? null : (entry.missing ?? 'unavailable'), children: [] });

/** When a node was posted (a placeholder: when its first reply was). */
function timeOf(node: Node): number {
  const post = node.posts[0];
  if (post) return Date.parse(post.createdAt);
  return Math.min(Infinity, ...node.children.map(timeOf));
}

/** One copy's replies as the children of its focus. */
function repliesOf(copy: ThreadCopy, maxDepth: number): Node[] {
  const focusKey = postKey(copy.focus);
  const entries = new Map<string, ThreadEntry>();
  for (const entry of copy.replies) if (entry.key !== focusKey && !entries.has(entry.key)) entries.set(entry.key, entry);
  const children = new Map<string, ThreadEntry[]>();
  for (const entry of entries.values()) {
    const parent = entry.parent ?? focusKey;
    const siblings = children.get(parent);
    if (siblings) siblings.push(entry);
    else children.set(parent, [entry]);
  }
  const top: Node[] = [];
  const placed = new Set<string>();
  /** Places the entries below `parentKey` (and theirs) under `node`; past maxDepth they stay at that depth. */
  const place = (parentKey: string, under: Node[], depth: number) => {
    const stack: { parentKey: string; under: Node[]; depth: number }[] = [{ parentKey, under, depth }];
    while (stack.length > 0) {
      const next = stack.pop()!;
      for (const entry of children.get(next.parentKey) ?? []) {
        if (placed.has(entry.key)) continue;
        placed.add(entry.key);
        const node = nodeOf(entry);
        next.under.push(node);
        const deeper = next.depth < maxDepth;
        stack.push({ parentKey: entry.key, under: deeper ? node.children : next.under, depth: deeper ? next.depth + 1 : next.depth });
      }
    }
  };
  place(focusKey, top, 1);
  // Replies to a post the answer does not hold, then any caught in a cycle: under a placeholder that says so.
  const holders = new Map<string, Node>();
  const holderFor = (parent: string) => {
    let holder = holders.get(parent);
    if (!holder) {
      holder = { key: `unavailable ${copy.accountId} ${parent}`, posts: [], missing: 'unavailable', children: [] };
      holders.set(parent, holder);
      top.push(holder);
    }
    return holder;
  };
  const unplaced = () => [...entries.values()].filter((entry) => !placed.has(entry.key));
  const orphans = unplaced().filter((entry) => entry.parent !== null && !entries.has(entry.parent));
  for (const entry of [...orphans, ...unplaced()]) {
    if (placed.has(entry.key)) continue;
    const holder = holderFor(orphans.includes(entry) ? entry.parent! : 'a cycle');
    placed.add(entry.key);
    const node = nodeOf(entry);
    holder.children.push(node);
    place(entry.key, maxDepth > 2 ? node.children : holder.children, 3);
  }
  return top;
}

/** Siblings in time order; the same post twice (seen by two accounts) once; a reply posted on both networks as one node. */
function joinSiblings(nodes: Node[], links: IdentityLinks, time: (node: Node) => number = timeOf): Node[] {
  const byKey = new Map<string, Node>();
  for (const node of nodes) {
    const known = byKey.get(node.key);
    if (known) known.children.push(...node.children);
    else byKey.set(node.key, node);
  }
  const sorted = [...byKey.values()].sort((a, b) => time(a) - time(b));
  const joined: Node[] = [];
  const taken = new Set<Node>();
  for (const node of sorted) {
    if (taken.has(node)) continue;
    const post = node.posts[0];
    const partner = post && sorted.find((other) => other !== node && !taken.has(other) && other.posts.length === 1 && node.posts.length === 1 && isCrossPost(post, other.posts[0]!, links));
    if (partner) {
      taken.add(partner);
      joined.push({ ...node, posts: [post, partner.posts[0]!], children: [...node.children, ...partner.children] });
    } else joined.push(node);
  }
  return joined;
}

/** Every copy's ancestors, root first: in time order, a placeholder where its chain has it (just before the post that replies to it). */
function ancestorsOf(copies: readonly ThreadCopy[], links: IdentityLinks): Node[] {
  const times = new Map<Node, number>();
  const nodes = copies.flatMap((copy) => {
    const chain = copy.ancestors.map(nodeOf);
    let next = Date.parse(copy.focus.createdAt);
    for (let i = chain.length - 1; i >= 0; i--) {
      const post = chain[i]!.posts[0];
      next = post ? Date.parse(post.createdAt) : next - 0.001;
      times.set(chain[i]!, next);
    }
    return chain;
  });
  return joinSiblings(nodes, links, (node) => times.get(node) ?? timeOf(node));
}

export interface MergeOptions {
  maxDepth?: number;
}

/** The copies' threads as one conversation, in reading order. */
export function mergeConversation(copies: readonly ThreadCopy[], links: IdentityLinks, { maxDepth = 40 }: MergeOptions = {}): ConversationNode[] {
  const focusPosts = [...new Map(copies.map((copy) => [postKey(copy.focus), copy.focus])).values()];
  const focusKey = postKey(focusPosts[0]!);
  const ancestors = ancestorsOf(copies, links);
  const nodes: ConversationNode[] = ancestors.map((node, index) => ({
    key: node.key,
    posts: node.posts,
    missing: node.missing,
    role: 'ancestor',
    depth: 0,
    parent: index === 0 ? null : ancestors[index - 1]!.key,
    descendants: 0,
  }));
  const focusIndex = nodes.push({ key: focusKey, posts: focusPosts, missing: null, role: 'focus', depth: 0, parent: ancestors.at(-1)?.key ?? null, descendants: 0 }) - 1;

  // Depth first, each level joined and in time order; descendants counted on the way back up.
  const stack: { node: Node; depth: number; parent: string; index: number }[] = [];
  const pushLevel = (children: Node[], depth: number, parent: string) => {
    const level = joinSiblings(children, links);
    for (let i = level.length - 1; i >= 0; i--) stack.push({ node: level[i]!, depth, parent, index: -1 });
  };
  pushLevel(copies.flatMap((copy) => repliesOf(copy, maxDepth)), 1, focusKey);
  const open: number[] = [focusIndex]; // indices of the nodes whose replies are being written
  while (stack.length > 0) {
    const { node, depth, parent } = stack.pop()!;
    while (open.length > depth) open.pop();
    for (const index of open) nodes[index]!.descendants += 1;
    open.push(nodes.push({ key: node.key, posts: node.posts, missing: node.missing, role: 'reply', depth, parent, descendants: 0 }) - 1);
    pushLevel(node.children, depth + 1, node.key);
  }
  return nodes;
}
