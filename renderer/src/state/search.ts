import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { call } from '../api.ts';

/** A search over every account, asked once per words (kept a minute: going back shows it at once). */
export const useSearch = (query: string) =>
  useQuery({ queryKey: ['search', query], queryFn: () => call('search.run', { query }), enabled: query.trim() !== '', staleTime: 60_000 });

/** A hashtag's posts from every account, a page at a time. */
export const useTagPosts = (tag: string) =>
  useInfiniteQuery({
    queryKey: ['tag', tag.toLowerCase()],
    queryFn: ({ pageParam }) => call('search.tag', { tag, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.cursor,
    staleTime: 60_000,
  });
