/**
 * People as a Bluesky account sees them. A profile's `viewer` state is the relationship: a follow
 * or block is a record in the account's repository (app.bsky.graph.follow / .block), made once and
 * deleted by the record key its viewer state names; a mute lives on the app view (muteActor).
 * Each change first reads the viewer state, so doing what is done already writes nothing.
 *
 * The app view learns of a new or deleted record a moment after the repository does: the
 * relationship is read back until it shows the change (a few tries, under 2 s in all); past that,
 * the answer is what was read with the change just written on top, since the repository has it.
 */
import type { Agent, AppBskyActorDefs } from '@atproto/api';
import { AtUri } from '@atproto/api';
import type { Profile, RelationAction, Relationship, Who } from '../../../../shared/domain/profile.ts';
import { claimsInBlueskyDescription } from '../../../../shared/timeline/identity-claims.ts';
import { websitesOfBlueskyProfile } from '../../../../shared/people/websites.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { Logger } from '../../base/logger.ts';
import type { NetworkPeople } from '../network.ts';
import { createQuarantine } from '../unreadable-post.ts';
import { hostOf } from './actions.ts';
import { pageOfFeed } from './feed-page.ts';
import { blueskyAuthor } from './post-mapping.ts';
import { profileOf, relationshipOf } from './profile-mapping.ts';
import { fromXrpcError } from './xrpc-errors.ts';

type ProfileView = AppBskyActorDefs.ProfileViewDetailed;

/** app.bsky.feed.getAuthorFeed's filter for each tab. */
const feedFilters = { posts: 'posts_no_replies', replies: 'posts_with_replies', media: 'posts_with_media' } as const;

/** getAuthorFeed's largest page. */
const maxPage = 100;

/** app.bsky.graph.getFollows' largest page. */
const followsPage = 100;

/** Waits between reads while the app view catches up with a write: about 1.5 s in all. */
const readBackWaits = [50, 100, 200, 400, 800];

/** An author is found by DID; an address is a handle (with or without @) or a DID. */
const actorOf = (who: Who) => (typeof who === 'string' ? who.trim().replace(/^@/, '') : who.id);

/** What each change does to the relationship, and whether the relationship already has it. */
const outcomes: Record<RelationAction, { has: (r: Relationship) => boolean; apply: (r: Relationship) => Relationship }> = {
  follow: { has: (r) => r.following, apply: (r) => ({ ...r, following: true }) },
  unfollow: { has: (r) => !r.following, apply: (r) => ({ ...r, following: false }) },
  mute: { has: (r) => r.muting, apply: (r) => ({ ...r, muting: true }) },
  unmute: { has: (r) => !r.muting, apply: (r) => ({ ...r, muting: false }) },
  block: { has: (r) => r.blocking, apply: (r) => ({ ...r, blocking: true }) },
  unblock: { has: (r) => !r.blocking, apply: (r) => ({ ...r, blocking: false }) },
};

/** getProfiles' largest batch. */
const profilesAtOnce = 25;

export function createBlueskyPeople(agentFor: (accountId: string) => Promise<Agent>, log: Logger = () => undefined): NetworkPeople {
  const quarantine = createQuarantine(log);

  async function profileView(agent: Agent, who: Who): Promise<ProfileView> {
    const actor = actorOf(who);
    try {
      return (await agent.getProfile({ actor })).data;
    } catch (error) {
      const failure = fromXrpcError(error, hostOf(agent), phrase('error.what.profile'));
      if (failure.code === 'invalid_input' && /not found|unable to resolve|must be a valid/i.test(failure.message)) {
        throw new ServerError('not_found', phrase('error.people.notOnBluesky', { who: actor }), { cause: error });
      }
      throw failure;
    }
  }

  /** Writes the change the relationship does not have yet; nothing when it has it. */
  async function write(agent: Agent, action: RelationAction, profile: ProfileView): Promise<void> {
    const viewer = profile.viewer ?? {};
    const repo = agent.assertDid;
    const rkeyOf = (uri: string) => new AtUri(uri).rkey;
    switch (action) {
      case 'follow':
        if (!viewer.following) await agent.follow(profile.did);
        return;
      case 'unfollow':
        if (viewer.following) await agent.app.bsky.graph.follow.delete({ repo, rkey: rkeyOf(viewer.following) });
        return;
      case 'mute':
        if (!viewer.muted) await agent.mute(profile.did);
        return;
      case 'unmute':
        if (viewer.muted) await agent.unmute(profile.did);
        return;
      case 'block':
        if (!viewer.blocking) await agent.app.bsky.graph.block.create({ repo }, { subject: profile.did, createdAt: new Date().toISOString() });
        return;
      case 'unblock':
        if (viewer.blocking) await agent.app.bsky.graph.block.delete({ repo, rkey: rkeyOf(viewer.blocking) });
        return;
    }
  }

  async function relate(action: RelationAction, accountId: string, who: Who): Promise<Relationship> {
    const agent = await agentFor(accountId);
    const before = await profileView(agent, who);
    const outcome = outcomes[action];
    if (outcome.has(relationshipOf(before))) return relationshipOf(before);
    try {
      await write(agent, action, before);
    } catch (error) {
      throw fromXrpcError(error, hostOf(agent), phrase('error.what.relation', { action }));
    }
    let read = relationshipOf(before);
    for (const wait of readBackWaits) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      read = relationshipOf(await profileView(agent, before.did));
      if (outcome.has(read)) return read;
    }
    return outcome.apply(read);
  }

  return {
    async profile(accountId, who) {
      const agent = await agentFor(accountId);
      const view = await profileView(agent, who);
      try {
        return profileOf(view, accountId);
      } catch (error) {
        throw new ServerError('server', phrase('error.badShape', { host: hostOf(agent), what: phrase('error.what.profile') }), { cause: error });
      }
    },

    async posts(accountId, who, tab, cursor, limit) {
      const agent = await agentFor(accountId);
      let data;
      try {
        ({ data } = await agent.getAuthorFeed({ actor: actorOf(who), filter: feedFilters[tab], limit: Math.min(limit, maxPage), ...(cursor ? { cursor } : {}) }));
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), phrase('error.what.postsOfPerson'));
      }
      return pageOfFeed(data.feed, data.cursor, accountId, quarantine);
    },

    /** The profile record's pinnedPost (a strong ref), read with getPosts: a post deleted since is left out. */
    async pinned(accountId, who) {
      const agent = await agentFor(accountId);
      let posts;
      try {
        const uri = (await agent.getProfile({ actor: actorOf(who) })).data.pinnedPost?.uri;
        if (!uri) return [];
        ({ posts } = (await agent.getPosts({ uris: [uri] })).data);
      } catch (error) {
        log(`${hostOf(agent)}: the pinned post of ${actorOf(who)} could not be read`, error);
        return [];
      }
      return pageOfFeed(posts.map((post) => ({ post })), undefined, accountId, quarantine).posts.filter((post) => !post.unreadable);
    },

    relate,

    /** A bsky.app post address is looked up; a handle or DID finds its person; other words search people and posts. */
    async profiles(accountId, addresses) {
      const agent = await agentFor(accountId);
      const found = new Map<string, Profile>();
      for (let start = 0; start < addresses.length; start += profilesAtOnce) {
        const asked = addresses.slice(start, start + profilesAtOnce);
        let data;
        try {
          // Actors that do not resolve (a bridge that does not exist) are left out of the answer.
          ({ data } = await agent.getProfiles({ actors: [...asked] }));
        } catch (error) {
          throw fromXrpcError(error, hostOf(agent), phrase('error.what.profiles'));
        }
        for (const view of data.profiles) {
          const profile = profileOf(view, accountId);
          for (const address of asked) if (address.toLowerCase() === view.handle.toLowerCase() || address === view.did) found.set(address.toLowerCase(), profile);
        }
      }
      return found;
    },

    async search(accountId, query, limit, only) {
      const agent = await agentFor(accountId);
      const what = phrase('error.what.search');
      try {
        const postAddress = /^https:\/\/bsky\.app\/profile\/([^/\s]+)\/post\/([a-z0-9]+)\/?$/i.exec(query);
        if (postAddress) {
          const [, actor, rkey] = postAddress;
          const did = actor!.startsWith('did:') ? actor! : (await agent.resolveHandle({ handle: actor! })).data.did;
          const { data } = await agent.getPosts({ uris: [`at://${did}/app.bsky.feed.post/${rkey}`] });
          return { people: [], posts: pageOfFeed(data.posts.map((post) => ({ post })), undefined, accountId, quarantine).posts.filter((post) => !post.unreadable) };
        }
        const handle = query.replace(/^@/, '');
        const [actors, posts] = await Promise.all([
          agent.app.bsky.actor.searchActors({ q: handle, limit: Math.min(limit, 25) }),
          only !== 'people' && (/\s/.test(query) || !handle.includes('.')) ? agent.app.bsky.feed.searchPosts({ q: query, limit: Math.min(limit, maxPage), sort: 'latest' }) : null,
        ]);
        let people = actors.data.actors.map(blueskyAuthor);
        // A handle or DID names one person: found even when the search index does not have them yet.
        if (/^(did:[a-z]+:\S+|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i.test(handle) && !people.some((person) => person.handle === handle || person.id === handle)) {
          const named = await agent.getProfile({ actor: handle }).then(({ data }) => [blueskyAuthor(data)], () => []);
          people = [...named, ...people];
        }
        const found = posts ? pageOfFeed(posts.data.posts.map((post) => ({ post })), undefined, accountId, quarantine).posts.filter((post) => !post.unreadable) : [];
        return { people, posts: found };
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), what);
      }
    },

    /** app.bsky.graph.getFollows of the account itself, 100 a page; each person with the Mastodon
     *  accounts and the websites their handle and description name (the app view's ProfileView
     *  carries the description). */
    async following(accountId, cursor) {
      const agent = await agentFor(accountId);
      let data;
      try {
        ({ data } = await agent.app.bsky.graph.getFollows({ actor: agent.assertDid, limit: followsPage, ...(cursor ? { cursor } : {}) }));
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), phrase('error.what.profiles'));
      }
      const people = data.follows.map((view) => {
        const claims = claimsInBlueskyDescription(view.description ?? '');
        const websites = websitesOfBlueskyProfile(view.handle, view.description ?? '');
        return { ...blueskyAuthor(view), ...(claims.length > 0 ? { claims } : {}), ...(websites.length > 0 ? { websites } : {}) };
      });
      // An empty page ends it, whatever cursor came with it (the app view may send one).
      return { people, cursor: data.follows.length > 0 && data.cursor && data.cursor !== cursor ? data.cursor : null };
    },

    /** Bluesky has no tag timeline: its post search for the tag, newest first. */
    async tagged(accountId, tag, cursor, limit) {
      const agent = await agentFor(accountId);
      let data;
      try {
        ({ data } = await agent.app.bsky.feed.searchPosts({ q: `#${tag}`, sort: 'latest', limit: Math.min(limit, maxPage), ...(cursor ? { cursor } : {}) }));
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), phrase('error.what.tagged'));
      }
      return pageOfFeed(data.posts.map((post) => ({ post })), data.cursor, accountId, quarantine);
    },
  };
}
