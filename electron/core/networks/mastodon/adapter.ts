import { z } from 'zod';
import { phrase } from '../../base/errors.ts';
import type { NetworkTimeline } from '../network.ts';
import { createQuarantine } from '../unreadable-post.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import { pageOfStatuses } from './status-page.ts';

export interface MastodonSession {
  origin: string;
  accessToken: string;
}

const maxPage = 40; // Mastodon's limit for the home timeline

export function createMastodonAdapter(sessionFor: (accountId: string) => Promise<MastodonSession>, log: (message: string, error?: unknown) => void = () => undefined): NetworkTimeline {
  const quarantine = createQuarantine(log);
  return {
    async home(accountId, cursor, limit) {
      const { origin, accessToken } = await sessionFor(accountId);
      const host = new URL(origin).host;
      const entries = await mastoCall(origin, phrase('error.what.homeTimeline'), z.array(z.unknown()), () =>
        mastoClient(origin, accessToken).v1.timelines.home.list({ limit: Math.min(limit, maxPage), ...(cursor ? { maxId: cursor } : {}) }),
      );
      return pageOfStatuses(entries, accountId, host, quarantine);
    },
  };
}
