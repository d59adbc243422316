/**
 * Opening a timeline item's conversation: each copy of the post (a person's cross-post has one
 * on each network) is asked of its network, as an account that saw it, one request per copy, all
 * at once; the answers merge into one conversation (shared/conversations/merge-conversation.ts).
 * A copy whose server fails shows its error beside the others; only when every copy fails does
 * the whole call fail.
 */
import type { Conversation, ThreadCopy } from '../../../shared/domain/conversation.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import { postKey, type Post } from '../../../shared/domain/post.ts';
import { mergeConversation } from '../../../shared/conversations/merge-conversation.ts';
import type { IdentityLinks } from '../../../shared/timeline/cross-posts.ts';
import { accountError, type CorePhrase, phrase, ServerError } from '../base/errors.ts';
import type { NetworkConversation } from '../networks/network.ts';
import { createKeptPosts } from '../lists/kept-posts.ts';

export interface ConversationDeps {
  accounts: () => AccountSummary[];
  findPost: (key: string) => Post | undefined;
  conversationOf: (network: Network) => NetworkConversation | undefined;
  links: (posts: readonly Post[]) => IdentityLinks;
}


export function createConversationService({ accounts, findPost, conversationOf, links }: ConversationDeps) {
  // Posts shown in conversations: the actions find them here.
  const read = createKeptPosts();

  /** The account to read a copy as: one that saw it and is signed in. */
  function readerOf(post: Post): string | undefined {
    const signedIn = new Set(accounts().filter((account) => account.status !== 'auth_expired').map((account) => account.id));
    return post.seenBy.find((sighting) => signedIn.has(sighting.accountId))?.accountId;
  }

  return {
    /** A post shown in a conversation lately (to like, boost or reply to it), by postKey. */
    findPost: read.find,

    /** The conversation of the item whose copies have these postKeys (the first is shown as the focus). */
    async open(keys: readonly string[]): Promise<Conversation> {
      const posts = keys.flatMap((key) => findPost(key) ?? []);
      if (posts.length === 0) throw new ServerError('not_found', phrase('error.conversation.gone'));
      const answers = await Promise.all(
        posts.map(async (post) => {
          const accountId = readerOf(post) ?? post.seenBy[0]!.accountId;
          try {
            const conversation = conversationOf(post.network);
            if (!conversation) throw new ServerError('not_supported', phrase('error.conversation.notSupported', { network: post.network }));
            if (!readerOf(post)) throw new ServerError('auth_expired', phrase('error.conversation.signIn'));
            return { accountId, post, copy: await conversation.thread(accountId, post), error: null };
          } catch (error) {
            return { accountId, post, copy: null, error: accountError(error, accountId, phrase('error.conversation.failed')) };
          }
        }),
      );
      const copies = answers.flatMap((answer) => answer.copy ?? []);
      if (copies.length === 0) {
        const { code, message, phrase: words } = answers[0]!.error!;
        throw new ServerError(code, (words as CorePhrase | undefined) ?? message);
      }
      const threadPosts = copies.flatMap((copy: ThreadCopy) => [copy.focus, ...[...copy.ancestors, ...copy.replies].flatMap((entry) => entry.post ?? [])]);
      read.keep(threadPosts);
      return {
        nodes: mergeConversation(copies, links(threadPosts)),
        copies: answers.map(({ accountId, post, error }) => ({ accountId, key: postKey(post), error })),
      };
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
