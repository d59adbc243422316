import { useId, useState } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Post } from '../../../../shared/domain/post.ts';
import { postKey } from '../../../../shared/domain/post-key.ts';
import { useReply } from './use-post-actions.ts';
import { FormActions } from '../../components/FormActions.tsx';

/** A reply composer under the post: who replies is always shown. */
export function ReplyBox({ target, actor, onDone }: { target: Post; actor: AccountSummary; onDone: () => void }) {
  // Mastodon threads address people by mention; Bluesky replies need none.
  const [text, setText] = useState(target.network === 'mastodon' ? `@${target.author.handle} ` : '');
  const reply = useReply();
  const id = useId();

  if (reply.isSuccess) {
    return (
      <p className="reply-done" role="status">
        Replied as @{actor.handle}.{' '}
        {reply.data.url ? (
          <a href={reply.data.url} target="_blank" rel="noopener noreferrer">
            Open your reply
          </a>
        ) : null}{' '}
        <button type="button" className="button button-quiet" onClick={onDone}>
          Close
        </button>
      </p>
    );
  }

  return (
    <form
      className="reply-box"
      onSubmit={(event) => {
        event.preventDefault();
        reply.mutate({ key: postKey(target), accountId: actor.id, text });
      }}
    >
      <label htmlFor={id} className="reply-label">
        Reply to @{target.author.handle} as <strong>@{actor.handle}</strong>
      </label>
      <textarea
        id={id}
        value={text}
        rows={3}
        autoFocus
        onFocus={(event) => event.currentTarget.setSelectionRange(event.currentTarget.value.length, event.currentTarget.value.length)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
        }}
      />
      {reply.error ? (
        <p className="form-error" role="alert">
          {reply.error.message}
        </p>
      ) : null}
      <FormActions submit="Send reply" pending="Sending…" busy={reply.isPending} disabled={text.trim() === ''} other={{ label: 'Cancel', onClick: onDone }} />
    </form>
  );
}
