/**
 * An account's notifications from its Mastodon server: grouped (GET /api/v2/notifications, 4.3+),
 * or one each (GET /api/v1/notifications) where the server has no groups (it answers 404: older
 * Mastodon, GoToSocial and others), which is then remembered for that server.
 */
import { z } from 'zod';
import { ServerError } from '../../base/errors.ts';
import type { NetworkNotifications, NotificationsPage } from '../network.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import type { MastodonSession } from './adapter.ts';
import { notificationsFromGroups, notificationsFromList, type Viewer } from './notification-mapping.ts';

const maxPage = 40; // Mastodon's default page of notifications
const groupedTypes = ['favourite', 'reblog', 'follow'] as const;

export function createMastodonNotifications(sessionFor: (accountId: string) => Promise<MastodonSession>): NetworkNotifications {
  const withoutGroups = new Set<string>();
  return {
    async page(accountId, cursor, limit): Promise<NotificationsPage> {
      const { origin, accessToken } = await sessionFor(accountId);
      const viewer: Viewer = { accountId, ownId: accountId.slice(accountId.lastIndexOf(':') + 1), serverHost: new URL(origin).host, now: new Date() };
      const client = mastoClient(origin, accessToken);
      const params = { limit: Math.min(limit, maxPage), ...(cursor ? { maxId: cursor } : {}) };
      if (!withoutGroups.has(origin)) {
        try {
          const answer = await mastoCall(origin, 'the notifications', z.unknown(), () => client.v2.notifications.list({ ...params, groupedTypes: [...groupedTypes] }));
          const { oldestId, ...read } = readOrRefuse(origin, () => notificationsFromGroups(answer, viewer));
          return { ...read, cursor: oldestId };
        } catch (error) {
          if (!(error instanceof ServerError && error.status === 404)) throw error;
          withoutGroups.add(origin);
        }
      }
      const answer = await mastoCall(origin, 'the notifications', z.array(z.unknown()), () => client.v1.notifications.list(params));
      const read = readOrRefuse(origin, () => notificationsFromList(answer, viewer));
      const last = z.object({ id: z.string() }).safeParse(answer.at(-1));
      return { ...read, cursor: last.success ? last.data.id : null };
    },
  };
}

function readOrRefuse<T>(origin: string, read: () => T): T {
  try {
    return read();
  } catch {
    throw new ServerError('server', `${new URL(origin).host} answered the notifications in a shape Braid does not understand.`);
  }
}
