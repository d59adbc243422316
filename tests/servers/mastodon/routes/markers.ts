/**
 * Api::V1::MarkersController: GET answers the markers of the timelines asked for (`timeline[]`) that exist, keyed by
 * timeline; POST saves `<timeline>[last_read_id]` for home and notifications and answers the markers it saved.
 */
import { authorizeUser } from '../auth.ts';
import { list, sendJson, str } from '../http.ts';
import { markerEntity, markerTimelines, type MarkerEntity } from '../markers.ts';
import type { Router } from '../router.ts';

export function markerRoutes(router: Router): void {
  router.add('GET', '/api/v1/markers', (ctx) => {
    const auth = authorizeUser(ctx, ['read', 'read:statuses']);
    if (!auth) return;
    const asked = list(ctx.input, 'timeline') ?? [];
    const answer: Record<string, MarkerEntity> = {};
    for (const timeline of markerTimelines) {
      const marker = asked.includes(timeline) ? ctx.server.markers.get(auth.user.id, timeline) : undefined;
      if (marker) answer[timeline] = markerEntity(marker);
    }
    sendJson(ctx, 200, answer);
  });

  router.add('POST', '/api/v1/markers', (ctx) => {
    const auth = authorizeUser(ctx, ['write', 'write:statuses']);
    if (!auth) return;
    const answer: Record<string, MarkerEntity> = {};
    for (const timeline of markerTimelines) {
      const lastReadId = str(ctx.input, `${timeline}[last_read_id]`);
      if (lastReadId) answer[timeline] = markerEntity(ctx.server.markers.set(auth.user.id, timeline, lastReadId));
    }
    sendJson(ctx, 200, answer);
  });
}
