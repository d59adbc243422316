/**
 * A reply from the timeline: a one-target draft sent through the outbox (durable, one post for a
 * double click), waited for a while so the reply box can say where it landed.
 */
import { ok, type Result } from '../../../shared/contract.ts';
import { phrase, refuse } from '../base/errors.ts';
import type { ComposeService } from './compose-service.ts';
import type { Outbox } from './outbox.ts';

/** How long a reply is waited for before the answer says it is still on its way. */
const replyWaitMs = 30_000;

export function createReplies(compose: Pick<ComposeService, 'replyDraft'>, outbox: Pick<Outbox, 'send' | 'settled'>) {
  return {
    async reply(key: string, accountId: string, text: string): Promise<Result<{ url: string | null }>> {
      const draft = compose.replyDraft(key, accountId, text);
      const sent = outbox.send(draft);
      if (!sent.ok) return sent;
      const target = (await outbox.settled(draft.id, replyWaitMs))?.targets[0];
      if (target?.state === 'posted') return ok({ url: target.urls[0] ?? null });
      if (target?.state === 'failed' && target.error) return { ok: false, error: { ...target.error, account: accountId } };
      return refuse('unknown_outcome', phrase('error.reply.sending'), accountId);
    },
  };
}

export type Replies = ReturnType<typeof createReplies>;
