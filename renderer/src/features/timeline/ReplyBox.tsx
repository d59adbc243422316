import { useId, useState } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Post } from '../../../../shared/domain/post.ts';
import { postKey } from '../../../../shared/domain/post-key.ts';
import { useReply } from './use-post-actions.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';
import { ErrorText } from '../../components/ErrorText.tsx';

/** A reply composer under the post: who replies is always shown. */
export function ReplyBox({ target, actor, onDone }: { target: Post; actor: AccountSummary; onDone: () => void }) {
  // Mastodon threads address people by mention; Bluesky replies need none.
  const [text, setText] = useState(target.network === 'mastodon' ? `@${target.author.handle} ` : '');
  const reply = useReply();
  const id = useId();
  const words = useWords();

  if (reply.isSuccess) {
    return (
      <p className="reply-done" role="status">
        {words('reply.done', { handle: actor.handle })}{' '}
        {reply.data.url ? (
          <a href={reply.data.url} target="_blank" rel="noopener noreferrer">
            {words('reply.open')}
          </a>
        ) : null}{' '}
        <button type="button" className="button button-quiet" onClick={onDone}>
          {words('reply.close')}
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
        <Message id="reply.label" values={{ to: target.author.handle, handle: actor.handle, strong: (chunks) => <strong>{chunks}</strong> }} />
      </label>
      <textarea
        id={id}
        dir="auto"
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
          <ErrorText error={reply.error} />
        </p>
      ) : null}
      <FormActions
        submit={words('reply.send')}
        pending={words('reply.sending')}
        busy={reply.isPending}
        disabled={text.trim() === ''}
        other={{ label: words('reply.cancel'), onClick: onDone }}
      />
    </form>
  );
}
