import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';
import type { Post } from '../../../../shared/domain/post.ts';
import { replaceConversationPost } from '../../state/conversation.ts';
import { replacePost } from '../../state/timeline.ts';
import { replaceInboxPost } from '../../state/inbox.ts';

/** The answered post replaces the shown one wherever it shows: the timeline, the conversations read, the inbox. */
function useShowAnswered() {
  const client = useQueryClient();
  return (post: Post) => {
    replacePost(client, post);
    replaceConversationPost(client, post);
    replaceInboxPost(client, post);
  };
}

export interface PostActionInput {
  key: string;
  accountId: string;
  on: boolean;
}

/** Like or boost from one account; the answered post replaces the shown one. */
export function usePostAction(kind: 'like' | 'boost') {
  const showAnswered = useShowAnswered();
  return useMutation({
    mutationFn: (input: PostActionInput) => call(kind === 'like' ? 'post.like' : 'post.boost', input),
    onSuccess: showAnswered,
  });
}

/** A reply from one account; the conversations read are read again, to show it where the server has it already. */
export function useReply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { key: string; accountId: string; text: string }) => call('post.reply', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['conversation'] }),
  });
}

/** A vote in a post's poll from one account; the answered post (with the poll as now counted) replaces the shown one. */
export function useVote() {
  const showAnswered = useShowAnswered();
  return useMutation({
    mutationFn: (input: { key: string; accountId: string; choices: number[] }) => call('post.vote', input),
    onSuccess: showAnswered,
  });
}
