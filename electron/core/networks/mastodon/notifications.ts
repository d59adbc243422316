/**
 * An account's notifications from its Mastodon server: grouped (GET /api/v2/notifications, 4.3+),
 * or one each (GET /api/v1/notifications) where the server has no groups (it answers 404: older
 * Mastodon, GoToSocial and others), which is then remembered for that server. Read state is the
 * notifications marker (GET/POST /api/v1/markers), read beside the newest page; a server without
 * markers keeps none (read state then stays Braid's own). The marker is asked only when the page
 * holds something unread by Braid's own mark: with everything read, a refresh is one request.
 */
import { z } from 'zod';
import { isAfterMark } from '../../../../shared/inbox/read-marks.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { NetworkNotifications, NotificationsPage } from '../network.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import type { MastodonSession } from './adapter.ts';
import { notificationsFromGroups, notificationsFromList, type Viewer } from './notification-mapping.ts';

const maxPage = 40; // Mastodon's default page of notifications
const groupedTypes = ['favourite', 'reblog', 'follow'] as const;

const markerSchema = z.looseObject({ notifications: z.looseObject({ lastReadId: z.union([z.string(), z.number().transform(String)]) }).optional() });

export function createMastodonNotifications(sessionFor: (accountId: string) => Promise<MastodonSession>): NetworkNotifications {
  const withoutGroups = new Set<string>();
  const withoutMarkers = new Set<string>();

  async function readMark(origin: string, accessToken: string): Promise<string | null> {
    if (withoutMarkers.has(origin)) return null;
    try {
      const marker = await mastoCall(origin, phrase('error.what.readMarker'), markerSchema, () => mastoClient(origin, accessToken).v1.markers.fetch({ timeline: ['notifications'] }));
      return marker.notifications?.lastReadId || null;
    } catch (error) {
      if (error instanceof ServerError && error.status === 404) withoutMarkers.add(origin);
      else if (error instanceof ServerError && error.code === 'auth_expired') throw error;
      return null; // the notifications still show; read state waits for the next refresh
    }
  }

  async function page(accountId: string, { origin, accessToken }: MastodonSession, cursor: string | null, limit: number): Promise<Omit<NotificationsPage, 'readMark'>> {
    const viewer: Viewer = { accountId, ownId: accountId.slice(accountId.lastIndexOf(':') + 1), serverHost: new URL(origin).host, now: new Date() };
    const client = mastoClient(origin, accessToken);
    const params = { limit: Math.min(limit, maxPage), ...(cursor ? { maxId: cursor } : {}) };
    if (!withoutGroups.has(origin)) {
      try {
        const answer = await mastoCall(origin, phrase('error.what.notifications'), z.unknown(), () => client.v2.notifications.list({ ...params, groupedTypes: [...groupedTypes] }));
        const { oldestId, ...read } = readOrRefuse(origin, () => notificationsFromGroups(answer, viewer));
        return { ...read, cursor: oldestId };
      } catch (error) {
        if (!(error instanceof ServerError && error.status === 404)) throw error;
        withoutGroups.add(origin);
      }
    }
    const answer = await mastoCall(origin, phrase('error.what.notifications'), z.array(z.unknown()), () => client.v1.notifications.list(params));
    const read = readOrRefuse(origin, () => notificationsFromList(answer, viewer));
    const last = z.object({ id: z.string() }).safeParse(answer.at(-1));
    return { ...read, cursor: last.success ? last.data.id : null };
  }

  return {
    async page(accountId, cursor, limit, known = null): Promise<NotificationsPage> {
      const session = await sessionFor(accountId);
      const read = await page(accountId, session, cursor, limit);
      if (cursor || !read.notifications.some((notification) => isAfterMark(notification.mark, known))) return { ...read, readMark: null };
      return { ...read, readMark: await readMark(session.origin, session.accessToken) };
    },
    async markRead(accountId, mark) {
      const { origin, accessToken } = await sessionFor(accountId);
      if (withoutMarkers.has(origin)) return;
      await mastoCall(origin, phrase('error.what.readMarker'), z.unknown(), () => mastoClient(origin, accessToken).v1.markers.create({ notifications: { lastReadId: mark } }));
    },
  };
}

function readOrRefuse<T>(origin: string, read: () => T): T {
  try {
    return read();
  } catch {
    throw new ServerError('server', phrase('error.badShape', { host: new URL(origin).host, what: phrase('error.what.notifications') }));
  }
}
