/**
 * Unfollow, mute and block as Mastodon's services do them to home feeds: UnfollowService unmerges
 * the person's statuses (FeedManager#unmerge_from_home), MuteService and BlockService clear them
 * (FeedManager#clear_from_home: their statuses, boosts of them, statuses mentioning them), a block
 * also ends follows both ways, and an unmute merges a followed person's statuses back
 * (MergeWorker). Each is idempotent, as the services are. Feeds change without stream events.
 */
import type { Actor, Social, StatusRecord } from './social.ts';

/** Mastodon's Relationship entity, as `meId` has it with `targetId`. */
export function relationshipEntity(social: Social, meId: string, targetId: string) {
  const { relations } = social;
  const muting = relations.isMuting(meId, targetId);
  return {
    id: targetId,
    following: social.isFollowing(meId, targetId),
    showing_reblogs: social.isFollowing(meId, targetId),
    notifying: false,
    languages: null,
    followed_by: social.isFollowing(targetId, meId),
    blocking: relations.isBlocking(meId, targetId),
    blocked_by: relations.isBlocking(targetId, meId),
    muting,
    muting_notifications: muting && relations.mutingNotifications(meId, targetId),
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  };
}

export function createRelationActions(social: Social, filteredFromHome: (status: StatusRecord, receiverId: string) => boolean) {
  const isLocal = (id: string) => social.actor(id)?.domain === null;

  /** FeedManager#unmerge_from_home: what `fromId` posted or boosted leaves `intoId`'s feed. */
  function unmerge(fromId: string, intoId: string): void {
    if (!isLocal(intoId)) return;
    for (const status of social.statusesBy(fromId)) social.removeFromFeed(intoId, status);
  }

  /** FeedManager#merge_into_home: `fromId`'s recent statuses join `intoId`'s feed, as far as it lets them. */
  function merge(fromId: string, intoId: string): void {
    const recent = social.statusesBy(fromId).filter((s) => s.visibility !== 'direct').slice(0, 200);
    for (const status of recent) if (!filteredFromHome(status, intoId)) social.addToFeed(intoId, status);
  }

  /** FeedManager#clear_from_home. */
  function clearFromHome(accountId: string, targetId: string): void {
    for (const status of social.homeFeed(accountId)) {
      const original = social.status(status.reblogOfId);
      const concerns = (s: StatusRecord | undefined) => s !== undefined && (s.accountId === targetId || s.mentionIds.includes(targetId));
      if (concerns(status) || concerns(original)) social.removeFromFeed(accountId, status);
    }
  }

  function unfollow(me: Actor, target: Actor): void {
    if (social.unfollow(me.id, target.id)) unmerge(target.id, me.id);
  }

  return {
    unfollow,
    mute(me: Actor, target: Actor, notifications = true): void {
      social.relations.mute(me.id, target.id, notifications);
      clearFromHome(me.id, target.id);
    },
    unmute(me: Actor, target: Actor): void {
      if (social.relations.unmute(me.id, target.id) && social.isFollowing(me.id, target.id)) merge(target.id, me.id);
    },
    block(me: Actor, target: Actor): void {
      unfollow(me, target);
      unfollow(target, me);
      social.relations.block(me.id, target.id);
      clearFromHome(me.id, target.id);
    },
    unblock(me: Actor, target: Actor): void {
      social.relations.unblock(me.id, target.id);
    },
  };
}
