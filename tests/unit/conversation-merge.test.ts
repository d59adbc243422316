import { describe, expect, it } from 'vitest';
import type { ConversationNode, ThreadCopy, ThreadEntry } from '../../shared/domain/conversation.ts';
import { postKey, type Author, type Post } from '../../shared/domain/post.ts';
import { mergeConversation } from '../../shared/conversations/merge-conversation.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

const ann = { mastodon: mastodonAuthor('ann@social.example'), bluesky: blueskyAuthor('ann.bsky.social') };
const bob = mastodonAuthor('bob@social.example');
const cy = blueskyAuthor('cy.bsky.social');
const links = new Map([
  [ann.mastodon.id, new Set([ann.bluesky.id])],
  [ann.bluesky.id, new Set([ann.mastodon.id])],
]);
const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 9, minute)).toISOString();

function post(author: Author, minute: number, text: string, seenBy = author.network === 'mastodon' ? 'mastodon:me' : 'bluesky:me'): Post {
  return makePost({ author, at: at(minute), seenBy, ...(author.network === 'mastodon' ? { html: `<p>${text}</p>` } : { text }) });
}
const entry = (reply: Post, parent: Post | string | null): ThreadEntry => ({ key: postKey(reply), parent: typeof parent === 'string' || parent === null ? parent : postKey(parent), post: reply });
const textOf = (node: ConversationNode) =>
  node.missing ?? node.posts.map((p) => (p.content.kind === 'facets' ? p.content.text : p.content.html.replace(/<[^>]+>/g, ''))).join(' | ');
const outline = (nodes: ConversationNode[]) => nodes.map((node) => `${node.role} ${node.depth} ${textOf(node)}`);

describe('one conversation from every copy of a post', () => {
  const onMastodon = post(ann.mastodon, 0, 'Braid 1.0 is out today, try it');
  const onBluesky = post(ann.bluesky, 1, 'Braid 1.0 is out today, try it');
  const bobReply = post(bob, 5, 'Congratulations!');
  const cyReply = post(cy, 3, 'Trying it now');
  const annAnswer = post(ann.mastodon, 7, 'Thanks Bob');
  const copies: ThreadCopy[] = [
    { accountId: 'mastodon:me', focus: onMastodon, ancestors: [], replies: [entry(annAnswer, bobReply), entry(bobReply, onMastodon)] },
    { accountId: 'bluesky:me', focus: onBluesky, ancestors: [], replies: [entry(cyReply, onBluesky)] },
  ];

  it('puts both networks’ replies under one focus, each level oldest first, depth first', () => {
    const nodes = mergeConversation(copies, links);
    expect(outline(nodes)).toEqual(['focus 0 Braid 1.0 is out today, try it | Braid 1.0 is out today, try it', 'reply 1 Trying it now', 'reply 1 Congratulations!', 'reply 2 Thanks Bob']);
    expect(nodes.map((node) => [node.parent, node.descendants])).toEqual([
      [null, 3],
      [postKey(onMastodon), 0],
      [postKey(onMastodon), 1],
      [postKey(bobReply), 0],
    ]);
  });

  it('collapses a reply its author posted on both networks, with the replies to either copy beneath it', () => {
    const both = [post(ann.mastodon, 10, 'A longer answer to everyone at once'), post(ann.bluesky, 11, 'A longer answer to everyone at once')] as const;
    const toBlueskyCopy = post(cy, 12, 'Good answer');
    const nodes = mergeConversation(
      [
        { ...copies[0]!, replies: [...copies[0]!.replies, entry(both[0], onMastodon)] },
        { ...copies[1]!, replies: [...copies[1]!.replies, entry(both[1], onBluesky), entry(toBlueskyCopy, both[1])] },
      ],
      links,
    );
    expect(outline(nodes).slice(-2)).toEqual(['reply 1 A longer answer to everyone at once | A longer answer to everyone at once', 'reply 2 Good answer']);
    // Without the link between the two accounts, they stay two replies.
    expect(outline(mergeConversation([{ ...copies[0]!, replies: [entry(both[0], onMastodon)] }, { ...copies[1]!, replies: [entry(both[1], onBluesky)] }], new Map()))).toHaveLength(3);
  });

  it('keeps ancestors root first, and says what cannot be shown instead of hiding it', () => {
    const root = post(bob, -30, 'What are you all working on?');
    const orphan = post(cy, 20, 'Replying to something you cannot see');
    const nodes = mergeConversation(
      [
        {
          accountId: 'bluesky:me',
          focus: onBluesky,
          ancestors: [{ key: 'at://gone', parent: null, post: null, missing: 'not_found' }, entry(root, 'at://gone')],
          replies: [entry(orphan, 'at://hidden-reply'), { key: 'at://blocked', parent: postKey(onBluesky), post: null, missing: 'blocked' }],
        },
      ],
      links,
    );
    expect(outline(nodes)).toEqual(['ancestor 0 not_found', 'ancestor 0 What are you all working on?', 'focus 0 Braid 1.0 is out today, try it', 'reply 1 unavailable', 'reply 2 Replying to something you cannot see', 'reply 1 blocked']);
  });

  it('survives hostile answers: cycles, replies to themselves, the focus as its own reply, a chain 10,000 deep', () => {
    const [a, b] = [post(bob, 30, 'a'), post(bob, 31, 'b')];
    const cyclic = mergeConversation([{ accountId: 'mastodon:me', focus: onMastodon, ancestors: [], replies: [entry(a, b), entry(b, a), entry(onMastodon, a), entry(post(bob, 32, 'self'), 'self')] }], links);
    expect(cyclic.filter((node) => node.role === 'reply' && !node.missing).map(textOf).sort()).toEqual(['a', 'b', 'self']);

    const chain: ThreadEntry[] = [];
    let parent: Post = onMastodon;
    for (let i = 0; i < 10_000; i++) {
      const reply = post(bob, 40 + i / 1000, `reply ${i}`);
      chain.push(entry(reply, parent));
      parent = reply;
    }
    const deep = mergeConversation([{ accountId: 'mastodon:me', focus: onMastodon, ancestors: [], replies: chain.reverse() }], links, { maxDepth: 12 });
    expect(deep).toHaveLength(10_001);
    expect(Math.max(...deep.map((node) => node.depth))).toBe(12);
    expect(deep[0]!.descendants).toBe(10_000);
    expect(deep.slice(1, 4).map(textOf)).toEqual(['reply 0', 'reply 1', 'reply 2']);
  });

  it('shows a post two accounts both saw once', () => {
    const seenTwice = { ...copies[0]!, accountId: 'mastodon:work', replies: [entry({ ...bobReply, seenBy: [{ ...bobReply.seenBy[0]!, accountId: 'mastodon:work' }] }, onMastodon)] };
    expect(outline(mergeConversation([copies[0]!, seenTwice], links))).toEqual(['focus 0 Braid 1.0 is out today, try it', 'reply 1 Congratulations!', 'reply 2 Thanks Bob']);
  });
});
