import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Author } from '../../../shared/domain/post.ts';
import type { Profile, ProfileTab, RelationAction } from '../../../shared/domain/profile.ts';
import { call } from '../api.ts';

/** Opens a person's profile, from a post's author. */
export const OpenPerson = createContext<(author: Author) => void>(() => undefined);
export const useOpenPerson = () => useContext(OpenPerson);

const profileKey = (accountId: string, who: string) => ['profile', accountId, who] as const;

/** A person as one of your accounts sees them (their profile, and that account's relationship with them). */
export const useProfile = (accountId: string, who: string, options: { enabled?: boolean; quiet?: boolean } = {}) =>
  useQuery({
    queryKey: profileKey(accountId, who),
    queryFn: () => call('people.profile', { accountId, who }),
    staleTime: 60_000,
    enabled: options.enabled ?? true,
    // A guess (an account a profile names, a bridge that may not exist) is asked once: a miss is no error to retry.
    ...(options.quiet ? { retry: false } : {}),
  });

/** The person's posts on a tab, page after page. */
export const useProfilePosts = (accountId: string, who: string, tab: ProfileTab, enabled = true) =>
  useInfiniteQuery({
    enabled,
    queryKey: ['profile-posts', accountId, who, tab],
    queryFn: ({ pageParam }) => call('people.posts', { accountId, who, tab, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.cursor,
    staleTime: 60_000,
  });

/** Follow, mute, block (and their undoing) as one account: the relationship the server answers replaces the shown one. */
export function useRelate(accountId: string, who: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: RelationAction) => call('people.relate', { accountId, who, action }),
    onSuccess: (relationship) => client.setQueryData<Profile>(profileKey(accountId, who), (profile) => profile && { ...profile, relationship }),
  });
}
