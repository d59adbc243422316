/** People as a Bluesky account sees them: a follow is an app.bsky.graph.follow record, written once. */
import type { Agent } from '@atproto/api';
import type { Author } from '../../../../shared/domain/post.ts';
import type { NetworkPeople } from '../network.ts';
import { fromXrpcError } from './xrpc-errors.ts';
import { hostOf } from './actions.ts';

export function createBlueskyPeople(agentFor: (accountId: string) => Promise<Agent>): NetworkPeople {
  return {
    async follow(accountId, author: Author) {
      const agent = await agentFor(accountId);
      try {
        // A second follow record would be a duplicate, not an error: ask first.
        const { data } = await agent.getProfile({ actor: author.id });
        if (!data.viewer?.following) await agent.follow(author.id);
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), 'the follow');
      }
    },
  };
}
