import { useMutation } from '@tanstack/react-query';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Author } from '../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { call } from '../../api.ts';
import { useWords } from '../../i18n/use-words.ts';
import { ErrorText } from '../../components/ErrorText.tsx';

/** "Follow back" for one new follower, as your account on their network that they followed. */
export function FollowBack({ author, account }: { author: Author; account: AccountSummary }) {
  const follow = useMutation({ mutationFn: () => call('people.follow', { accountId: account.id, author }) });
  const name = withoutBidiControls(author.displayName.trim() || author.handle);
  const words = useWords();
  if (follow.isSuccess) {
    return (
      <span className="follow-back-done muted" role="status">
        {words('inbox.followingAs', { name, handle: account.handle })}
      </span>
    );
  }
  return (
    <span className="follow-back">
      <button type="button" className="button" disabled={follow.isPending} onClick={() => follow.mutate()}>
        {follow.isPending ? words('inbox.following') : words('inbox.followBack', { name })}
      </button>
      {follow.error ? (
        <span className="form-error" role="alert">
          <ErrorText error={follow.error} />
        </span>
      ) : null}
    </span>
  );
}
