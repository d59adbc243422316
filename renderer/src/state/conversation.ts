import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { call } from '../api.ts';

/** Opens the conversation of an item, by the postKeys of its copies (the first is shown as the post). */
export const OpenConversation = createContext<(keys: string[]) => void>(() => undefined);
export const useOpenConversation = () => useContext(OpenConversation);

/** A conversation, read once per session and kept (TanStack Query's cache). */
export const useConversation = (keys: string[]) =>
  useQuery({ queryKey: ['conversation', ...keys], queryFn: () => call('conversation.open', { keys }), staleTime: 60_000 });
