import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';
import { replacePost } from '../../state/timeline.ts';

export interface PostActionInput {
  key: string;
  accountId: string;
  on: boolean;
}

/** Like or boost from one account; the answered post replaces the shown one. */
export function usePostAction(kind: 'like' | 'boost') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PostActionInput) => call(kind === 'like' ? 'post.like' : 'post.boost', input),
    onSuccess: (post) => replacePost(client, post),
  });
}

export function useReply() {
  return useMutation({ mutationFn: (input: { key: string; accountId: string; text: string }) => call('post.reply', input) });
}

/** A vote in a post's poll from one account; the answered post (with the poll as now counted) replaces the shown one. */
export function useVote() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { key: string; accountId: string; choices: number[] }) => call('post.vote', input),
    onSuccess: (post) => replacePost(client, post),
  });
}
