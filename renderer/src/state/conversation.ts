import { useQuery, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { call } from '../api.ts';
import type { Conversation } from '../../../shared/domain/conversation.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { withPostReplaced } from './timeline.ts';

/** Opens the conversation of an item, by the postKeys of its copies (the first is shown as the post). */
export const OpenConversation = createContext<(keys: string[]) => void>(() => undefined);
export const useOpenConversation = () => useContext(OpenConversation);

/** A conversation, read once per session and kept (TanStack Query's cache). */
export const useConversation = (keys: string[]) =>
  useQuery({ queryKey: ['conversation', ...keys], queryFn: () => call('conversation.open', { keys }), staleTime: 60_000 });

/** Puts a post the core answered (after a like, boost or vote) in place in every conversation read. */
export function replaceConversationPost(client: QueryClient, post: Post) {
  client.setQueriesData<Conversation>({ queryKey: ['conversation'] }, (conversation) => conversation && { ...conversation, nodes: withPostReplaced(conversation.nodes, post) });
}
