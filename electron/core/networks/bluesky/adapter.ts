import type { Agent } from '@atproto/api';
import { phrase } from '../../base/errors.ts';
import type { NetworkTimeline } from '../network.ts';
import { createQuarantine } from '../unreadable-post.ts';
import { pageOfFeed } from './feed-page.ts';
import { fromXrpcError } from './xrpc-errors.ts';
import { hostOf } from './actions.ts';

export function createBlueskyAdapter(agentFor: (accountId: string) => Promise<Agent>, log: (message: string, error?: unknown) => void = () => undefined): NetworkTimeline {
  const quarantine = createQuarantine(log);
  return {
    async home(accountId, cursor, limit) {
      const agent = await agentFor(accountId);
      let data;
      try {
        ({ data } = await agent.getTimeline({ limit: Math.min(limit, 100), ...(cursor ? { cursor } : {}) }));
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), phrase('error.what.homeTimeline'));
      }
      return pageOfFeed(data.feed, data.cursor, accountId, quarantine);
    },
  };
}
