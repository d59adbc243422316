/**
 * GET /api/v1/polls/:id and POST /api/v1/polls/:id/votes (PollsController, Polls::VotesController and VoteService):
 * the poll of a status the viewer may see (404 otherwise); a vote needs write:statuses, an open poll, a first vote by
 * this account, and choices among the options (one, unless the poll takes several). Answers the poll as now counted.
 */
import { authorizeIfToken, authorizeUser } from '../auth.ts';
import { recordNotFound, sendError } from '../errors.ts';
import { list, sendJson, type Ctx } from '../http.ts';
import type { Router } from '../router.ts';
import type { StatusRecord } from '../social.ts';

function pollStatus(ctx: Ctx, viewerId: string | null): StatusRecord | undefined {
  const { social } = ctx.server;
  const status = social.allStatuses().find((candidate) => candidate.poll?.id === ctx.params.id);
  if (status && social.canSee(viewerId, status)) return status;
  recordNotFound(ctx);
  return undefined;
}

export function pollRoutes(router: Router): void {
  router.add('GET', '/api/v1/polls/:id', (ctx: Ctx) => {
    const auth = authorizeIfToken(ctx, ['read', 'read:statuses']);
    if (!auth) return;
    const viewerId = auth.user?.id ?? null;
    const status = pollStatus(ctx, viewerId);
    if (status?.poll) sendJson(ctx, 200, ctx.server.renderer.poll(status.poll, viewerId));
  });

  router.add('POST', '/api/v1/polls/:id/votes', (ctx: Ctx) => {
    const auth = authorizeUser(ctx, ['write', 'write:statuses']);
    if (!auth) return;
    const userId = auth.user.id;
    const poll = pollStatus(ctx, userId)?.poll;
    if (!poll) return;
    if (poll.expiresAt.getTime() <= Date.now()) return sendError(ctx, 422, { error: 'Validation failed: The poll has already ended' });
    if (poll.votes.has(userId)) return sendError(ctx, 422, { error: 'Validation failed: You have already voted on this poll' });
    const choices = [...new Set((list(ctx.input, 'choices') ?? []).map(Number))];
    if (choices.length === 0 || choices.some((choice) => !Number.isInteger(choice) || choice < 0 || choice >= poll.options.length)) {
      return sendError(ctx, 422, { error: 'Validation failed: Choice is not included in the list' });
    }
    if (!poll.multiple && choices.length > 1) return sendError(ctx, 422, { error: 'Validation failed: This poll takes one choice' });
    poll.votes.set(userId, choices);
    sendJson(ctx, 200, ctx.server.renderer.poll(poll, userId));
  });
}
