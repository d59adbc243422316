import { useMutation } from '@tanstack/react-query';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Author } from '../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { call } from '../../api.ts';

/** "Follow back" for one new follower, as your account on their network that they followed. */
export function FollowBack({ author, account }: { author: Author; account: AccountSummary }) {
  const follow = useMutation({ mutationFn: () => call('people.follow', { accountId: account.id, author }) });
  const name = withoutBidiControls(author.displayName.trim() || author.handle);
  if (follow.isSuccess) {
    return (
      <span className="follow-back-done muted" role="status">
        Following {name} as @{account.handle}
      </span>
    );
  }
  return (
    <span className="follow-back">
      <button type="button" className="button" disabled={follow.isPending} onClick={() => follow.mutate()}>
        {follow.isPending ? 'Following…' : `Follow back ${name}`}
      </button>
      {follow.error ? (
        <span className="form-error" role="alert">
          {follow.error.message}
        </span>
      ) : null}
    </span>
  );
}
