/** Api::V1::ScheduledStatusesController: the user's scheduled statuses, read with read:statuses, cancelled with write:statuses. */
import { authorizeUser } from '../auth.ts';
import { recordNotFound } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import { pageParams, paginate, setLinkHeader } from '../pagination.ts';
import type { Router } from '../router.ts';

function own(ctx: Ctx, accountId: string) {
  const record = ctx.server.scheduled.get(ctx.params.id ?? '');
  if (record && record.accountId === accountId) return record;
  recordNotFound(ctx);
  return undefined;
}

export function scheduledStatusRoutes(router: Router): void {
  router.add('GET', '/api/v1/scheduled_statuses', (ctx) => {
    const auth = authorizeUser(ctx, ['read', 'read:statuses']);
    if (!auth) return;
    const { scheduled } = ctx.server;
    const page = paginate(scheduled.of(auth.user.id), pageParams(ctx.input, 20));
    setLinkHeader(ctx, page);
    sendJson(ctx, 200, page.map((record) => scheduled.entity(record)));
  });
  router.add('GET', '/api/v1/scheduled_statuses/:id', (ctx) => {
    const auth = authorizeUser(ctx, ['read', 'read:statuses']);
    const record = auth && own(ctx, auth.user.id);
    if (record) sendJson(ctx, 200, ctx.server.scheduled.entity(record));
  });
  router.add('DELETE', '/api/v1/scheduled_statuses/:id', (ctx) => {
    const auth = authorizeUser(ctx, ['write', 'write:statuses']);
    const record = auth && own(ctx, auth.user.id);
    if (!record) return;
    ctx.server.scheduled.remove(record);
    sendJson(ctx, 200, {});
  });
}
